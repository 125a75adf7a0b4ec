import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { JobTask } from '../../../../../shared/contract/jobsMethods';
import type { JobSpecInput } from '../../../../../shared/jobs/jobSpec';
import { defaultAppSettings } from '../../../../../shared/settings/appSettings';
import { EmbeddedScheduler } from '../../../../../electron/services/backends/embedded/embeddedScheduler';
import { readStoredState } from '../../../../../electron/services/backends/embedded/stateStore';
import { createExecFileRunner } from '../../../../../electron/services/backends/local/execFileRunner';
import { createLocalFiles } from '../../../../../electron/services/backends/local/localFiles';
import type { Backend, Scheduler } from '../../../../../electron/services/backends/types';
import { createJobHandlers } from '../../../../../electron/services/jobs/jobHandlers';
import { JobEngine } from '../../../../../electron/services/jobs/jobEngine';
import { JobTracker } from '../../../../../electron/services/jobs/jobTracker';
import { JobOutputCache } from '../../../../../electron/services/jobs/outputCache';
import { JobJournal } from '../../../../../electron/services/jobs/journal';
import { silentLogger } from '../../../../../electron/services/log';

// The jobs.tasks handler over the real engine and the embedded executor, run in this process
// (no daemon), with real bash tasks in scratch folders.
const roots: string[] = [];
const schedulers: EmbeddedScheduler[] = [];

