import { describe, expect, it } from 'vitest';
import type { CommandResult, CommandRunner } from '../../../../../electron/services/backends/types';
import { checkedUpdate } from '../../../../../electron/services/queue/checkedUpdate';
import { parseJobDetail } from '../../../../../electron/services/queue/parseJobDetail';
import { outcomesPerJob, SlurmQueue } from '../../../../../electron/services/queue/slurmQueue';
import type { JobDetail } from '../../../../../shared/queue/jobDetail';

/** A fake runner (no Slurm in unit tests): records each argv and answers with a canned result. */
function fakeRunner(answer: Partial<CommandResult> = {}): CommandRunner & { calls: string[][] } {
  const calls: string[][] = [];
  return {
    calls,
    run: async (argv) => {
      calls.push([...argv]);
      return { stdout: '', stderr: '', exitCode: 0, ...answer };
    },
  };
}

describe('SlurmQueue control', () => {
  it('builds one command per action for all jobs, with a user hold and a signal for the batch shell too', async () => {
    const runner = fakeRunner();
    const queue = new SlurmQueue(runner);
    await queue.control('hold', ['12', '13_4'], undefined);
    await queue.control('release', ['12'], undefined);
    await queue.control('requeue', ['12'], undefined);
    await queue.control('cancel', ['12', '13'], 'USR1');
    await queue.control('cancel', ['12'], undefined);
    await queue.update('12', { timeLimit: '30', name: 'n', partition: 'p', dependency: 'afterok:1', nice: 5 });
    expect(runner.calls).toEqual([
      ['scontrol', 'uhold', '12,13_4'],
      ['scontrol', 'release', '12'],
      ['scontrol', 'requeue', '12'],
      ['scancel', '--signal=USR1', '--full', '12', '13'],
      ['scancel', '12'],
      ['scontrol', 'update', 'JobId=12', 'TimeLimit=30', 'JobName=n', 'Partition=p', 'Dependency=afterok:1', 'Nice=5'],
    ]);
    expect(queue.commandCount).toBe(6);
  });

  it('refuses an id that is not a Slurm id before any command runs', async () => {
    const runner = fakeRunner();
    await expect(new SlurmQueue(runner).control('hold', ['12;id'], undefined)).rejects.toMatchObject({ code: 'invalid-slurm-id' });
    expect(runner.calls).toEqual([]);
  });

  it('says which jobs Slurm refused, in its words, and fails all when it names none', () => {
    const result = { exitCode: 1, stdout: '', stderr: 'scontrol: error: Job has already finished for job 13\n' };
    expect(outcomesPerJob('scontrol', ['12', '13'], result)).toEqual([
      { slurmId: '12', ok: true, message: null },
      { slurmId: '13', ok: false, message: 'Job has already finished for job 13' },
    ]);
    expect(outcomesPerJob('scancel', ['12'], { exitCode: 1, stdout: '', stderr: 'scancel: error: Kill job error on job id 12: Invalid job id specified\n' })[0]).toMatchObject({ ok: false });
    expect(outcomesPerJob('scontrol', ['1', '2'], { exitCode: 1, stdout: '', stderr: 'scontrol: error: Access/permission denied\n' }).map((outcome) => outcome.message)).toEqual([
      'Access/permission denied',
      'Access/permission denied',
    ]);
  });

  it('says plainly when the cluster keeps no accounting', async () => {
    const queue = new SlurmQueue(fakeRunner({ exitCode: 1, stderr: 'sacct: error: Slurm accounting storage is disabled\n' }));
    expect(await queue.history({ window: 'today' })).toEqual({ unavailable: expect.stringMatching(/no job accounting/) });
    expect(await queue.efficiency(['5'])).toEqual({ unavailable: expect.stringMatching(/no job accounting/) });
  });

  it('reads history incrementally: the whole window once, then only the seconds since the last read', async () => {
    const runner = fakeRunner();
    const queue = new SlurmQueue(runner);
    await queue.history({ window: '7d' });
    await queue.history({ seconds: 134.2 });
    expect(runner.calls.map((argv) => argv.slice(0, 9))).toEqual([
      ['sacct', '-P', '-n', '-S', 'now-7days', '-E', 'now', '-s', expect.any(String)],
      ['sacct', '-P', '-n', '-S', 'now-135seconds', '-E', 'now', '-s', expect.any(String)],
    ]);
  });
});

describe('checkedUpdate', () => {
  const line = 'JobId=5 JobName=w UserId=ana(1000) JobState=PENDING Reason=Priority TimeLimit=01:00:00 Partition=debug NumNodes=1 NumCPUs=1';
  const current = { ...parseJobDetail(line)!, cluster: 'c', appJobId: null, efficiency: null } satisfies JobDetail;

  it('lets a time limit go down, not up or away, and a partition change only while pending', () => {
    expect(() => checkedUpdate(current, { timeLimit: '30' })).not.toThrow();
    expect(() => checkedUpdate(current, { timeLimit: '2:00:00' })).toThrow(/Only an administrator can raise/);
    expect(() => checkedUpdate(current, { timeLimit: 'UNLIMITED' })).toThrow(/remove/);
    const running = { ...current, state: 'RUNNING' as const, allowedActions: ['cancel' as const] };
    expect(() => checkedUpdate(running, { partition: 'gpu' })).toThrow(/only change while it is pending/);
    expect(() => checkedUpdate({ ...current, state: 'COMPLETED', allowedActions: [] }, { nice: 1 })).toThrow(/has ended/);
  });
});
