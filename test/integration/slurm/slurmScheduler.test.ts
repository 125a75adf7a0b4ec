import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { isTerminal } from '../../../shared/jobs/jobState';
import { createLocalBackend } from '../../../electron/services/backends/local/localBackend';
import { type Backend, type FinalEntry, SchedulerError, type SubmitRequest } from '../../../electron/services/backends/types';
import { sbatchDirectives, sbatchScriptLine } from '../../../electron/services/slurm/sbatchDirectives';
import type { SlurmScheduler } from '../../../electron/services/slurm/slurmScheduler';
import { type ClusterMode, describeWithSlurm, startCluster, stopCluster } from './slurmCluster';

// The scheduler against a real Slurm 22.05 (test/daemons/slurm.sh), once without accounting
// (final states from scontrol) and once with slurmdbd (final states from sacct).
const decoder = new TextDecoder();
const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const byTask = (a: FinalEntry, b: FinalEntry) => (a.arrayTaskId ?? -1) - (b.arrayTaskId ?? -1);

function defineSuite(mode: ClusterMode, expectedAccounting: 'sacct' | 'scontrol') {
  describeWithSlurm(`SlurmScheduler on a real Slurm (${mode} mode)`, () => {
    let backend: Backend;
    let scheduler: SlurmScheduler;
    let folder: string;
    const submitted: string[] = [];

    beforeAll(async () => {
      await startCluster(mode);
      backend = createLocalBackend();
      scheduler = backend.scheduler as SlurmScheduler;
      // Jobs run as root here and write their output next to their script.
      folder = mkdtempSync('/tmp/slurmdesk-slurm-it-');
    }, 200_000);

    afterAll(async () => {
      await backend?.close();
      await stopCluster();
      if (folder) rmSync(folder, { recursive: true, force: true });
    }, 120_000);

    /**
     * A job folder with job.sh in it, written through the local backend's files, with the same
     * #SBATCH lines the engine writes (sbatch reads them before the command line overrides them).
     */
    async function prepare(name: string, body: string, options: Partial<SubmitRequest> = {}, folderName?: string): Promise<SubmitRequest> {
      const clientId = `sd-${randomBytes(8).toString('hex')}`;
      const jobDir = join(folder, folderName ?? clientId);
      await backend.files.mkdir(jobDir, 0o700);
      const pattern = options.array ? '%A_%a' : '%j';
      const request: SubmitRequest = {
        clientId, name, scriptPath: join(jobDir, 'job.sh'), workdir: jobDir,
        stdoutPath: join(jobDir, `stdout-${pattern}.txt`), stderrPath: join(jobDir, `stderr-${pattern}.txt`),
        resources: { partition: 'debug', extra: [] }, array: null, dependencies: [], comment: clientId,
        ...options,
      };
      const script = ['#!/bin/bash', ...sbatchDirectives(request).map(sbatchScriptLine), body, ''].join('\n');
      await backend.files.writeFileAtomic(request.scriptPath, script, 0o750);
      return request;
    }

    async function submit(request: SubmitRequest): Promise<string> {
      const id = await backend.scheduler.submit(request);
      submitted.push(id);
      return id;
    }

    /** Polls like the engine: queue first; once the job left it, settle until every task is final. */
    async function waitForFinal(jobId: string, tasks = 1): Promise<FinalEntry[]> {
      const deadline = Date.now() + 90_000;
      let last: FinalEntry[] = [];
      while (Date.now() < deadline) {
        if ((await scheduler.queue([jobId])).length === 0) {
          last = await scheduler.settle([jobId]);
          // sacct may show a placeholder (not yet final) for a moment after the job ends.
          if (last.length >= tasks && last.every((entry) => isTerminal(entry.state))) return last.sort(byTask);
        }
        await pause(300);
      }
      throw new Error(`job ${jobId} did not settle in 90 s; last settle said ${JSON.stringify(last)}`);
    }

    it('runs a job that echoes: COMPLETED, exit 0, its output in the job folder', async () => {
      const request = await prepare('echo', 'echo "hello from $SLURM_JOB_ID"');
      const id = await submit(request);
      expect(id).toMatch(/^\d+$/);
      const [final] = await waitForFinal(id);
      expect(final).toMatchObject({ slurmId: id, jobId: id, arrayTaskId: null, state: 'COMPLETED', exit: { code: 0, signal: 0 } });
      expect(final!.startedAt).toMatch(/^\d{4}-\d\d-\d\dT/);
      expect(final!.endedAt).toMatch(/^\d{4}-\d\d-\d\dT/);
      const output = await backend.files.readFile(join(request.workdir, `stdout-${id}.txt`));
      expect(decoder.decode(output!)).toBe(`hello from ${id}\n`);
    });

    it('runs a job whose folder has a space in it (quoted #SBATCH lines, argv paths)', async () => {
      const request = await prepare('spaced', 'pwd', {}, `My Jobs ${randomBytes(4).toString('hex')}`);
      const id = await submit(request);
      const [final] = await waitForFinal(id);
      expect(final!.state).toBe('COMPLETED');
      const output = await backend.files.readFile(join(request.workdir, `stdout-${id}.txt`));
      expect(decoder.decode(output!)).toBe(`${request.workdir}\n`);
    });

    it('settles a job that exits 3 as FAILED with exit code 3', async () => {
      const id = await submit(await prepare('exit3', 'echo failing >&2; exit 3'));
      const [final] = await waitForFinal(id);
      expect(final).toMatchObject({ state: 'FAILED', exit: { code: 3, signal: 0 } });
    });

    it('settles an array 0-9%2 task by task', async () => {
      const request = await prepare('array', 'echo "task $SLURM_ARRAY_TASK_ID"', { array: '0-9%2' });
      const id = await submit(request);
      const finals = await waitForFinal(id, 10);
      expect(finals.map((entry) => entry.arrayTaskId)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
      for (const entry of finals) expect(entry).toMatchObject({ jobId: id, slurmId: `${id}_${entry.arrayTaskId}`, state: 'COMPLETED', exit: { code: 0, signal: 0 } });
      const output = await backend.files.readFile(join(request.workdir, `stdout-${id}_7.txt`));
      expect(decoder.decode(output!)).toBe('task 7\n');
    });

    it('shows a running job and its pending dependent in the queue, then cancels both', async () => {
      const sleeper = await submit(await prepare('sleeper', 'sleep 300'));
      const dependent = await submit(await prepare('dependent', 'echo never', { dependencies: [{ type: 'afterok', slurmId: sleeper }] }));
      let running = false;
      for (let tries = 0; tries < 100 && !running; tries += 1) {
        running = (await scheduler.queue([sleeper])).some((entry) => entry.state === 'RUNNING');
        if (!running) await pause(200);
      }
      const queued = await scheduler.queue([sleeper, dependent]);
      expect(queued.find((entry) => entry.slurmId === sleeper)).toMatchObject({ state: 'RUNNING', nodes: 'localhost', reason: null });
      expect(queued.find((entry) => entry.slurmId === dependent)).toMatchObject({ state: 'PENDING', reason: 'Dependency', nodes: null });

      await backend.scheduler.cancel([sleeper, dependent]);
      const [sleeperFinal] = await waitForFinal(sleeper);
      const [dependentFinal] = await waitForFinal(dependent);
      expect(sleeperFinal!.state).toBe('CANCELLED');
      expect(dependentFinal!.state).toBe('CANCELLED');
      // Cancelling what already ended is not an error.
      await expect(backend.scheduler.cancel([sleeper])).resolves.toBeUndefined();
    });

    it(`learnt where final states come from: ${expectedAccounting}`, () => {
      expect(scheduler.accountingMode).toBe(expectedAccounting);
    });

    it('refreshes many jobs with one queue command and at most one settle command', async () => {
      const unknown = Array.from({ length: 50 }, (_, index) => String(900_000 + index));
      const ids = [...submitted, ...unknown];
      const before = scheduler.commandCount;
      const queued = await scheduler.queue(ids);
      expect(scheduler.commandCount - before).toBe(1);
      const left = ids.filter((id) => !queued.some((entry) => entry.jobId === id));
      const finals = await scheduler.settle(left);
      expect(scheduler.commandCount - before).toBe(2);
      expect(queued).toEqual([]);
      expect(new Set(finals.map((entry) => entry.jobId))).toEqual(new Set(submitted));
      expect(finals).toHaveLength(submitted.length - 1 + 10); // the array: one entry per task
    });

    it('reads ids Slurm does not know as absent, never as an error (one or many)', async () => {
      expect(await scheduler.queue(['999999'])).toEqual([]);
      expect(await scheduler.queue(['999998', '999999'])).toEqual([]);
      expect(await scheduler.settle(['999999'])).toEqual([]);
      expect(await scheduler.settle(['999998', '999999'])).toEqual([]);
    });

    it('finds a submitted job again by its comment, and nothing for a comment never used', async () => {
      const request = await prepare('findme', 'sleep 1');
      const id = await submit(request);
      expect(await backend.scheduler.findByComment(request.comment)).toBe(id);
      expect(await backend.scheduler.findByComment(`sd-${randomBytes(8).toString('hex')}`)).toBeNull();
      await waitForFinal(id);
      expect(await backend.scheduler.findByComment(request.comment)).toBe(id);
    });

    it('reports an invalid partition as a SchedulerError naming the partition', async () => {
      const request = await prepare('badpart', 'true', { resources: { partition: 'nope', extra: [] } });
      const error = await backend.scheduler.submit(request).catch((caught: unknown) => caught);
      expect(error).toBeInstanceOf(SchedulerError);
      expect(error).toMatchObject({ code: 'scheduler-rejected' });
      expect((error as SchedulerError).message).toMatch(/invalid partition specified: nope/);
    });
  });
}

defineSuite('plain', 'scontrol');
defineSuite('accounting', 'sacct');
