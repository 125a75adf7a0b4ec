import type { SlurmfileView } from '../../shared/contract/slurmfileMethods';
import type { JobSpecInput } from '../../shared/jobs/jobSpec';
import { chooseEnvironment, discoverSlurmfile } from '../services/slurmfile/discoverSlurmfile';
import { slurmfileError } from '../services/slurmfile/loadSlurmfile';
import { untrustedSubmitFields } from '../../shared/slurmfile/untrustedSlurmfile';
import { UsageError } from './cliErrors';
import { shown } from './output';
import { announceShipping, reportSubmission, submitCommand, type CommandContext } from './commands';
import { resourcesFromFlags, specFromFlags, type SubmitFlags } from './submitSpec';

export type SlurmfileFlags = { slurmfile?: string; 'slurm-env'?: string; env?: string | string[]; trust?: string };
type SubmitWithSlurmfileFlags = Omit<SubmitFlags, 'cluster'> & SlurmfileFlags & { cluster?: string; template?: string; wait: boolean; timeout?: string };

/**
 * `submit` where a Slurmfile applies (`--slurmfile`, `$SLURMFILE`, or one found walking up from
 * here): its environment gives the cluster and the submit defaults (flags win), `--template NAME`
 * one of its templates, and its callbacks hear of the job. Without a Slurmfile, a plain submit.
 */
export async function submitWithSlurmfile(context: CommandContext, flags: SubmitWithSlurmfileFlags): Promise<number> {
  const { file, skipped } = discoverSlurmfile({ explicit: flags.slurmfile, cwd: context.cwd });
  for (const note of skipped) context.output.log(`Slurmfile: ${note}.`);
  if (!file) {
    if (flags.template) throw new UsageError('--template needs a Slurmfile: none was found here or above (give --slurmfile PATH or set SLURMFILE).');
    return submitCommand(context, { ...flags, cluster: flags.cluster ?? 'embedded' });
  }
  const service = context.services.slurmfiles;
  const environment = chooseEnvironment(flags['slurm-env']);
  if (flags.trust) service.trustForRun(file, flags.trust);
  let spec: JobSpecInput;
  if (flags.template) {
    if (flags.script || flags.python) throw new UsageError('Give --template NAME or a script / --python target, not both.');
    spec = service.template(file, environment, flags.template);
    const overrides = resourcesFromFlags({ ...flags, cluster: '' });
    spec = {
      ...spec,
      ...(flags.name ? { name: flags.name } : {}),
      ...(flags.cluster ? { cluster: flags.cluster } : {}),
      resources: { ...spec.resources, ...overrides, extra: (overrides.extra ?? []).length > 0 ? overrides.extra : (spec.resources?.extra ?? []) },
    };
  } else {
    const defaults = service.submitDefaults(file, environment);
    const fromFlags = specFromFlags({ ...flags, cluster: flags.cluster ?? defaults.cluster ?? 'embedded' }, context.cwd);
    const given = fromFlags.resources ?? { extra: [] };
    spec = { ...fromFlags, resources: { ...defaults.resources, ...given, extra: (given.extra ?? []).length > 0 ? given.extra : defaults.resources.extra } };
    if (!defaults.trusted) {
      // Untrusted: the file is inert but for a few harmless sizes; the job is a plain one, told to no callback.
      context.output.log(untrustedNotice(defaults.file, defaults.sha256, defaults.ignored));
      await announceShipping(context, spec);
      return reportSubmission(context, await context.services.engine.submit(spec), flags);
    }
  }
  await service.checkCallbacks(file, environment);
  if (!context.output.json) context.output.log(`Using ${shown(file)} (environment ${shown(environment)})`);
  await announceShipping(context, spec);
  const record = await service.submit({ file, environment, template: flags.template, spec });
  return reportSubmission(context, record, flags);
}

