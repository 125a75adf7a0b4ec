import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { build } from 'esbuild';
import { afterAll, describe, expect, it } from 'vitest';
import { EmbeddedScheduler, type EmbeddedSchedulerOptions } from '../../../../../../electron/services/backends/embedded/embeddedScheduler';
import { readStoredState } from '../../../../../../electron/services/backends/embedded/stateStore';
import { processStartTime } from '../../../../../../electron/services/backends/embedded/taskProcess';
import { silentLogger } from '../../../../../../electron/services/log';
import { SchedulerError, type FinalEntry, type SubmitRequest } from '../../../../../../electron/services/backends/types';

// Real bash processes in temporary folders. Independent cases run concurrently to keep the file short.
const roots: string[] = [];
const schedulers: EmbeddedScheduler[] = [];

afterAll(async () => {
  for (const scheduler of schedulers) await scheduler.close();
  // A failed case may leave tasks running: end their process groups before removing the folders.
  for (const root of roots) {
    const stateDir = join(root, 'state');
    if (existsSync(stateDir)) {
      for (const task of readStoredState(stateDir, 'embedded-jobs.json').jobs.flatMap((job) => job.tasks)) {
        if (task.state === 'RUNNING' && task.pid !== null) killGroup(task.pid);
      }
    }
    rmSync(root, { recursive: true, force: true });
  }
});

function killGroup(pid: number): void {
  try {
    process.kill(-pid, 'SIGKILL');
  } catch {
    // Already gone.
  }
}

type Workspace = { root: string; stateDir: string; work: string; open(options?: Partial<EmbeddedSchedulerOptions>): EmbeddedScheduler };

function workspace(): Workspace {
  const root = mkdtempSync(join(tmpdir(), 'slurmdesk-embedded-'));
  roots.push(root);
  const stateDir = join(root, 'state');
  const open = (options: Partial<EmbeddedSchedulerOptions> = {}) => {
    const scheduler = new EmbeddedScheduler({ stateDir, maxCpus: 4, killGraceMs: 500, adoptPollMs: 100, logger: silentLogger, ...options });
    schedulers.push(scheduler);
    return scheduler;
  };
  return { root, stateDir, work: root, open };
}

let scriptCount = 0;
function request(space: Workspace, body: string, extra: Partial<SubmitRequest> = {}): SubmitRequest {
  scriptCount += 1;
  const scriptPath = join(space.root, `job${scriptCount}.sh`);
  writeFileSync(scriptPath, `#!/bin/bash\n#SBATCH --job-name=test\n${body}\n`);
  return {
    clientId: `sd-${String(scriptCount).padStart(16, '0')}`,
    name: 'test-job',
    scriptPath,
    workdir: space.work,
    stdoutPath: join(space.root, 'slurm-%j.out'),
    stderrPath: join(space.root, 'slurm-%j.out'),
    resources: { extra: [] },
    array: null,
    dependencies: [],
    comment: `comment-${scriptCount}`,
    ...extra,
  };
}

/** Settles until every task of the job has ended. */
async function finished(scheduler: EmbeddedScheduler, id: string, timeoutMs = 15_000): Promise<FinalEntry[]> {
  const until = Date.now() + timeoutMs;
  while (Date.now() < until) {
    if ((await scheduler.queue([id])).length === 0) return scheduler.settle([id]);
    await sleep(50);
  }
  throw new Error(`job ${id} did not finish within ${timeoutMs} ms`);
}

async function running(scheduler: EmbeddedScheduler, id: string): Promise<void> {
  const until = Date.now() + 10_000;
  while (Date.now() < until) {
    if ((await scheduler.queue([id])).some((entry) => entry.state === 'RUNNING')) return;
    await sleep(25);
  }
  throw new Error(`job ${id} did not start`);
}

async function fileWithContent(path: string): Promise<string> {
  const until = Date.now() + 10_000;
  while (Date.now() < until) {
    if (existsSync(path) && readFileSync(path, 'utf8').trim() !== '') return readFileSync(path, 'utf8').trim();
    await sleep(25);
  }
  throw new Error(`${path} stayed empty`);
}

