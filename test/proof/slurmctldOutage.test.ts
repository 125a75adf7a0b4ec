import { spawn } from 'node:child_process';
import { openSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { isTerminal } from '../../shared/jobs/jobState';
import { openHarness, type EngineHarness } from '../integration/jobs/engineHarness';
import { describeWithSlurm, startCluster, stopCluster } from '../integration/slurm/slurmCluster';
import { proofCount, recordCheck } from './support/proofRecorder';

/**
 * slurmctld stopped (SIGTERM, so it saves its state) for a minute, then started again without
 * clearing that state. Meanwhile every refresh must say the scheduler is unreachable and leave
 * every job as it was; afterwards every job settles to what really happened.
 */
const outageSeconds = proofCount(60, 15);
const slurmState = process.env.SLURMDESK_SLURM_STATE ?? '/tmp/slurmdesk-slurm';
const pidFile = join(slurmState, 'pids', 'slurmctld.pid');
let harness: EngineHarness;

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

async function stopController(): Promise<void> {
  const pid = Number(readFileSync(pidFile, 'utf8').trim());
  process.kill(pid, 'SIGTERM');
  const deadline = Date.now() + 30_000;
  while (alive(pid) && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 100));
  if (alive(pid)) throw new Error(`slurmctld (pid ${pid}) did not stop`);
}

/** As test/daemons/slurm.sh launches it, but keeping the saved state (no -c); its stop finds the new pid. */
function restartController(): void {
  const out = openSync(join(slurmState, 'log', 'slurmctld.out'), 'a');
  // detached: a session of its own (what setsid gives the script), and child.pid is slurmctld itself.
  const child = spawn('slurmctld', ['-D', '-i'], { detached: true, stdio: ['ignore', out, out] });
  child.unref();
  writeFileSync(pidFile, `${child.pid}\n`);
}

describeWithSlurm('slurmctld stopped for a minute', () => {
  beforeAll(async () => {
    await startCluster('plain');
    harness = openHarness('local');
  }, 200_000);
  afterAll(async () => {
    await harness?.close();
    await stopCluster();
  }, 120_000);

  it(`shows the cluster unreachable for ${outageSeconds} s, fails no job, and settles after the restart`, async () => {
    const endsDuringOutage = await harness.submit({ name: 'ends-during', task: { kind: 'script', body: 'sleep 5; echo done' } });
    const endsAfter = await harness.submit({ name: 'ends-after', task: { kind: 'script', body: `sleep ${outageSeconds + 15}; echo done` } });
    const failsAfter = await harness.submit({ name: 'fails-after', task: { kind: 'script', body: `sleep ${outageSeconds + 10}; exit 3` } });
    const ids = [endsDuringOutage.id, endsAfter.id, failsAfter.id];
    const deadline = Date.now() + 60_000;
    while (ids.some((id) => harness.services.engine.get(id).state !== 'RUNNING') && Date.now() < deadline) {
      await harness.services.tracker.refresh('local');
      await new Promise((resolve) => setTimeout(resolve, 300));
    }
    const before = ids.map((id) => harness.services.engine.get(id).state);

    await stopController();
    const outage = { refreshes: 0, reportedUnreachable: 0, changedState: 0 };
    const started = Date.now();
    try {
      while (Date.now() - started < outageSeconds * 1000) {
        await harness.services.tracker.refresh('local');
        outage.refreshes += 1;
        if (harness.services.tracker.clusterHealth('local')?.reachable === false) outage.reportedUnreachable += 1;
        outage.changedState += ids.filter((id, index) => harness.services.engine.get(id).state !== before[index]).length;
        await new Promise((resolve) => setTimeout(resolve, 2_000));
      }
    } finally {
      restartController();
    }

    const settleStarted = Date.now();
    while (ids.some((id) => !isTerminal(harness.services.engine.get(id).state)) && Date.now() - settleStarted < 150_000) {
      await new Promise((resolve) => setTimeout(resolve, 1_000));
      await harness.services.tracker.refresh('local');
    }
    const settleSeconds = Math.round((Date.now() - settleStarted) / 1000);
    const after = ids.map((id) => harness.services.engine.get(id).state);
    const expected = ['COMPLETED', 'COMPLETED', 'FAILED'];
    const wrong = after.filter((state, index) => state !== expected[index]).length;
    recordCheck({
      id: 'slurmctld-outage',
      area: 'fault',
      check: `slurmctld stopped for ${outageSeconds} s`,
      tried: '3 running jobs on real Slurm (one ends during the outage, one completes after, one fails after); slurmctld stopped, refreshed every 2 s, then restarted with its saved state',
      attempts: outage.refreshes,
      lost: wrong,
      breached: outage.changedState + (outage.refreshes - outage.reportedUnreachable),
      figures: { 'refreshes saying unreachable': `${outage.reportedUnreachable}/${outage.refreshes}`, 'jobs changed during the outage': outage.changedState, 'states after restart': after.join(', '), 'seconds to settle': settleSeconds },
    });
    expect(before).toEqual(['RUNNING', 'RUNNING', 'RUNNING']);
    expect(outage.reportedUnreachable).toBe(outage.refreshes);
    expect(outage.changedState).toBe(0);
    expect(after).toEqual(expected);
    expect(harness.services.tracker.clusterHealth('local')?.reachable).toBe(true);
  });
});
