import { userInfo } from 'node:os';
import { describe, expect, it } from 'vitest';
import { expandFilenamePattern, slurmEnvironment, type TaskIdentity } from '../../../../../../electron/services/backends/embedded/slurmEnvironment';

const plain: TaskIdentity = {
  ownId: 7, jobId: 7, name: 'fit', arrayIndex: null, arrayIndices: [], cpusPerTask: 1, ntasks: 1, partition: 'embedded', workdir: '/w',
};
const task: TaskIdentity = { ...plain, ownId: 12, jobId: 10, arrayIndex: 4, arrayIndices: [0, 2, 4, 6] };

describe('expandFilenamePattern', () => {
  it('substitutes Slurm filename patterns, with zero padding', () => {
    expect(expandFilenamePattern('/o/%x-%A_%a-%j-%4a-100%%.out', task)).toBe('/o/fit-10_4-12-0004-100%.out');
    expect(expandFilenamePattern('/o/%u-%q.out', task)).toBe(`/o/${userInfo().username}-%q.out`);
    // Slurm's NO_VAL for %a outside an array.
    expect(expandFilenamePattern('/o/%A_%a.out', plain)).toBe('/o/7_4294967294.out');
  });
});

describe('slurmEnvironment', () => {
  it('drops inherited SLURM_ variables and sets array ones only for arrays', () => {
    const base = { PATH: '/bin', SLURM_JOB_ID: '999', SLURM_ARRAY_TASK_ID: '3', SLURMD_NODENAME: 'elsewhere' };
    const single = slurmEnvironment(base, plain);
    expect(single).toMatchObject({ PATH: '/bin', SLURM_JOB_ID: '7', SLURM_JOB_NAME: 'fit', SLURM_CPUS_PER_TASK: '1' });
    expect(single.SLURM_ARRAY_TASK_ID).toBeUndefined();
    expect(slurmEnvironment(base, task)).toMatchObject({
      SLURM_JOB_ID: '12', SLURM_ARRAY_JOB_ID: '10', SLURM_ARRAY_TASK_ID: '4', SLURM_ARRAY_TASK_COUNT: '4',
      SLURM_ARRAY_TASK_MIN: '0', SLURM_ARRAY_TASK_MAX: '6', SLURM_ARRAY_TASK_STEP: '2',
    });
  });
});
