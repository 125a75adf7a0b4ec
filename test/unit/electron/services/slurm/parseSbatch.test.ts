import { describe, expect, it } from 'vitest';
import { SchedulerError } from '../../../../../electron/services/backends/types';
import { parseSbatch, parseSbatchJobId } from '../../../../../electron/services/slurm/parseSbatch';
import { commandError, slurmMessages } from '../../../../../electron/services/slurm/slurmErrors';

const failed = (stderr: string, exitCode = 1) => ({ stdout: '', stderr, exitCode });

function thrownBy(action: () => unknown): SchedulerError {
  try {
    action();
  } catch (error) {
    if (error instanceof SchedulerError) return error;
    throw error;
  }
  throw new Error('expected a SchedulerError');
}

describe('parseSbatchJobId', () => {
  it('reads `123` and `123;cluster`', () => {
    expect(parseSbatchJobId('123\n')).toBe('123');
    expect(parseSbatchJobId('4567;hpc-west\n')).toBe('4567');
  });

  it('refuses output without a job id', () => {
    expect(() => parseSbatchJobId('')).toThrow(/printed no job id/);
    expect(() => parseSbatchJobId('Submitted batch job 12\n')).toThrow(SchedulerError);
  });
});

// stderr exactly as sbatch 22.05 printed it on the test cluster.
describe('parseSbatch errors', () => {
  it('names the partition Slurm refused, with both of its lines', () => {
    const error = thrownBy(() => parseSbatch(failed('sbatch: error: invalid partition specified: nope\nsbatch: error: Batch job submission failed: Invalid partition name specified\n')));
    expect(error.code).toBe('scheduler-rejected');
    expect(error.message).toBe('Slurm refused the job: invalid partition specified: nope; Batch job submission failed: Invalid partition name specified');
  });

  it.each([
    ['sbatch: error: Memory specification can not be satisfied\nsbatch: error: Batch job submission failed: Requested node configuration is not available\n', /Memory specification can not be satisfied/],
    ['sbatch: error: Invalid generic resource (gres) specification\n', /Invalid generic resource/],
    ['sbatch: error: Batch job submission failed: Invalid feature specification\n', /Invalid feature specification/],
    ["sbatch: unrecognized option '--bogus'\nTry \"sbatch --help\" for more information\n", /^Slurm refused the job: unrecognized option '--bogus'$/],
  ])('reports what Slurm said: %s', (stderr, expected) => {
    const error = thrownBy(() => parseSbatch(failed(stderr)));
    expect(error.code).toBe('scheduler-rejected');
    expect(error.message).toMatch(expected);
  });

  it('calls a controller that does not answer unreachable, not a rejected job', () => {
    const error = thrownBy(() => parseSbatch(failed('sbatch: error: Batch job submission failed: Unable to contact slurm controller (connect failure)\n')));
    expect(error.code).toBe('scheduler-unreachable');
    expect(error.message).toMatch(/could not reach the Slurm controller/);
  });

  it('leaves warnings out of the message and copes with silence', () => {
    expect(thrownBy(() => parseSbatch(failed('sbatch: warning: something minor\nsbatch: error: real problem\n'))).message).toBe('Slurm refused the job: real problem');
    expect(thrownBy(() => parseSbatch(failed('', 2))).message).toMatch(/exited with code 2 and no message/);
  });

  it('returns the id when sbatch succeeded, even with a warning on stderr', () => {
    expect(parseSbatch({ stdout: '88\n', stderr: 'sbatch: warning: x\n', exitCode: 0 })).toBe('88');
  });
});

describe('commandError for the other commands', () => {
  it('reads the real 22.05 messages', () => {
    expect(commandError('squeue', failed('slurm_load_jobs error: Unable to contact slurm controller (connect failure)\n')).code).toBe('scheduler-unreachable');
    expect(commandError('scancel', failed('scancel: error: Kill job error on job id 5: Unable to contact slurm controller (connect failure)\n', 8)).message).toBe(
      'scancel could not reach the Slurm controller: Kill job error on job id 5: Unable to contact slurm controller (connect failure)',
    );
    expect(commandError('sacct', failed('sacct: fatal: job state CF is not supported / accounted\n'))).toMatchObject({
      code: 'scheduler-rejected',
      message: 'sacct failed: job state CF is not supported / accounted',
    });
  });

  it('drops repeated lines', () => {
    expect(slurmMessages('a: error: x\na: error: x\n')).toEqual(['x']);
  });
});
