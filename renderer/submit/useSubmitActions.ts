import { useState } from 'react';
import type { ContractClient } from '../../shared/contract/client';
import type { Result } from '../../shared/contract/index';
import { AppError, type ErrorDetail } from '../../shared/errors';
import { useNavigationStore } from '../app/navigationStore';
import { reportIfDisconnected } from '../app/reportIfDisconnected';
import { useClusterOverviewStore } from '../clusterOverview/clusterOverviewStore';
import { useJobsStore } from '../jobs/jobsStore';
import { submitJob } from '../slurmfile/projectActions';
import { buildJobSpec } from './buildJobSpec';
import { fieldErrorsFromDetails } from './fieldErrorsFromAppError';
import { type FieldErrors, type SubmitFields, useSubmitFormStore } from './submitFormStore';

export type SubmitProblems = { message: string; details: ErrorDetail[]; fieldErrors: FieldErrors };
export type Preview = Result<'jobs.preview'>;

const noProblems: SubmitProblems = { message: '', details: [], fieldErrors: {} };

function localProblems(errors: FieldErrors): SubmitProblems {
  const details = Object.entries(errors).map(([path, message]) => ({ path, message }));
  return { message: 'Fix the highlighted fields: nothing was sent.', details, fieldErrors: errors };
}

function problemsFrom(error: unknown): SubmitProblems {
  reportIfDisconnected(error);
  if (error instanceof AppError) {
    const details = error.details ?? [];
    return { message: error.message, details, fieldErrors: fieldErrorsFromDetails(details) };
  }
  return { message: 'Slurm Desk could not do that, and gave no reason.', details: [], fieldErrors: {} };
}

/**
 * Preview and Submit: client-side checks first (nothing is sent if they fail), then the contract.
 * After a refused try the checks run again on every change, so each message goes as soon as its
 * field is right and the banner with the last of them; what main said holds only for the fields
 * it was said about.
 */
export function useSubmitActions(client: ContractClient) {
  const [busy, setBusy] = useState<'preview' | 'submit' | null>(null);
  const [refused, setRefused] = useState<{ by: 'form' } | { by: 'main'; of: SubmitFields; problems: SubmitProblems } | null>(null);
  // A preview belongs to the fields it was made from: once they change, it is no longer the truth.
  const [preview, setPreview] = useState<{ of: SubmitFields; preview: Preview } | null>(null);
  const fields = useSubmitFormStore((state) => state.fields);
  const partitions = useClusterOverviewStore((state) => state.byCluster[fields.cluster]?.overview?.partitions);

  let problems = noProblems;
  if (refused?.by === 'form') {
    const built = buildJobSpec(fields, { partitions: partitions ?? [] });
    if (!built.ok) problems = localProblems(built.errors);
  } else if (refused?.by === 'main' && refused.of === fields) {
    problems = refused.problems;
  }

  async function run(action: 'preview' | 'submit') {
    const current = useSubmitFormStore.getState().fields;
    const known = useClusterOverviewStore.getState().byCluster[current.cluster]?.overview?.partitions ?? [];
    const built = buildJobSpec(current, { partitions: known });
    if (!built.ok) {
      setRefused({ by: 'form' });
      return;
    }
    setBusy(action);
    setRefused(null);
    try {
      if (action === 'preview') {
        setPreview({ of: current, preview: await client.call('jobs.preview', { spec: built.spec }) });
      } else {
        const job = await submitJob(client, built.spec);
        useJobsStore.getState().merge([job]);
        useJobsStore.getState().select(job.id);
        useNavigationStore.getState().showView('jobs');
      }
    } catch (error) {
      setRefused({ by: 'main', of: current, problems: problemsFrom(error) });
    } finally {
      setBusy(null);
    }
  }

  return {
    busy,
    problems,
    preview: preview?.of === fields ? preview.preview : null,
    onPreview: () => void run('preview'),
    onSubmit: () => void run('submit'),
  };
}
