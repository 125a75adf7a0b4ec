import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { crashLoop, type CrashReport } from '../integration/jobs/crashLoop';
import { describeWithSlurm, startCluster, stopCluster } from '../integration/slurm/slurmCluster';
import { proofCount, recordCheck } from './support/proofRecorder';

/**
 * The app (its CLI, the same engine and journal as the window) killed with SIGKILL at random points
 * of a submission — before the journal, between journal and sbatch, after — then started again:
 * every journaled job must run exactly once, and nothing may run that was not journaled.
 */
const attempts = proofCount(200, 20);

function recordKills(id: string, where: string, report: CrashReport) {
  recordCheck({
    id,
    area: 'fault',
    check: `SIGKILL during submission (${where})`,
    tried: `slurmdesk submit killed at a random moment or the instant its journal changed (half with its process group), ${report.attempts} times; then one restart recovers`,
    attempts: report.attempts,
    lost: report.lost,
    breached: report.duplicates,
    figures: { journaled: report.journaled, 'finished before the kill': report.finishedNormally, 'recovered on restart': report.recovered, 'jobs that ran': report.ran, duplicated: report.duplicates },
  });
  expect(report.lost).toBe(0);
  expect(report.duplicates).toBe(0);
  expect(report.ran).toBe(report.journaled);
  expect(report.finishedNormally).toBeLessThan(report.attempts);
}

describe('SIGKILL during submission on This computer', () => {
  it(`loses and duplicates nothing across ${attempts} killed submissions`, async () => {
    recordKills('kill-submission-embedded', 'This computer', await crashLoop('embedded', attempts));
  });
});

describeWithSlurm('SIGKILL during submission on real Slurm', () => {
  beforeAll(() => startCluster('plain'), 200_000);
  afterAll(() => stopCluster(), 120_000);
  it(`loses and duplicates nothing across ${attempts} killed submissions`, async () => {
    recordKills('kill-submission-slurm', 'real Slurm 22.05', await crashLoop('local', attempts));
  });
});
