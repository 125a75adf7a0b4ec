import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { type CommandResult, type CommandRunner, SchedulerError } from '../../../../../electron/services/backends/types';
import { SlurmScheduler } from '../../../../../electron/services/slurm/slurmScheduler';

// Which commands the scheduler chooses, against a fake runner that answers with real captured
// output. The same behaviour against a real Slurm: test/integration/slurm/slurmScheduler.test.ts.
const fixture = (name: string) => readFileSync(join(import.meta.dirname, 'fixtures', name), 'utf8');
const ok = (stdout: string): CommandResult => ({ stdout, stderr: '', exitCode: 0 });
const failed = (stderr: string, exitCode = 1): CommandResult => ({ stdout: '', stderr, exitCode });
const invalidJobId = failed('slurm_load_jobs error: Invalid job id specified\n');
const noAccounting = failed('Slurm accounting storage is disabled\n');

/** A fake runner: answers each command by its program name, in order, and records every argv. */
function fakeRunner(answers: Record<string, CommandResult[]>) {
  const calls: string[][] = [];
  const runner: CommandRunner = {
    async run(argv) {
      calls.push([...argv]);
      const answer = answers[argv[0]!]?.shift();
      if (answer === undefined) throw new Error(`unexpected command: ${argv.join(' ')}`);
      return answer;
    },
  };
  return { runner, calls };
}

describe('SlurmScheduler.queue', () => {
  it('asks squeue once for all ids, one entry per array task', async () => {
    const { runner, calls } = fakeRunner({ squeue: [ok(fixture('squeue-r.txt'))] });
    const scheduler = new SlurmScheduler(runner);
    const entries = await scheduler.queue(['19', '20', '21', '22', '21']);
    expect(calls).toEqual([['squeue', '-h', '-r', '-j', '19,20,21,22', '-o', '%i|%F|%K|%T|%r|%M|%l|%D|%R']]);
    expect(entries).toHaveLength(14);
    expect(scheduler.commandCount).toBe(1);
  });

  it('runs nothing for no ids and refuses a malformed id before running anything', async () => {
    const { runner, calls } = fakeRunner({});
    const scheduler = new SlurmScheduler(runner);
    expect(await scheduler.queue([])).toEqual([]);
    await expect(scheduler.queue(['12', '12;reboot'])).rejects.toMatchObject({ code: 'invalid-slurm-id' });
    await expect(scheduler.queue(['-t all'])).rejects.toThrow(/not a Slurm job id/);
    expect(calls).toEqual([]);
  });

  it('reads 22.05 failing a single unknown id as "not queued", with no second command', async () => {
    const { runner } = fakeRunner({ squeue: [invalidJobId] });
    const scheduler = new SlurmScheduler(runner);
    expect(await scheduler.queue(['999'])).toEqual([]);
    expect(scheduler.commandCount).toBe(1);
  });

  it('falls back to the person\'s own queue when a release fails a list for one unknown id', async () => {
    const { runner, calls } = fakeRunner({ squeue: [invalidJobId, ok(fixture('squeue-r.txt'))] });
    const scheduler = new SlurmScheduler(runner);
    const entries = await scheduler.queue(['20', '999']);
    expect(calls[1]).toEqual(['squeue', '-h', '-r', '--me', '-o', '%i|%F|%K|%T|%r|%M|%l|%D|%R']);
    expect(entries.map((entry) => entry.slurmId)).toEqual(['20']);
  });

  it('asks for the own queue in one command when the id list would not fit one argv word', async () => {
    const { runner, calls } = fakeRunner({ squeue: [ok(fixture('squeue-r.txt'))] });
    const ids = Array.from({ length: 10_000 }, (_, index) => String(100_000 + index)).concat('21');
    const entries = await new SlurmScheduler(runner).queue(ids);
    expect(calls).toEqual([['squeue', '-h', '-r', '--me', '-o', '%i|%F|%K|%T|%r|%M|%l|%D|%R']]);
    expect(entries.map((entry) => entry.slurmId)).toEqual(['21']);
  });

  it('reports an unreachable controller as such', async () => {
    const { runner } = fakeRunner({ squeue: [failed('slurm_load_jobs error: Unable to contact slurm controller (connect failure)\n')] });
    await expect(new SlurmScheduler(runner).queue(['1', '2'])).rejects.toMatchObject({ code: 'scheduler-unreachable' });
  });
});