async function gone(pid: number): Promise<boolean> {
  const until = Date.now() + 5000;
  while (Date.now() < until) {
    if (processStartTime(pid) === null) return true;
    await sleep(25);
  }
  return false;
}

async function until(condition: () => boolean): Promise<void> {
  const limit = Date.now() + 5000;
  while (!condition()) {
    if (Date.now() > limit) throw new Error('condition not met within 5 s');
    await sleep(25);
  }
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe.concurrent('EmbeddedScheduler', () => {
  it('runs a script job with Slurm variables and its output in the file', async () => {
    const space = workspace();
    const scheduler = space.open();
    const body = [
      'echo "hello from $SLURM_JOB_NAME"',
      'for name in SLURM_JOB_ID SLURM_JOB_NAME SLURM_CPUS_PER_TASK SLURM_NTASKS SLURM_JOB_NUM_NODES SLURM_NNODES SLURM_NODELIST \\',
      '  SLURMD_NODENAME SLURM_JOB_PARTITION SLURM_CLUSTER_NAME SLURM_SUBMIT_DIR; do echo "$name=${!name}"; done',
      'echo "ARRAY=${SLURM_ARRAY_TASK_ID-unset}"',
      'echo "PWD=$PWD"',
      'echo "to stderr" >&2',
    ].join('\n');
    const id = await scheduler.submit(request(space, body, { name: 'hello', resources: { cpusPerTask: 2, extra: [] } }));
    expect(id).toBe('1');
    const [final] = await finished(scheduler, id);
    expect(final).toMatchObject({ slurmId: '1', jobId: '1', arrayTaskId: null, state: 'COMPLETED', exit: { code: 0, signal: 0 }, reason: null });
    expect(Date.parse(final!.endedAt!)).toBeGreaterThanOrEqual(Date.parse(final!.startedAt!));
    const output = readFileSync(join(space.root, 'slurm-1.out'), 'utf8');
    const node = hostname().split('.')[0];
    for (const line of [
      'hello from hello', 'SLURM_JOB_ID=1', 'SLURM_JOB_NAME=hello', 'SLURM_CPUS_PER_TASK=2', 'SLURM_NTASKS=1', 'SLURM_JOB_NUM_NODES=1',
      'SLURM_NNODES=1', `SLURM_NODELIST=${node}`, `SLURMD_NODENAME=${node}`, 'SLURM_JOB_PARTITION=embedded', 'SLURM_CLUSTER_NAME=embedded',
      `SLURM_SUBMIT_DIR=${space.work}`, 'ARRAY=unset', `PWD=${space.work}`, 'to stderr',
    ]) {
      expect(output).toContain(`${line}\n`);
    }
  });

  it('reports a non-zero exit as FAILED with its code', async () => {
    const space = workspace();
    const scheduler = space.open();
    const id = await scheduler.submit(request(space, 'echo failing; exit 3'));
    expect(await finished(scheduler, id)).toEqual([
      expect.objectContaining({ state: 'FAILED', exit: { code: 3, signal: 0 }, reason: 'NonZeroExitCode' }),
    ]);
  });

  it('runs an array with %3 no more than three at a time, with each task its own variables and files', async () => {
    const space = workspace();
    const scheduler = space.open({ maxCpus: 8 });
    const log = join(space.root, 'tasks.log');
    const body = [
      `echo "start $SLURM_ARRAY_TASK_ID $(date +%s%N)" >> ${log}`,
      'echo "$SLURM_ARRAY_JOB_ID $SLURM_ARRAY_TASK_ID $SLURM_JOB_ID $SLURM_ARRAY_TASK_COUNT $SLURM_ARRAY_TASK_MIN $SLURM_ARRAY_TASK_MAX"',
      'sleep 0.3',
      `echo "end $SLURM_ARRAY_TASK_ID $(date +%s%N)" >> ${log}`,
    ].join('\n');
    const out = join(space.root, 'array-%A_%a.out');
    const id = await scheduler.submit(request(space, body, { array: '0-19%3', stdoutPath: out, stderrPath: out }));
    await running(scheduler, id);
    const queued = await scheduler.queue([id]);
    expect(queued.filter((entry) => entry.state === 'RUNNING').length).toBeLessThanOrEqual(3);
    expect(queued.find((entry) => entry.state === 'PENDING')).toMatchObject({ jobId: id, reason: 'JobArrayTaskLimit' });

    const finals = await finished(scheduler, id, 30_000);
    expect(finals.map((entry) => entry.slurmId)).toEqual(Array.from({ length: 20 }, (_, index) => `${id}_${index}`));
    expect(finals.every((entry) => entry.state === 'COMPLETED')).toBe(true);

    const events = readFileSync(log, 'utf8').trim().split('\n').map((line) => line.split(' '));
    expect(events).toHaveLength(40);
    let current = 0;
    let most = 0;
    for (const [kind] of events.sort((a, b) => Number(BigInt(a[2]!) - BigInt(b[2]!)))) {
      current += kind === 'start' ? 1 : -1;
      most = Math.max(most, current);
    }
    expect(most).toBe(3);
    // Each task has its own job id, a block from the array's id; %A and %a name its file.
    expect(readFileSync(join(space.root, `array-${id}_0.out`), 'utf8')).toBe(`${id} 0 ${id} 20 0 19\n`);
    expect(readFileSync(join(space.root, `array-${id}_7.out`), 'utf8')).toBe(`${id} 7 ${Number(id) + 7} 20 0 19\n`);
  });

  it('runs an afterok chain in order, waiting with reason Dependency', async () => {
    const space = workspace();
    const scheduler = space.open();
    const order = join(space.root, 'order');
    const first = await scheduler.submit(request(space, `sleep 0.5; echo A >> ${order}`));
    const second = await scheduler.submit(request(space, `echo B >> ${order}`, { dependencies: [{ type: 'afterok', slurmId: first }] }));
    const third = await scheduler.submit(request(space, `echo C >> ${order}`, { dependencies: [{ type: 'afterok', slurmId: second }] }));
    expect(await scheduler.queue([second])).toEqual([expect.objectContaining({ state: 'PENDING', reason: 'Dependency' })]);
    expect(await finished(scheduler, third)).toEqual([expect.objectContaining({ state: 'COMPLETED' })]);
    expect(readFileSync(order, 'utf8')).toBe('A\nB\nC\n');
  });

  it('starts an afterok job on an array only once every task completed', async () => {
    const space = workspace();
    const scheduler = space.open();
    const done = join(space.root, 'done');
    const array = await scheduler.submit(request(space, `sleep 0.$SLURM_ARRAY_TASK_ID; echo $SLURM_ARRAY_TASK_ID >> ${done}`, { array: '1-3' }));
    const after = await scheduler.submit(request(space, `wc -l < ${done}`, { dependencies: [{ type: 'afterok', slurmId: array }] }));
    expect(await finished(scheduler, after)).toEqual([expect.objectContaining({ state: 'COMPLETED' })]);
    expect(readFileSync(join(space.root, `slurm-${after}.out`), 'utf8').trim()).toBe('3');
  });

  it('cancels a job whose afterok target failed, and runs the afternotok one', async () => {
    const space = workspace();
    const scheduler = space.open();
    const failing = await scheduler.submit(request(space, 'sleep 0.2; exit 1'));
    const onSuccess = await scheduler.submit(request(space, 'echo never', { dependencies: [{ type: 'afterok', slurmId: failing }] }));
    const onFailure = await scheduler.submit(request(space, 'echo rescue', { dependencies: [{ type: 'afternotok', slurmId: failing }] }));
    expect(await finished(scheduler, onSuccess)).toEqual([
      expect.objectContaining({ state: 'CANCELLED', reason: 'DependencyNeverSatisfied', startedAt: null, exit: null }),
    ]);
    expect(await finished(scheduler, onFailure)).toEqual([expect.objectContaining({ state: 'COMPLETED' })]);
    expect(readFileSync(join(space.root, `slurm-${onFailure}.out`), 'utf8')).toBe('rescue\n');
    expect(existsSync(join(space.root, `slurm-${onSuccess}.out`))).toBe(false);
    // Script copies and exit files go once the jobs' ends are on disk.
    await until(() => readdirSync(join(space.stateDir, 'scripts')).length + readdirSync(join(space.stateDir, 'exit')).length === 0);
  });

  it('starts an after job with its target, and fails a task that cannot start', async () => {
    const space = workspace();
    const scheduler = space.open();
    const target = await scheduler.submit(request(space, 'sleep 1'));
    const follower = await scheduler.submit(request(space, 'true', { dependencies: [{ type: 'after', slurmId: target }] }));
    expect(await finished(scheduler, follower)).toEqual([expect.objectContaining({ state: 'COMPLETED' })]);
    expect(await scheduler.queue([target])).toEqual([expect.objectContaining({ state: 'RUNNING' })]);
    const nowhere = join(space.root, 'missing');
    expect(await finished(scheduler, await scheduler.submit(request(space, 'true', { workdir: nowhere })))).toEqual([
      expect.objectContaining({ state: 'FAILED', exit: null, reason: `The working folder ${nowhere} does not exist` }),
    ]);
  });

  it('cancels a pending job at once and a running one with its whole process group', async () => {
    const space = workspace();
    const scheduler = space.open({ maxCpus: 1 });
    const childPid = join(space.root, 'child.pid');
    const busy = await scheduler.submit(request(space, `sleep 100 & echo $! > ${childPid}; sleep 100`));
    const waiting = await scheduler.submit(request(space, 'echo should not run'));
    const behind = await scheduler.submit(request(space, 'true'));
    await running(scheduler, busy);
    expect(await scheduler.queue([waiting, behind])).toEqual([
      expect.objectContaining({ state: 'PENDING', reason: 'Resources' }),
      expect.objectContaining({ state: 'PENDING', reason: 'Priority' }),
    ]);
    const child = Number(await fileWithContent(childPid));

    await scheduler.cancel([waiting]);
    expect(await scheduler.settle([waiting])).toEqual([expect.objectContaining({ state: 'CANCELLED', startedAt: null })]);
    await scheduler.cancel([busy]);
    expect(await finished(scheduler, busy, 5000)).toEqual([expect.objectContaining({ state: 'CANCELLED', exit: { code: 0, signal: 15 } })]);
    expect(await gone(child)).toBe(true);
    expect(existsSync(join(space.root, `slurm-${waiting}.out`))).toBe(false);
  });

  it('cancels one task of an array by its 123_4 id', async () => {
    const space = workspace();
    const scheduler = space.open({ maxCpus: 1 });
    const id = await scheduler.submit(request(space, 'true', { array: '1-3' }));
    await scheduler.cancel([`${id}_3`]);
    const finals = await finished(scheduler, id);
    expect(finals.map((entry) => [entry.slurmId, entry.state])).toEqual([
      [`${id}_1`, 'COMPLETED'],
      [`${id}_2`, 'COMPLETED'],
      [`${id}_3`, 'CANCELLED'],
    ]);
  });

  it('ends a job at its time limit: SIGTERM, then SIGKILL after the grace for one that ignores it', async () => {
    const space = workspace();
    const scheduler = space.open({ killGraceMs: 1000 });
    const started = Date.now();
    const polite = await scheduler.submit(request(space, 'sleep 30', { resources: { time: '0:02', extra: [] } }));
    const stubborn = await scheduler.submit(request(space, "trap '' TERM; sleep 30", { resources: { time: '0:02', extra: [] } }));
    expect(await scheduler.queue([polite])).toEqual([expect.objectContaining({ timeLimitSeconds: 2 })]);
    expect(await finished(scheduler, polite)).toEqual([
      expect.objectContaining({ state: 'TIMEOUT', reason: 'TimeLimit', exit: { code: 0, signal: 15 } }),
    ]);
    expect(Date.now() - started).toBeLessThan(3500);
    expect(await finished(scheduler, stubborn)).toEqual([expect.objectContaining({ state: 'TIMEOUT', exit: { code: 0, signal: 9 } })]);
    const elapsed = Date.now() - started;
    expect(elapsed).toBeGreaterThanOrEqual(2900);
    expect(elapsed).toBeLessThan(4500);
  });

  it('adopts a running job after a restart and sees it complete', async () => {
    const space = workspace();
    const before = space.open();
    const id = await before.submit(request(space, 'sleep 3; echo done'));
    await running(before, id);
    await before.close();
    const after = space.open();
    expect(await after.queue([id])).toEqual([expect.objectContaining({ state: 'RUNNING' })]);
    expect(await finished(after, id)).toEqual([expect.objectContaining({ state: 'COMPLETED', exit: { code: 0, signal: 0 } })]);
    expect(readFileSync(join(space.root, `slurm-${id}.out`), 'utf8')).toBe('done\n');
    // The next id continues the persisted counter.
    expect(await after.submit(request(space, 'true'))).toBe(String(Number(id) + 1));
  });

  it('lets the app exit while its job runs, and the next app adopts the result', async () => {
    const space = workspace();
    const marker = join(space.root, 'started');
    const submitted = request(space, `echo yes > ${marker}; sleep 2; echo survived`);
    // A separate Node process plays the app: it submits, waits for the task to start, and just ends
    // (no close(), as in a crash); it can only end by itself if nothing it started holds it.
    const driver = join(space.root, 'app.ts');
    const schedulerModule = resolve(import.meta.dirname, '../../../../../../electron/services/backends/embedded/embeddedScheduler.ts');
    writeFileSync(
      driver,
      [
        `import { existsSync } from 'node:fs';`,
        `import { EmbeddedScheduler } from ${JSON.stringify(schedulerModule)};`,
        `const scheduler = new EmbeddedScheduler({ stateDir: ${JSON.stringify(space.stateDir)} });`,
        `await scheduler.submit(${JSON.stringify(submitted)});`,
        `while (!existsSync(${JSON.stringify(marker)})) await new Promise((resolve) => setTimeout(resolve, 20));`,
      ].join('\n'),
    );
    const bundle = join(space.root, 'app.mjs');
    await build({ entryPoints: [driver], bundle: true, platform: 'node', format: 'esm', target: 'node20', outfile: bundle, logLevel: 'silent' });
    const started = Date.now();
    const app = spawnSync(process.execPath, [bundle], { encoding: 'utf8', timeout: 15_000 });
    expect(app.stderr).toBe('');
    expect(app.status).toBe(0);
    expect(Date.now() - started).toBeLessThan(2000);

    // The app left its lock behind; the next one sees its holder is gone and takes over.
    const after = space.open();
    expect(await after.queue(['1'])).toEqual([expect.objectContaining({ state: 'RUNNING' })]);
    expect(await finished(after, '1')).toEqual([expect.objectContaining({ state: 'COMPLETED' })]);
    expect(readFileSync(join(space.root, 'slurm-1.out'), 'utf8')).toBe('survived\n');
  });

  it('finishes a cancel begun before a restart as CANCELLED', async () => {
    const space = workspace();
    const before = space.open({ killGraceMs: 800 });
    const marker = join(space.root, 'started');
    const id = await before.submit(request(space, `trap '' TERM; echo yes > ${marker}; sleep 100`));
    await fileWithContent(marker);
    await before.cancel([id]);
    await before.close();
    // The new instance finds the intent and the SIGKILL time on disk and carries them out.
    const after = space.open({ killGraceMs: 60_000 });
    expect(await finished(after, id, 5000)).toEqual([expect.objectContaining({ state: 'CANCELLED', exit: { code: 0, signal: 9 } })]);
  });

  it('reports a job whose processes were killed while the app was closed as LOST', async () => {
    const space = workspace();
    const before = space.open();
    const scriptPid = join(space.root, 'script.pid');
    const id = await before.submit(request(space, `echo $$ > ${scriptPid}; sleep 100`));
    await running(before, id);
    const pid = Number(await fileWithContent(scriptPid));
    await before.close();
    // Field 5 of /proc/PID/stat is the process group: the wrapper's, which leads the task's group.
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const group = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[2]);
    process.kill(-group, 'SIGKILL');
    expect(await gone(group)).toBe(true);
    const after = space.open();
    expect(await after.settle([id])).toEqual([
      expect.objectContaining({
        state: 'LOST',
        exit: null,
        reason: 'The process ended while Slurm Desk was not running and left no exit status',
      }),
    ]);
  });

  it('refuses what sbatch would refuse', async () => {
    const space = workspace();
    const scheduler = space.open({ maxCpus: 2 });
    const refused = async (submit: SubmitRequest) => {
      const error: unknown = await scheduler.submit(submit).catch((caught: unknown) => caught);
      expect(error).toBeInstanceOf(SchedulerError);
      expect(error).toMatchObject({ code: 'scheduler-rejected' });
      return (error as SchedulerError).message;
    };
    expect(await refused(request(space, 'true', { dependencies: [{ type: 'afterok', slurmId: '42' }] }))).toBe(
      'Job dependency problem: job 42 is not known to This computer',
    );
    expect(await refused(request(space, 'true', { resources: { cpusPerTask: 3, extra: [] } }))).toMatch(/asks for 3 CPUs.*at most 2/);
    expect(await refused(request(space, 'true', { array: '5-1' }))).toMatch(/Invalid job array specification/);
    expect(await refused(request(space, 'true', { resources: { nodes: 2, extra: [] } }))).toMatch(/single node/);
    const notAScript = request(space, 'true');
    writeFileSync(notAScript.scriptPath, 'echo no interpreter line\n');
    expect(await refused(notAScript)).toMatch(/does not look like a batch script/);
    // Nothing refused took an id.
    expect(await scheduler.submit(request(space, 'true'))).toBe('1');
  });

  it('answers queue, settle and findByComment, one command each', async () => {
    const space = workspace();
    const scheduler = space.open();
    expect(scheduler.commandCount).toBe(0);
    const submitted = request(space, 'sleep 0.3');
    const id = await scheduler.submit(submitted);
    expect(scheduler.commandCount).toBe(1);
    const [entry] = await scheduler.queue([id, '999']);
    expect(entry).toMatchObject({ slurmId: id, jobId: id, arrayTaskId: null, state: expect.stringMatching(/PENDING|RUNNING/), timeLimitSeconds: null });
    expect(await scheduler.settle([id, '999'])).toEqual([]);
    expect(await scheduler.findByComment(submitted.comment)).toBe(id);
    expect(await scheduler.findByComment('no such comment')).toBeNull();
    expect(scheduler.commandCount).toBe(5);
    await expect(scheduler.queue(['1;rm'])).rejects.toMatchObject({ code: 'invalid-slurm-id' });
  });

  it('describes itself as one partition whose idle CPUs exclude running tasks', async () => {
    const space = workspace();
    const scheduler = space.open();
    const [idle] = await scheduler.overview();
    expect(idle).toMatchObject({ name: 'embedded', isDefault: true, maxTimeMinutes: null, cpus: { idle: 4, total: 4 }, gpus: { free: 0, total: 0 } });
    const id = await scheduler.submit(request(space, 'sleep 5', { resources: { cpusPerTask: 3, extra: [] } }));
    let busy = idle;
    await until(() => {
      void scheduler.overview().then(([partition]) => (busy = partition));
      return busy?.cpus.idle === 1;
    });
    expect(busy).toMatchObject({ cpus: { idle: 1, total: 4 }, nodes: { mixed: 1, idle: 0 } });
    await scheduler.cancel([id]);
  });

  it('keeps one scheduler per state folder, in a private folder', async () => {
    const space = workspace();
    const first = space.open();
    expect(() => space.open()).toThrow(/managed by this Slurm Desk already/);
    expect(statSync(space.stateDir).mode & 0o777).toBe(0o700);
    await first.close();
    const reopened = space.open();
    expect(reopened.commandCount).toBe(0);
    expect(readdirSync(space.stateDir).filter((name) => name.endsWith('.tmp'))).toEqual([]);
  });
});
