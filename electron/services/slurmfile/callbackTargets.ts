import { dirname, isAbsolute, resolve } from 'node:path';
import type { SlurmfileProblem } from '../../../shared/contract/slurmfileMethods';
import { normalizeCallback } from '../../../shared/slurmfile/slurmfileSchema';
import { defaultCallbackTimeoutMs, type CallbackSpec } from './callbackWorker';
import { problemAt, type LoadedEnvironment } from './loadSlurmfile';
import type { PinnedFile } from './callbackBundle';
import { moduleHash } from './callbackModuleHash';

/** A callback of an environment: runnable (a JavaScript module) or listed only (the Python SDK's). */
export type CallbackTarget = { target: string; runs: boolean; spec: CallbackSpec | null };

/** A callback module's exact bytes now. */
export type CallbackModule = { path: string; sha256: string };

/** A callback module as trust pins it: its bytes, the bundle of it and all it imports, and the files that bundle came from. */
export type PinnedCallbackModule = CallbackModule & { bundleSha256?: string | undefined; files?: PinnedFile[] | undefined };

const javascript = /\.(mjs|cjs|js)$/;

/**
 * The environment's callbacks, resolved against the Slurmfile's folder. A JavaScript target whose
 * file is missing is an error at its place in the file; a Python target is a warning (listed,
 * not run), so a Slurmfile written for the Python SDK still loads.
 */
export function callbackTargets(file: string, environment: LoadedEnvironment): { targets: CallbackTarget[]; problems: SlurmfileProblem[] } {
  const targets: CallbackTarget[] = [];
  const problems: SlurmfileProblem[] = [];
  environment.config.callbacks.forEach((entry, index) => {
    const callback = normalizeCallback(entry);
    const where = environment.where(typeof entry === 'string' ? ['callbacks', index] : ['callbacks', index, 'target']);
    const colon = callback.target.lastIndexOf(':');
    const modulePart = callback.target.slice(0, colon);
    const exportName = callback.target.slice(colon + 1);
    if (!javascript.test(modulePart)) {
      targets.push({ target: callback.target, runs: false, spec: null });
      problems.push(problemAt('warning', where, `callback ${callback.target} is a Python target (for the Python SDK); Slurm Desk runs JavaScript modules (./hooks/notify.mjs:Notifier) and skips it`));
      return;
    }
    const modulePath = isAbsolute(modulePart) ? modulePart : resolve(dirname(file), modulePart);
    const hashed = moduleHash(modulePath);
    if (!hashed.ok) {
      targets.push({ target: callback.target, runs: false, spec: null });
      problems.push(problemAt('error', where, `callback ${callback.target}: the file ${modulePath} ${hashed.problem}`));
      return;
    }
    const sha256 = hashed.sha256;
    const spec: CallbackSpec = { target: callback.target, where, modulePath, sha256, exportName, args: callback.args, kwargs: callback.kwargs, timeoutMs: callback.timeoutMs ?? defaultCallbackTimeoutMs };
    targets.push({ target: callback.target, runs: true, spec });
  });
  return { targets, problems };
}

/** The modules these callbacks would run, each with the hash of its bytes now. */
export function callbackModules(targets: readonly CallbackTarget[]): CallbackModule[] {
  const modules = new Map<string, string>();
  for (const { spec } of targets) if (spec) modules.set(spec.modulePath, spec.sha256);
  return [...modules].map(([path, sha256]) => ({ path, sha256 }));
}