afterAll(async () => {
  for (const scheduler of schedulers) await scheduler.close();
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

function setUp(options: { scheduler?: (real: Scheduler) => Scheduler } = {}) {
  const root = mkdtempSync(join(tmpdir(), 'slurmdesk-tasks-'));
  roots.push(root);
  const real = new EmbeddedScheduler({ stateDir: join(root, 'state'), maxCpus: 2, killGraceMs: 300, adoptPollMs: 100, logger: silentLogger });
  schedulers.push(real);
  const backend: Backend = {
    kind: 'embedded',
    files: createLocalFiles(),
    scheduler: options.scheduler ? options.scheduler(real) : real,
    runner: createExecFileRunner(),
    close: async () => {},
  };
  const engine = new JobEngine({
    journal: new JobJournal(join(root, 'journal', 'jobs.jsonl')),
    backend: () => backend,
    settings: () => ({ ...defaultAppSettings, jobBaseDir: join(root, 'jobs') }),
    onChanged: () => {},
    log: silentLogger,
  });
  const tracker = new JobTracker(engine, () => backend, silentLogger);
  const handlers = createJobHandlers(engine, () => backend, () => {}, new JobOutputCache(join(root, 'cache')));
  const context = { signal: new AbortController().signal, transport: 'memory' as const };
  return {
    engine,
    tasks: async (id: string) => (await handlers['jobs.tasks']({ id }, context)).tasks,
    submit: (spec: Omit<JobSpecInput, 'cluster'>) => engine.submit({ ...spec, cluster: 'embedded' }),
    async settleAll(id: string): Promise<void> {
      const until = Date.now() + 15_000;
      while (Date.now() < until) {
        await tracker.refresh('embedded');
        if (['COMPLETED', 'FAILED', 'CANCELLED'].includes(engine.get(id).state)) return;
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
      throw new Error(`job ${id} did not end: ${engine.get(id).state}`);
    },
  };
}

const states = (tasks: JobTask[]) => tasks.map((task) => [task.index, task.state]);

describe('jobs.tasks', () => {
  it('lists every task of a finished array with its own state and exit status', async () => {
    const app = setUp();
    const job = await app.submit({ name: 'four', task: { kind: 'script', body: '[ "$SLURM_ARRAY_TASK_ID" = 5 ] && exit 3\nexit 0' }, array: { range: '3-6' } });
    await app.settleAll(job.id);
    const tasks = await app.tasks(job.id);
    expect(states(tasks)).toEqual([[3, 'COMPLETED'], [4, 'COMPLETED'], [5, 'FAILED'], [6, 'COMPLETED']]);
    expect(tasks[2]!.exit).toEqual({ code: 3, signal: 0 });
    for (const task of tasks) {
      expect(task.startedAt).not.toBeNull();
      expect(task.endedAt).not.toBeNull();
    }
    // By its Slurm id too, as every jobs.* method accepts.
    expect(states(await app.tasks(app.engine.get(job.id).slurmId!))).toEqual(states(tasks));
  });

  it('shows running and waiting tasks of a live array, then the cancel', async () => {
    const app = setUp();
    const job = await app.submit({ name: 'slow', task: { kind: 'script', body: 'sleep 30' }, array: { range: '0-2%1' } });
    let tasks: JobTask[] = [];
    const until = Date.now() + 10_000;
    while (Date.now() < until) {
      tasks = await app.tasks(job.id);
      if (tasks[0]!.state === 'RUNNING') break;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    expect(states(tasks)).toEqual([[0, 'RUNNING'], [1, 'PENDING'], [2, 'PENDING']]);
    expect(tasks[0]!.startedAt).not.toBeNull();
    expect(tasks[1]!.reason).toBe('JobArrayTaskLimit');

    await app.engine.cancel([job.id]);
    await app.settleAll(job.id);
    expect(states(await app.tasks(job.id))).toEqual([[0, 'CANCELLED'], [1, 'CANCELLED'], [2, 'CANCELLED']]);
  });

  it('reads the task markers in the job folder once the scheduler has forgotten the tasks', async () => {
    let forget = false;
    const app = setUp({
      // Named as a fake: the real scheduler, except that it can be made to forget every job.
      scheduler: (real) => ({
        submit: (request, signal) => real.submit(request, signal),
        queue: async (ids) => (forget ? [] : real.queue(ids)),
        settle: async (ids) => (forget ? [] : real.settle(ids)),
        cancel: (ids) => real.cancel(ids),
        findByComment: (comment) => real.findByComment(comment),
        overview: () => real.overview(),
        commandCount: 0,
      }),
    });
    const job = await app.submit({ name: 'items', task: { kind: 'script', body: 'exit $SLURM_ARRAY_TASK_ID' }, array: { items: [1, 2] } });
    await app.settleAll(job.id);
    forget = true;
    const tasks = await app.tasks(job.id);
    expect(states(tasks)).toEqual([[0, 'COMPLETED'], [1, 'FAILED']]);
    expect(tasks[1]!.exit).toEqual({ code: 1, signal: 0 });
    expect(tasks[1]!.reason).toMatch(/job folder/);
  });

  it('refuses a job that is not an array, saying so', async () => {
    const app = setUp();
    const job = await app.submit({ name: 'single', task: { kind: 'script', body: 'true' } });
    await expect(app.tasks(job.id)).rejects.toMatchObject({ code: 'not-an-array' });
  });
});

describe('tasks of a finished array', () => {
  it('settle with their parent when accounting still reports them live', async () => {
    let lagging = false;
    const app = setUp({
      // Named as a fake: the real scheduler, except that its accounting can lag (tasks still RUNNING).
      scheduler: (real) => ({
        submit: (request, signal) => real.submit(request, signal),
        queue: async (ids) => (lagging ? [] : real.queue(ids)),
        settle: async (ids) => (await real.settle(ids)).map((entry) => (lagging ? { ...entry, state: 'RUNNING' as const, endedAt: null } : entry)),
        cancel: (ids) => real.cancel(ids),
        findByComment: (comment) => real.findByComment(comment),
        overview: () => real.overview(),
        commandCount: 0,
      }),
    });
    const job = await app.submit({ name: 'lag', task: { kind: 'script', body: 'exit $SLURM_ARRAY_TASK_ID' }, array: { range: '0-1' } });
    await app.settleAll(job.id);
    lagging = true;
    expect(states(await app.tasks(job.id))).toEqual([[0, 'COMPLETED'], [1, 'FAILED']]);
  });
});

describe('the submission time', () => {
  it('is one instant: the journal, spec.json and the job folder\'s name agree', async () => {
    const app = setUp();
    const job = await app.submit({ name: 'when', task: { kind: 'script', body: 'true' } });
    const saved = JSON.parse(readFileSync(join(job.jobDir, 'spec.json'), 'utf8')) as { submittedAt: string };
    expect(saved.submittedAt).toBe(job.submittedAt);
    expect(job.jobDir).toContain(`/${job.submittedAt.replace(/[-:]/g, '').replace('T', '_').slice(0, 15)}_`);
  });
});
