import { createExecFileRunner } from '../local/execFileRunner';
import { createLocalFiles } from '../local/localFiles';
import type { Backend } from '../types';
import { ExecutorClient } from './executorClient';

export type EmbeddedBackendOptions = {
  /** The executor's state folder (job list, scripts as submitted, exit files, socket, log). */
  stateDir: string;
  /** argv that starts the executor daemon: `[node, <out/cli/main.mjs>, 'executor', stateDir]`. */
  executorCommand: readonly string[];
  /** The environment of programs run through `runner` (default: this process's). */
  env?: NodeJS.ProcessEnv;
  /** How long to keep trying to reach a daemon this process started (default 10 s). */
  startTimeoutMs?: number;
};

/**
 * "This computer" when no Slurm is installed: files on the local disk, programs by execFile, jobs
 * run by the executor daemon of the state folder (started on first use, shared by the app and
 * every CLI). Closing drops the connection; the daemon keeps running the jobs.
 */
export function createEmbeddedBackend(options: EmbeddedBackendOptions): Backend {
  const scheduler = new ExecutorClient({
    stateDir: options.stateDir,
    command: options.executorCommand,
    ...(options.startTimeoutMs === undefined ? {} : { startTimeoutMs: options.startTimeoutMs }),
  });
  return {
    kind: 'embedded',
    files: createLocalFiles(),
    scheduler,
    runner: createExecFileRunner(options.env === undefined ? {} : { env: options.env }),
    close: () => scheduler.close(),
  };
}
