import { appendFileSync, copyFileSync, existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { buildJob, type Job } from '../../../../../../electron/services/backends/embedded/embeddedState';
import { endTask, startTask } from '../../../../../../electron/services/backends/embedded/jobTable';
import { openStateFolder, type StateStoreOptions } from '../../../../../../electron/services/backends/embedded/stateStore';

const roots: string[] = [];
afterAll(() => {
  for (const root of roots) rmSync(root, { recursive: true, force: true });
});

const fileName = 'embedded-jobs.json';

function folder(): string {
  const root = mkdtempSync(join(tmpdir(), 'slurmdesk-state-store-'));
  roots.push(root);
  return join(root, 'state');
}

function job(jobId: number, array: string | null = null): Job {
  const built = buildJob({
    jobId, clientId: `sd-${String(jobId).padStart(16, '0')}`, name: `job${jobId}`, comment: `c${jobId}`, scriptCopy: `/s/${jobId}.sh`,
    workdir: '/w', stdoutPath: '/w/o', stderrPath: '/w/o', cpusPerTask: 1, ntasks: 1, partition: 'embedded', timeLimitSeconds: null,
    array, maxParallel: null, dependencies: [], submittedAt: Date.now(),
  });
  built.committed = true;
  return built;
}

/** A scheduler's view of the folder: its table, saved through the store, reopened at will. */
function open(dir: string, options: StateStoreOptions = {}) {
  const opened = openStateFolder(dir, fileName, 60, options);
  const table = { nextJobId: opened.state.nextJobId, jobs: new Map(opened.state.jobs.map((each) => [each.jobId, each])) };
  const add = (added: Job) => {
    table.jobs.set(added.jobId, added);
    table.nextJobId = added.jobId + added.tasks.length;
  };
  const close = async () => {
    await opened.store.close();
    opened.releaseLock();
  };
  return { ...opened, table, add, save: () => opened.store.save(table), close };
}

const changesFiles = (dir: string) => readdirSync(dir).filter((name) => name.includes('.changes-'));
const changesBytes = (dir: string) => changesFiles(dir).reduce((total, name) => total + statSync(join(dir, name)).size, 0);
const states = (jobs: readonly Job[]) => jobs.map((each) => [each.jobId, each.tasks.map((task) => task.state).join(',')]);

describe('the job list on disk', () => {
  it('appends what changed, and a reopened folder holds the same jobs', async () => {
    const dir = folder();
    const first = open(dir);
    const one = job(1);
    first.add(one);
    await first.save();
    startTask(one, one.tasks[0]!, 10);
    one.tasks[0]!.pid = 4242;
    first.add(job(2, '0-2'));
    await first.save();
    endTask(one, one.tasks[0]!, { state: 'COMPLETED', exit: { code: 0, signal: 0 }, reason: null }, 20);
    await first.save();
    // Nothing changed: nothing written.
    const before = changesBytes(dir);
    await first.save();
    expect(changesBytes(dir)).toBe(before);
    await first.close();

    const second = open(dir);
    expect(second.state.nextJobId).toBe(5);
    expect(states(second.state.jobs)).toEqual([[1, 'COMPLETED'], [2, 'PENDING,PENDING,PENDING']]);
    expect(second.state.jobs[0]!.tasks[0]).toMatchObject({ pid: 4242, startedAt: 10, endedAt: 20, exit: { code: 0, signal: 0 } });
    // Opening folded the changes into a new snapshot.
    expect(changesFiles(dir)).toEqual([]);
    expect(JSON.parse(readFileSync(join(dir, fileName), 'utf8'))).toMatchObject({ generation: 1, nextJobId: 5 });
    await second.close();
  });

  it('writes a few hundred bytes for a new job next to a large ended array', async () => {
    const dir = folder();
    const first = open(dir);
    const array = job(1, '0-9999');
    for (const task of array.tasks) endTask(array, task, { state: 'CANCELLED', exit: null, reason: null }, 5);
    first.add(array);
    await first.save();
    await first.close();
    const second = open(dir);
    expect(statSync(join(dir, fileName)).size).toBeGreaterThan(1_000_000);
    const small = job(10_001);
    second.add(small);
    await second.save();
    startTask(small, small.tasks[0]!, 6);
    await second.save();
    expect(changesBytes(dir)).toBeLessThan(2000);
    await second.close();
    const third = open(dir);
    expect(states(third.state.jobs).map(([id]) => id)).toEqual([1, 10_001]);
    await third.close();
  });

  it('skips a line cut short by a crash and keeps every other', async () => {
    const dir = folder();
    const first = open(dir);
    first.add(job(1));
    first.add(job(2));
    await first.save();
    await first.close();
    const [changes] = changesFiles(dir);
    appendFileSync(join(dir, changes!), '{"op":"job","job":{"jobId":3,"clie');
    const second = open(dir);
    expect(second.skippedChanges).toBe(1);
    expect(states(second.state.jobs).map(([id]) => id)).toEqual([1, 2]);
    await second.close();
  });

  it('starts a new generation once the changes outgrow the snapshot, and never applies an old one', async () => {
    const dir = folder();
    const first = open(dir, { compactAfterBytes: 1 });
    first.add(job(1));
    await first.save();
    const [oldChanges] = changesFiles(dir);
    const kept = join(dir, `${oldChanges!}.kept`);
    copyFileSync(join(dir, oldChanges!), kept);
    const one = first.table.jobs.get(1)!;
    startTask(one, one.tasks[0]!, 10);
    // This save finds the changes larger than the (absent) snapshot: it writes a snapshot instead.
    await first.save();
    expect(existsSync(join(dir, oldChanges!))).toBe(false);
    expect(JSON.parse(readFileSync(join(dir, fileName), 'utf8'))).toMatchObject({ generation: 1 });
    endTask(one, one.tasks[0]!, { state: 'FAILED', exit: { code: 1, signal: 0 }, reason: 'NonZeroExitCode' }, 20);
    await first.save();
    await first.close();
    // As if the old generation's file had survived a crash right after the snapshot: ignored, and removed.
    copyFileSync(kept, join(dir, oldChanges!));
    rmSync(kept);
    const second = open(dir);
    expect(states(second.state.jobs)).toEqual([[1, 'FAILED']]);
    expect(existsSync(join(dir, oldChanges!))).toBe(false);
    await second.close();
  });

  it('writes a forgotten job away, and a task that went back to PENDING', async () => {
    const dir = folder();
    const first = open(dir);
    const one = job(1);
    first.add(one);
    first.add(job(2));
    await first.save();
    startTask(one, one.tasks[0]!, 10);
    await first.save();
    // A submission whose own write failed is taken out again; a start whose write failed is undone.
    first.table.jobs.delete(2);
    Object.assign(one.tasks[0]!, { state: 'PENDING', startedAt: null });
    one.running = 0;
    await first.save();
    await first.close();
    const second = open(dir);
    expect(states(second.state.jobs)).toEqual([[1, 'PENDING']]);
    expect(second.state.nextJobId).toBe(3);
    await second.close();
  });
});
