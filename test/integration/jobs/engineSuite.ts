import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { ContractClient } from '../../../shared/contract/client';
import { Dispatcher } from '../../../shared/contract/dispatcher';
import { connectInMemory } from '../../../shared/contract/memoryTransport';
import { EventHub } from '../../../shared/contract/eventHub';
import type { JobRecord } from '../../../shared/jobs/jobRecord';
import { openHarness, type EngineHarness } from './engineHarness';

export type EngineSuiteOptions = {
  cluster: 'embedded' | 'local';
  /** Slurm's shortest limit is a minute; the embedded executor honours seconds. */
  timeLimit: string;
  timeoutWaitMs: number;
};

const pythonTasks = `
import time

def as_dict(name):
    return {"hello": name, "numbers": [1, 2.5, None], "nested": {"ok": True}}

def explode(reason):
    raise ValueError("exploded: " + reason)

def not_json():
    return {1, 2, 3}

def stamp(index):
    start = time.time()
    time.sleep(0.3)
    return {"index": index, "start": start, "end": time.time()}

def first():
    return {"n": 2}

def times_ten(upstream):
    return upstream["n"] * 10
`;

/** The engine's promises, against whichever cluster the suite is given. */
export function defineEngineTests(options: EngineSuiteOptions): void {
  let harness: EngineHarness;
  let client: ContractClient;
  let timeoutJob: JobRecord;
  const python = (target: string, extra: Record<string, unknown> = {}) => ({
    name: target.split(':')[1]!.replace(/_/g, '-'),
    task: { kind: 'python' as const, target: `tasks.py:${target.split(':')[1]}`, ...extra },
    upload: { root: harness.workDir, include: ['tasks.py'] },
  });

  beforeAll(async () => {
    harness = openHarness(options.cluster);
    harness.writeFile('tasks.py', pythonTasks);
    const hub = new EventHub();
    client = new ContractClient(connectInMemory(new Dispatcher(harness.services.handlers), hub).port);
    // Started first so its minute runs while the other tests do.
    timeoutJob = await harness.submit({ name: 'overtime', task: { kind: 'script', body: 'sleep 600' }, resources: { time: options.timeLimit } });
  });
  afterAll(() => harness?.close());

  it('previews the script and directives of a submission without submitting anything', async () => {
    const before = harness.services.backend(options.cluster).scheduler.commandCount;
    const preview = await client.call('jobs.preview', {
      spec: { name: 'preview', cluster: options.cluster, task: { kind: 'script', body: 'echo hi' }, resources: { time: '5', cpusPerTask: 2 }, environment: { MODE: 'fast' } },
    });
    expect(preview.directives).toEqual(expect.arrayContaining(['--job-name=preview', '--time=5', '--cpus-per-task=2']));
    expect(preview.script).toContain('#SBATCH --cpus-per-task=2');
    expect(preview.script).toContain("export MODE='fast'");
    expect(preview.files).toEqual(expect.arrayContaining(['job.sh', 'script.sh', 'spec.json']));
    expect(existsSync(preview.jobDir)).toBe(false);
    expect(harness.services.backend(options.cluster).scheduler.commandCount).toBe(before);
  });

  it('runs a script job to COMPLETED and its stdout is readable by offset', async () => {
    const job = await harness.submit({ name: 'echo', task: { kind: 'script', body: 'echo "line one"\necho "line two" >&2\necho "ünïcödé ✓"' } });
    const done = await harness.waitForEnd(job.id);
    expect(done.state).toBe('COMPLETED');
    expect(done.exit).toEqual({ code: 0, signal: 0 });
    const out = await client.call('jobs.logs', { id: job.id, stream: 'stdout' });
    expect(out.text).toBe('line one\nünïcödé ✓\n');
    const tail = await client.call('jobs.logs', { id: job.id, stream: 'stdout', tail: true, length: 10 });
    expect(tail.nextOffset).toBe(tail.size);
    expect('line one\nünïcödé ✓\n').toContain(tail.text);
    expect((await client.call('jobs.logs', { id: job.id, stream: 'stderr' })).text).toBe('line two\n');
  });

  it('collects a Python task returning a dict: result.json equals it', async () => {
    const job = await harness.submit({ ...python('tasks.py:as_dict'), task: { ...python('tasks.py:as_dict').task, kwargs: { name: 'Ada' } } });
    const done = await harness.waitForEnd(job.id);
    expect(done.state).toBe('COMPLETED');
    const expected = { hello: 'Ada', numbers: [1, 2.5, null], nested: { ok: true } };
    expect(JSON.parse(readFileSync(join(done.jobDir, 'result.json'), 'utf8'))).toEqual(expected);
    expect(await client.call('jobs.result', { id: job.id })).toEqual({ kind: 'json', value: expected, stale: false });
  });

  it('marks a raising task FAILED with the traceback from error.json', async () => {
    const job = await harness.submit({ ...python('tasks.py:explode'), task: { ...python('tasks.py:explode').task, args: ['on purpose'] } });
    const done = await harness.waitForEnd(job.id);
    expect(done.state).toBe('FAILED');
    expect(done.exit?.code).not.toBe(0);
    const result = await client.call('jobs.result', { id: job.id });
    expect(result).toMatchObject({ kind: 'error', type: 'ValueError', message: 'exploded: on purpose' });
    expect(result.kind === 'error' && result.traceback).toMatch(/in explode/);
  });

  it('shows the repr of a result JSON cannot hold, and never unpickles it', async () => {
    const job = await harness.submit(python('tasks.py:not_json'));
    const done = await harness.waitForEnd(job.id);
    expect(done.state).toBe('COMPLETED');
    expect(await client.call('jobs.result', { id: job.id })).toEqual({ kind: 'repr', text: '{1, 2, 3}', stale: false });
    const files = (await client.call('jobs.files', { id: job.id })).entries.map((entry) => entry.name);
    expect(files).toEqual(expect.arrayContaining(['result.pkl', 'result.repr.txt', 'job.sh', 'spec.json']));
    expect(files).not.toContain('result.json');
  });

  it('runs a 100-item array with %5: never more than 5 at once, every result collected', async () => {
    const items = Array.from({ length: 100 }, (_, index) => index);
    const job = await harness.submit({ ...python('tasks.py:stamp'), array: { items, maxParallel: 5 } });
    const done = await harness.waitForEnd(job.id, 240_000);
    expect(done.state).toBe('COMPLETED');
    expect(done.tasks).toEqual({ total: 100, counts: { COMPLETED: 100 } });
    const spans: { start: number; end: number }[] = [];
    for (const index of items) {
      const result = await client.call('jobs.result', { id: job.id, task: index });
      expect(result.kind).toBe('json');
      const value = (result as { value: { index: number; start: number; end: number } }).value;
      expect(value.index).toBe(index);
      spans.push(value);
    }
    const events = spans.flatMap((span) => [{ at: span.start, delta: 1 }, { at: span.end, delta: -1 }]).sort((a, b) => a.at - b.at || a.delta - b.delta);
    let running = 0;
    let most = 0;
    for (const event of events) most = Math.max(most, (running += event.delta));
    expect(most).toBeLessThanOrEqual(5);
    expect(most).toBeGreaterThan(1);
  });

  it('submits a 10,000-item array with one scheduler call', async () => {
    const before = harness.services.backend(options.cluster).scheduler.commandCount;
    const items = Array.from({ length: 10_000 }, (_, index) => ({ index }));
    const job = await harness.submit({ ...python('tasks.py:stamp'), array: { items, maxParallel: 1 } });
    expect(harness.services.backend(options.cluster).scheduler.commandCount - before).toBe(1);
    await harness.services.engine.cancel([job.id]);
    expect((await harness.waitForEnd(job.id)).state).toBe('CANCELLED');
  });

  it('passes a result down an afterok chain', async () => {
    const upstream = await harness.submit(python('tasks.py:first'));
    const downstream = await harness.submit({
      ...python('tasks.py:times_ten'),
      task: { ...python('tasks.py:times_ten').task, args: [{ $slurmdesk: 'result', job: upstream.id }] },
    });
    expect((await harness.waitForEnd(downstream.id)).state).toBe('COMPLETED');
    expect(await client.call('jobs.result', { id: downstream.id })).toEqual({ kind: 'json', value: 20, stale: false });
  });

  it('cancels a running job and a pending one', async () => {
    const running = await harness.submit({ name: 'sleeper', task: { kind: 'script', body: 'sleep 300' } });
    const pending = await harness.submit({ name: 'waiter', task: { kind: 'script', body: 'true' }, dependencies: [{ type: 'afterok', on: { job: running.id } }] });
    for (let tries = 0; harness.services.engine.get(running.id).state !== 'RUNNING' && tries < 100; tries += 1) {
      await harness.services.tracker.refresh(options.cluster);
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
    expect(harness.services.engine.get(running.id).state).toBe('RUNNING');
    expect(harness.services.engine.get(pending.id).state).toBe('PENDING');
    await client.call('jobs.cancel', { ids: [running.id, pending.id] });
    expect((await harness.waitForEnd(running.id)).state).toBe('CANCELLED');
    expect((await harness.waitForEnd(pending.id)).state).toBe('CANCELLED');
  });

  it('tracks 1,000 jobs with at most 2 scheduler commands per refresh', async () => {
    const ids: string[] = [];
    for (let index = 0; index < 1000; index += 1) {
      ids.push((await harness.submit({ name: `many-${index}`, task: { kind: 'script', body: 'true' } })).id);
    }
    const scheduler = harness.services.backend(options.cluster).scheduler;
    const perRefresh: number[] = [];
    for (let round = 0; round < 200; round += 1) {
      const before = scheduler.commandCount;
      await harness.services.tracker.refresh(options.cluster);
      perRefresh.push(scheduler.commandCount - before);
      if (ids.every((id) => harness.services.engine.get(id).state === 'COMPLETED')) break;
      await new Promise((resolve) => setTimeout(resolve, 500));
    }
    expect(ids.filter((id) => harness.services.engine.get(id).state !== 'COMPLETED')).toEqual([]);
    expect(Math.max(...perRefresh)).toBeLessThanOrEqual(2);
    console.info(`1,000 tracked jobs: ${perRefresh.length} refreshes, commands per refresh ${JSON.stringify([...new Set(perRefresh)])}`);
    // A thousand durable submissions and job starts (each job checks its folder chain first): the
    // promise is the command count, not the time, which a busy 2-core machine stretches past 120 s.
  }, 300_000);

  it('ends a job over its time limit as TIMEOUT', async () => {
    const done = await harness.waitForEnd(timeoutJob.id, options.timeoutWaitMs);
    expect(done.state).toBe('TIMEOUT');
  });

  it('announces changes as batched jobs.changed events', () => {
    const seen = harness.events.flat();
    expect(seen.some((job) => job.state === 'COMPLETED')).toBe(true);
    expect(harness.events.some((batch) => batch.length > 1)).toBe(true);
  });
}