function untrustedNotice(file: string, sha256: string, ignored: readonly string[]): string {
  const lines = [`Using ${file} untrusted: only its ${untrustedSubmitFields.join(', ')} apply.`];
  for (const entry of ignored) lines.push(`  ignored ${entry}`);
  lines.push(`Read it, then trust it with: slurmdesk slurmfile trust ${sha256} --slurmfile ${file} (or pass --trust ${sha256} for one run).`);
  return lines.join('\n');
}

/** `slurmdesk slurmfile show | trust SHA256 | revoke`. */
export async function slurmfileCommand(context: CommandContext, action: string | undefined, args: readonly string[], flags: SlurmfileFlags): Promise<number> {
  const { file, skipped } = discoverSlurmfile({ explicit: flags.slurmfile, cwd: context.cwd });
  for (const note of skipped) context.output.log(`Slurmfile: ${note}.`);
  if (!file) throw new UsageError('No Slurmfile found here or above; give --slurmfile PATH (a file or a project folder) or set SLURMFILE.');
  const service = context.services.slurmfiles;
  const environmentFlag = typeof flags.env === 'string' ? flags.env : (flags.env?.[0] ?? flags['slurm-env']);
  switch (action) {
    case 'show':
    case undefined: {
      if (flags.trust) service.trustForRun(file, flags.trust);
      const view = service.open(file, environmentFlag);
      context.output.print(view, () => describeView(view));
      return view.problems.some((entry) => entry.severity === 'error') ? 1 : 0;
    }
    case 'trust': {
      const sha256 = args[0] ?? flags.trust;
      if (!sha256) throw new UsageError('slurmfile trust takes the SHA-256 that slurmfile show printed, so you trust exactly what you read.');
      const view = service.trust(file, sha256.toLowerCase());
      const errors = view.problems.filter((entry) => entry.severity === 'error');
      if (errors.length > 0) throw slurmfileError(errors);
      const pinned = service.store.entry(view.file, view.sha256)?.callbackModules ?? [];
      const code = pinned.map((module) => `\nCallback code pinned: ${shown(module.path)} and ${(module.files?.length ?? 1) - 1} imported files as SHA-256 ${module.bundleSha256 ?? '(none)'}`).join('');
      context.output.print(view, () => `Trusted ${shown(view.file)} (SHA-256 ${view.sha256}).${code}\nAny edit to it or to its callback code needs trusting again.`);
      return 0;
    }
    case 'revoke': {
      const revoked = service.revoke(file);
      context.output.print({ file, revoked }, () => (revoked ? `No longer trusted: ${shown(file)}` : `${shown(file)} was not trusted.`));
      return 0;
    }
    default:
      throw new UsageError(`slurmfile takes show, trust SHA256 or revoke; not ${JSON.stringify(action)}.`);
  }
}

function describeView(view: SlurmfileView): string {
  const lines = [
    `Slurmfile:    ${shown(view.file)}`,
    `SHA-256:      ${view.sha256}`,
    `Trusted:      ${view.trusted ? 'yes (this exact content)' : `no — after reading it: slurmdesk slurmfile trust ${view.sha256}`}`,
    `Environments: ${view.environments.map(shown).join(', ') || '(none)'}${view.chosen ? ` (using ${shown(view.chosen)})` : ''}`,
  ];
  if (view.cluster) lines.push(`Cluster:      ${shown(view.cluster.name)} (${view.cluster.backend}${view.cluster.host ? `, ${shown(view.cluster.user ?? '')}${view.cluster.user ? '@' : ''}${shown(view.cluster.host)}` : ''})`);
  lines.push(`Templates:    ${view.templates.map((template) => `${shown(template.name)} (${template.kind}: ${shown(template.summary)})`).join(', ') || '(none)'}`);
  lines.push(`Callbacks:    ${view.callbacks.map((callback) => `${shown(callback.target)}${callback.runs ? '' : ' (not run)'}`).join(', ') || '(none)'}`);
  for (const entry of view.ignored) lines.push(`ignored (not trusted): ${shown(entry)}`);
  for (const entry of view.problems) lines.push(`${entry.severity === 'error' ? 'error' : 'warning'}: ${shown(entry.where)}: ${shown(entry.message)}`);
  return lines.join('\n');
}
