import type { ContractClient } from '../../shared/contract/client';
import type { Params, Result } from '../../shared/contract/index';
import type { SlurmfileView } from '../../shared/contract/slurmfileMethods';
import { AppError } from '../../shared/errors';
import { reportIfDisconnected } from '../app/reportIfDisconnected';
import { useSubmitFormStore } from '../submit/submitFormStore';
import { submitRouteOf } from './projectState';
import { useSlurmfileStore } from './slurmfileStore';

function messageOf(error: unknown, fallback: string): string {
  reportIfDisconnected(error);
  return error instanceof Error ? error.message : fallback;
}

/**
 * The environment names a cluster: the form starts on it (its other fields are left alone). Only
 * for a trusted file: an untrusted one does not choose where jobs run, not even as a default
 * a person might not notice.
 */
function preselectCluster(view: SlurmfileView): void {
  if (!view.trusted) return;
  const form = useSubmitFormStore.getState();
  if (view.cluster && form.fields.cluster !== view.cluster.name) form.chooseCluster(view.cluster.name, {});
}

export async function loadRecentSlurmfiles(client: ContractClient): Promise<void> {
  try {
    const { slurmfiles } = await client.call('slurmfiles.recent', {});
    useSlurmfileStore.getState().setRecent(slurmfiles);
  } catch (error) {
    // The recent list is a convenience: without it the path field still works.
    reportIfDisconnected(error);
  }
}

async function read(client: ContractClient, path: string, environment: string | null | undefined): Promise<SlurmfileView> {
  return client.call('slurmfiles.open', { path, ...(environment ? { environment } : {}) });
}

/** Opens a project folder or Slurmfile (or another environment of the open one). */
export async function openProject(client: ContractClient, path: string, environment?: string | null): Promise<void> {
  const store = useSlurmfileStore.getState();
  store.setBusy('open');
  try {
    const view = await read(client, path, environment);
    useSlurmfileStore.getState().showView(view);
    preselectCluster(view);
    void loadRecentSlurmfiles(client);
  } catch (error) {
    useSlurmfileStore.getState().fail(messageOf(error, 'The Slurmfile could not be opened.'));
  } finally {
    useSlurmfileStore.getState().setBusy(null);
  }
}

export type TrustOutcome = { trusted: true } | { trusted: false; message: string };

/**
 * Trusts the content that was shown (its SHA-256). When the file changed in the meantime it is
 * read again, so the dialog shows the new content and the person decides on that.
 */
export async function trustShownSlurmfile(client: ContractClient, shown: SlurmfileView): Promise<TrustOutcome> {
  useSlurmfileStore.getState().setBusy('trust');
  try {
    await client.call('slurmfiles.trust', { file: shown.file, sha256: shown.sha256 });
    // Trust answers for the default environment: read again the one the person is on.
    useSlurmfileStore.getState().showView(await read(client, shown.file, shown.chosen));
    return { trusted: true };
  } catch (error) {
    if (error instanceof AppError && error.code === 'slurmfile-changed') {
      try {
        useSlurmfileStore.getState().showView(await read(client, shown.file, shown.chosen), { changed: true });
      } catch (reread) {
        return { trusted: false, message: messageOf(reread, 'The Slurmfile changed and could not be read again.') };
      }
      return { trusted: false, message: 'The Slurmfile changed since it was shown. Review what it holds now before trusting it.' };
    }
    return { trusted: false, message: messageOf(error, 'The Slurmfile could not be trusted.') };
  } finally {
    useSlurmfileStore.getState().setBusy(null);
  }
}

/** Fills the Submit form from a template of the trusted Slurmfile. */
export async function applyTemplate(client: ContractClient, view: SlurmfileView, name: string): Promise<void> {
  if (view.chosen === null) return;
  const store = useSlurmfileStore.getState();
  store.setBusy('template');
  try {
    const { spec } = await client.call('slurmfiles.template', { file: view.file, environment: view.chosen, name });
    useSubmitFormStore.getState().loadSpec(spec);
    useSlurmfileStore.getState().chooseTemplate(name);
    useSlurmfileStore.getState().fail(null);
  } catch (error) {
    useSlurmfileStore.getState().fail(messageOf(error, 'The template could not be read.'));
  } finally {
    useSlurmfileStore.getState().setBusy(null);
  }
}

/** Submit: through the open, trusted Slurmfile so its callbacks hear the job; else as a plain job. */
export function submitJob(client: ContractClient, spec: Params<'jobs.submit'>['spec']): Promise<Result<'jobs.submit'>> {
  const { view, template } = useSlurmfileStore.getState();
  const route = submitRouteOf(view, template);
  if (route.via === 'jobs') return client.call('jobs.submit', { spec });
  return client.call('slurmfiles.submit', { file: route.file, environment: route.environment, ...(route.template ? { template: route.template } : {}), spec });
}
