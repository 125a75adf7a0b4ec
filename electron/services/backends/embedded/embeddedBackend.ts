import { createExecFileRunner } from '../local/execFileRunner';
import { createLocalFiles } from '../local/localFiles';
import type { Backend } from '../types';
import { EmbeddedScheduler, type EmbeddedSchedulerOptions } from './embeddedScheduler';

/**
 * "This computer" when no Slurm is installed: files on the local disk, programs by execFile, jobs
 * run by the embedded scheduler. Closing stops watching; jobs that are running keep running.
 */
export function createEmbeddedBackend(options: EmbeddedSchedulerOptions): Backend {
  const scheduler = new EmbeddedScheduler(options);
  return {
    kind: 'embedded',
    files: createLocalFiles(),
    scheduler,
    runner: createExecFileRunner(options.env === undefined ? {} : { env: options.env }),
    close: () => scheduler.close(),
  };
}