describe('SlurmScheduler.settle', () => {
  it('uses sacct while the cluster keeps accounting, keeping only the asked jobs', async () => {
    const { runner, calls } = fakeRunner({ sacct: [ok(fixture('sacct-X.txt'))] });
    const scheduler = new SlurmScheduler(runner);
    const entries = await scheduler.settle(['18', '22']);
    expect(calls).toEqual([['sacct', '-P', '-n', '-X', '-j', '18,22', '-o', 'JobID,State,ExitCode,Start,End,Reason']]);
    expect(entries.map((entry) => entry.slurmId)).toEqual(['18', '22_0', '22_1', '22_2', '22_3']);
    expect(scheduler.accountingMode).toBe('sacct');
  });

  it('learns once that accounting is disabled, then asks scontrol only (one command per settle)', async () => {
    const after = ok(fixture('scontrol-after-cancel.txt'));
    const { runner, calls } = fakeRunner({ sacct: [noAccounting], scontrol: [after, { ...after }] });
    const scheduler = new SlurmScheduler(runner);
    const first = await scheduler.settle(['2', '3']);
    expect(calls.map((argv) => argv[0])).toEqual(['sacct', 'scontrol']);
    expect(first.filter((entry) => entry.jobId === '3')).toHaveLength(9); // 3_3 vanished when cancelled pending
    expect(scheduler.accountingMode).toBe('scontrol');

    const before = scheduler.commandCount;
    const second = await scheduler.settle(['1', '2', '4', '404']);
    expect(scheduler.commandCount - before).toBe(1);
    expect(calls.at(-1)).toEqual(['scontrol', 'show', 'job', '-o']);
    expect(second.map((entry) => entry.slurmId)).toEqual(['1', '2', '4']);
  });

  it('asks scontrol for one job alone, and reads "Invalid job id" there as "unknown"', async () => {
    const { runner, calls } = fakeRunner({ sacct: [noAccounting], scontrol: [ok(fixture('scontrol-one-array.txt')), invalidJobId] });
    const scheduler = new SlurmScheduler(runner);
    expect(await scheduler.settle(['19'])).toHaveLength(10);
    expect(calls.at(-1)).toEqual(['scontrol', 'show', 'job', '-o', '19']);
    expect(await scheduler.settle(['12345'])).toEqual([]);
  });

  it('throws, rather than guessing, when sacct fails for another reason', async () => {
    const { runner } = fakeRunner({ sacct: [failed('sacct: error: Problem talking to the database: Connection refused\n')] });
    const scheduler = new SlurmScheduler(runner);
    await expect(scheduler.settle(['1'])).rejects.toMatchObject({ code: 'scheduler-unreachable' });
    expect(scheduler.accountingMode).toBe('unknown');
  });
});

