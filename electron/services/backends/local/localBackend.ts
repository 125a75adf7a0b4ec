import { SlurmScheduler, type SlurmSchedulerOptions } from '../../slurm/slurmScheduler';
import type { Backend } from '../types';
import { createExecFileRunner, type ExecFileRunnerOptions } from './execFileRunner';
import { createLocalFiles } from './localFiles';

export type LocalBackendOptions = { runner?: ExecFileRunnerOptions; scheduler?: SlurmSchedulerOptions };

/** Slurm installed on this computer: its commands by execFile, its files on the local disk. */
export function createLocalBackend(options: LocalBackendOptions = {}): Backend {
  const runner = createExecFileRunner(options.runner);
  return {
    kind: 'local',
    files: createLocalFiles(),
    runner,
    scheduler: new SlurmScheduler(runner, options.scheduler),
    // Nothing is held open between commands.
    close: async () => {},
  };
}
