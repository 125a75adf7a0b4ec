import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { EventHub } from '../../../shared/contract/eventHub';
import { isTerminal } from '../../../shared/jobs/jobState';
import { openAppServices, type AppServices } from '../../../electron/services/appServices';
import { silentLogger } from '../../../electron/services/log';
import { buildCli } from '../../../build/scripts/build.mjs';
import { runCli } from '../../support/runCliBinary';
import { type ClusterMode, describeWithSlurm, startCluster, stopCluster } from '../slurm/slurmCluster';
import { auditEntries, call, localRun, sbatch, seffFromSacct, until } from './queueHarness';

// Jobs a person submitted with plain sbatch, seen and controlled through the queue services and
// the CLI, on the real Slurm 22.05: once without accounting, once with slurmdbd.
function defineSuite(mode: ClusterMode) {
  describeWithSlurm(`the whole queue on a real Slurm (${mode} mode)`, () => {
    let services: AppServices;
    let folder: string;
    let dataDir: string;
    let cliHome: string;
    const events: string[] = [];

    beforeAll(async () => {
      await Promise.all([startCluster(mode), buildCli()]);
      folder = mkdtempSync(join(tmpdir(), 'slurmdesk-queue-it-'));
      dataDir = join(folder, 'data');
      cliHome = join(folder, 'cli-home');
      const hub = new EventHub();
      hub.subscribe((event) => events.push(event));
      services = openAppServices({ dataDir, electronVersion: null, openExternal: async () => false, hub, log: silentLogger, backgroundRefresh: false });
    }, 200_000);

    afterAll(async () => {
      await services?.close();
      await stopCluster();
      if (folder) rmSync(folder, { recursive: true, force: true });
    }, 120_000);

    const detail = (slurmId: string) => call(services, 'queue.job', { cluster: 'local', slurmId });

    it('lists, tails, holds, releases, updates, signals, requeues and cancels jobs the app never submitted', async () => {
      const running = await sbatch(['--time=10', '--job-name=outside', `--output=${folder}/run-%j.out`, '--wrap', 'echo started-$SLURM_JOB_ID; trap "echo got-usr1" USR1; while true; do sleep 1; done'], folder);
      const waiting = await sbatch(['--begin=now+1hour', '--time=5', '--job-name=waiting', '--wrap', 'true'], folder);
      const array = await sbatch(['--begin=now+1hour', '--array=0-2', '--job-name=many', '--wrap', 'true'], folder);

      await services.queue.monitor.watch(['local'], true, 'today');
      const unrolled = await until('the running job to show as RUNNING', async () => {
        const listed = await call(services, 'queue.list', { cluster: 'local', refresh: true, unrollArrays: true });
        return listed.jobs.find((job) => job.slurmId === running)?.state === 'RUNNING' ? listed : undefined;
      });
      const byId = new Map(unrolled.jobs.map((job) => [job.slurmId, job]));
      expect(byId.get(running)).toMatchObject({ name: 'outside', source: 'queue', appJobId: null, timeLimitSeconds: 600 });
      expect(byId.get(waiting)).toMatchObject({ state: 'PENDING', reason: 'BeginTime', reasonText: 'waiting for its start time' });
      expect([0, 1, 2].map((task) => byId.get(`${array}_${task}`)?.state)).toEqual(['PENDING', 'PENDING', 'PENDING']);
      const grouped = await call(services, 'queue.list', { cluster: 'local' });
      expect(grouped.jobs.map((job) => job.slurmId)).toContain(`${array}_[0-2]`);
      expect(events).toContain('queue.changed');
      // Every read of the queue was one squeue, whatever else was asked.
      expect(unrolled.status.accounting.state).toBe(mode === 'accounting' ? 'available' : 'unavailable');
      if (mode === 'plain') expect(unrolled.status.accounting.message).toMatch(/no job accounting/);

      const shown = await detail(running);
      expect(shown).toMatchObject({ workDir: folder, stdoutPath: join(folder, `run-${running}.out`), nodes: 'localhost', cpus: 1, allowedActions: expect.arrayContaining(['signal', 'requeue']) });
      const tail = await until('the log to show the first line', async () => {
        const chunk = await call(services, 'queue.logs', { cluster: 'local', slurmId: running, tail: true });
        return chunk.text.includes(`started-${running}`) ? chunk : undefined;
      });
      expect(tail.path).toBe(join(folder, `run-${running}.out`));

      expect((await call(services, 'queue.control', { cluster: 'local', slurmIds: [waiting], action: 'hold' })).outcomes).toEqual([{ slurmId: waiting, ok: true, message: null }]);
      expect(await detail(waiting)).toMatchObject({ reason: 'JobHeldUser', reasonAdvice: expect.stringMatching(/release/) });
      await call(services, 'queue.control', { cluster: 'local', slurmIds: [waiting], action: 'release' });
      expect((await detail(waiting)).reason).not.toBe('JobHeldUser');

      const updated = await call(services, 'queue.update', { cluster: 'local', slurmId: waiting, changes: { timeLimit: '3', name: 'renamed', nice: 50, dependency: `afterany:${running}` } });
      expect(updated.ok).toBe(true);
      expect(await detail(waiting)).toMatchObject({ timeLimitSeconds: 180, name: 'renamed', nice: 50, dependency: expect.stringContaining(running) });
      await expect(call(services, 'queue.update', { cluster: 'local', slurmId: waiting, changes: { timeLimit: '30' } })).rejects.toMatchObject({ code: 'invalid-update' });
      await expect(call(services, 'queue.update', { cluster: 'local', slurmId: waiting, changes: { name: 'x; rm -rf ~' } })).rejects.toMatchObject({ code: 'invalid-params' });

      await call(services, 'queue.control', { cluster: 'local', slurmIds: [running], action: 'cancel', signal: 'USR1' });
      await until('the job to log the signal', async () => {
        const chunk = await call(services, 'queue.logs', { cluster: 'local', slurmId: running, offset: 0 });
        return chunk.text.includes('got-usr1') ? true : undefined;
      });
      const requeued = await call(services, 'queue.control', { cluster: 'local', slurmIds: [running], action: 'requeue' });
      expect(requeued.outcomes[0]).toMatchObject({ ok: true });
      await until('the requeued job to leave RUNNING', async () => ((await detail(running)).state !== 'RUNNING' ? true : undefined));

      const cancelled = await call(services, 'queue.control', { cluster: 'local', slurmIds: [running, waiting, array], action: 'cancel' });
      expect(cancelled.outcomes.every((outcome) => outcome.ok)).toBe(true);
      await until('the cancelled jobs to end', async () => ((await Promise.all([running, waiting].map(detail))).every((job) => isTerminal(job.state)) ? true : undefined));

      const actions = auditEntries(join(dataDir, 'audit', 'audit.jsonl'), 'job-control').map((entry) => entry.action);
      expect(actions).toEqual(['hold', 'release', 'update', 'signal USR1', 'requeue', 'cancel']);
      const stopped = services.queue.monitor.watch([], false, 'today');
      expect(stopped).toEqual([]);
    }, 180_000);

    it('computes efficiency as sacct reports it, or says the cluster keeps no accounting', async () => {
      const busy = await sbatch(['--time=2', '--mem=900M', '--job-name=busy', '--wrap', 'python3 -c "import time\nt=time.time()\nwhile time.time()-t<2.5: pass"'], folder);
      await until('the busy job to end', async () => (isTerminal((await detail(busy)).state) ? true : undefined), 90_000);
      if (mode === 'plain') {
        const answer = await call(services, 'queue.efficiency', { cluster: 'local', slurmIds: [busy] });
        expect(answer).toEqual({ accounting: { state: 'unavailable', message: expect.stringMatching(/no job accounting/) }, jobs: [] });
        return;
      }
      const answer = await until('sacct to record the job', async () => {
        const reply = await call(services, 'queue.efficiency', { cluster: 'local', slurmIds: [busy] });
        return reply.jobs.length === 1 && reply.jobs[0]!.state === 'COMPLETED' ? reply : undefined;
      });
      const expected = await seffFromSacct(busy, localRun);
      const efficiency = answer.jobs[0]!.efficiency;
      expect(efficiency.elapsedSeconds).toBe(expected.elapsed);
      expect(efficiency.allocatedCpus).toBe(expected.cpus);
      expect(efficiency.cpuEfficiency).toBeCloseTo(expected.cpuEfficiency!, 6);
      expect(efficiency.requestedMemoryBytes).toBe(900 * 1024 * 1024);
      expect(efficiency.timeLimitSeconds).toBe(120);
      // The history the queue keeps carries the same figures for the same job.
      const listed = await call(services, 'queue.list', { cluster: 'local', history: '7d', refresh: true });
      expect(listed.jobs.find((job) => job.slurmId === busy)?.efficiency).toEqual(efficiency);
    }, 150_000);

    it('does the same from the CLI, with --json, and exits 2 on a wrong command line', async () => {
      const cli = (args: string[]) => runCli(args, { home: cliHome });
      const job = await sbatch(['--begin=now+1hour', '--time=5', '--job-name=from-terminal', '--wrap', 'true'], folder);
      const queue = await cli(['queue', '--cluster', 'local', '--json']);
      expect(queue.code).toBe(0);
      expect((JSON.parse(queue.stdout) as { jobs: { slurmId: string }[] }).jobs.map((row) => row.slurmId)).toContain(job);
      const jobs = await cli(['jobs']);
      expect(jobs.stdout).toMatch(new RegExp(`^${job} +local +PENDING .*from-terminal`, 'm'));
      const status = await cli(['status', job, '--json']);
      expect(JSON.parse(status.stdout)).toMatchObject({ detail: { slurmId: job, name: 'from-terminal', state: 'PENDING' } });
      expect((await cli(['hold', job, '--json'])).code).toBe(0);
      expect((await cli(['status', job])).stdout).toMatch(/held by you/);
      expect((await cli(['release', job])).code).toBe(0);
      expect((await cli(['update', job, '--time', '2', '--nice', '10'])).code).toBe(0);
      expect(JSON.parse((await cli(['status', job, '--json'])).stdout).detail).toMatchObject({ timeLimitSeconds: 120, nice: 10 });
      expect((await cli(['update', job, '--time', '99'])).code).toBe(2);
      expect((await cli(['hold', 'not-an-id'])).code).toBe(2);
      expect((await cli(['cancel', job, '--signal', 'BOGUS'])).code).toBe(2);
      expect(JSON.parse((await cli(['cancel', job, '--json'])).stdout)).toEqual({ outcomes: [{ cluster: 'local', slurmId: job, ok: true, message: null }] });
      const efficiency = await cli(['efficiency', job]);
      if (mode === 'plain') {
        expect(efficiency.code).toBe(1);
        expect(efficiency.stdout).toMatch(/no job accounting/);
      } else {
        expect(efficiency.code).toBe(0);
      }
      const nodes = await cli(['nodes', '--json']);
      expect(JSON.parse(nodes.stdout)).toMatchObject({ cluster: 'local', nodes: [{ name: 'localhost', cpus: { total: 32 } }] });
      expect(auditEntries(join(cliHome, 'data', 'audit', 'audit.jsonl'), 'job-control').map((entry) => entry.action)).toEqual(['hold', 'release', 'update', 'cancel']);
    }, 150_000);
  });
}

defineSuite('plain');
defineSuite('accounting');