describe('SlurmScheduler.submit, cancel, findByComment', () => {
  const request = {
    clientId: 'sd-0123456789abcdef', name: 'echo', scriptPath: '/tmp/j/job.sh', workdir: '/tmp/j',
    stdoutPath: '/tmp/j/out-%j', stderrPath: '/tmp/j/err-%j', resources: { partition: 'debug', extra: [] },
    array: null, dependencies: [{ type: 'afterok' as const, slurmId: '7' }], comment: 'sd-0123456789abcdef',
  };

  it('submits with the directives on sbatch\'s command line and the script last', async () => {
    const { runner, calls } = fakeRunner({ sbatch: [ok('42\n')] });
    expect(await new SlurmScheduler(runner).submit(request)).toBe('42');
    expect(calls[0]).toEqual([
      'sbatch', '--parsable', '--job-name=echo', '--comment=sd-0123456789abcdef', '--output=/tmp/j/out-%j', '--error=/tmp/j/err-%j',
      '--chdir=/tmp/j', '--partition=debug', '--dependency=afterok:7', '/tmp/j/job.sh',
    ]);
  });

  it('refuses a relative script path (it could read as an option) before running sbatch', async () => {
    const { runner, calls } = fakeRunner({});
    await expect(new SlurmScheduler(runner).submit({ ...request, scriptPath: '--wrap=id' })).rejects.toMatchObject({ code: 'invalid-script-path' });
    expect(calls).toEqual([]);
  });

  it('turns sbatch\'s refusal into a SchedulerError in Slurm\'s words', async () => {
    const { runner } = fakeRunner({ sbatch: [failed('sbatch: error: invalid partition specified: nope\nsbatch: error: Batch job submission failed: Invalid partition name specified\n')] });
    const error = await new SlurmScheduler(runner).submit(request).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(SchedulerError);
    expect(error).toMatchObject({ code: 'scheduler-rejected', message: expect.stringContaining('invalid partition specified: nope') });
  });

  it('cancels in one scancel; an already finished job is not an error', async () => {
    const { runner, calls } = fakeRunner({ scancel: [ok(''), failed('scancel: error: Kill job error on job id 5: Job/step already completing or completed\n')] });
    const scheduler = new SlurmScheduler(runner);
    await scheduler.cancel(['4', '5_2']);
    expect(calls[0]).toEqual(['scancel', '4', '5_2']);
    await expect(scheduler.cancel(['5'])).resolves.toBeUndefined();
  });

  it('finds a job by comment in squeue first, then in sacct', async () => {
    const { runner, calls } = fakeRunner({
      squeue: [ok(fixture('squeue-comment.txt')), ok(fixture('squeue-comment.txt'))],
      sacct: [ok(fixture('sacct-comment.txt'))],
    });
    const scheduler = new SlurmScheduler(runner);
    expect(await scheduler.findByComment('has space')).toBe('7');
    expect(calls).toEqual([['squeue', '-h', '--me', '-t', 'all', '-o', '%F|%k']]);
    expect(await scheduler.findByComment('sd-00000000000000aa')).toBe('16');
    expect(calls.at(-1)).toEqual(['sacct', '-P', '-n', '-X', '-S', 'now-7days', '-E', 'now', '-s', 'PD,R,CD,F,CA,TO,OOM,NF,PR,BF,DL,RQ,RS,RV,S', '-o', 'JobID,Comment']);
    expect(scheduler.commandCount).toBe(3);
  });

  it('stops asking sacct for comments once it said accounting is disabled', async () => {
    const { runner, calls } = fakeRunner({ squeue: [ok(''), ok('')], sacct: [noAccounting] });
    const scheduler = new SlurmScheduler(runner);
    expect(await scheduler.findByComment('sd-00000000000000aa')).toBeNull();
    expect(await scheduler.findByComment('sd-00000000000000aa')).toBeNull();
    expect(calls.map((argv) => argv[0])).toEqual(['squeue', 'sacct', 'squeue']);
    expect(scheduler.accountingMode).toBe('scontrol');
  });
});

describe('SlurmScheduler.overview', () => {
  it('asks sinfo once and reads its partitions', async () => {
    const { runner, calls } = fakeRunner({ sinfo: [ok('up|infinite|idle|1|0/32/0/32|(null)|(null)|debug*\nup|5:00|mixed|1|8/24/0/32|(null)|(null)|short\n')] });
    const scheduler = new SlurmScheduler(runner);
    const partitions = await scheduler.overview();
    expect(calls).toHaveLength(1);
    expect(calls[0]![0]).toBe('sinfo');
    expect(partitions.map((partition) => [partition.name, partition.isDefault, partition.cpus.idle])).toEqual([
      ['debug', true, 32],
      ['short', false, 24],
    ]);
  });

  it('reports a controller that does not answer as unreachable', async () => {
    const { runner } = fakeRunner({ sinfo: [failed('slurm_load_partitions: Unable to contact slurm controller (connect failure)\n')] });
    await expect(new SlurmScheduler(runner).overview()).rejects.toMatchObject({ code: 'scheduler-unreachable' });
  });
});
