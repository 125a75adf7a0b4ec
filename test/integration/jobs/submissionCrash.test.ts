import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { describeWithSlurm, startCluster, stopCluster } from '../slurm/slurmCluster';
import { crashLoop } from './crashLoop';

// Kill the CLI at random points of a submission, many times: zero lost, zero duplicated.
describe('exactly-once submission on the embedded executor', () => {
  it('loses and duplicates nothing across 40 killed submissions', async () => {
    const report = await crashLoop('embedded', 40);
    console.info(`embedded crash loop: ${JSON.stringify(report)}`);
    expect(report.duplicates).toBe(0);
    expect(report.lost).toBe(0);
    expect(report.ran).toBe(report.journaled);
    // The loop is only a proof if some runs died in each phase.
    expect(report.finishedNormally).toBeLessThan(report.attempts);
  }, 400_000);
});

describeWithSlurm('exactly-once submission on real Slurm', () => {
  beforeAll(() => startCluster('plain'), 200_000);
  afterAll(() => stopCluster(), 120_000);
  it('loses and duplicates nothing across 60 killed submissions', async () => {
    const report = await crashLoop('local', 60);
    console.info(`slurm crash loop: ${JSON.stringify(report)}`);
    expect(report.duplicates).toBe(0);
    expect(report.lost).toBe(0);
    expect(report.ran).toBe(report.journaled);
    // Some runs died between the journal and sbatch's reply, and recovery found or sent them.
    expect(report.recovered).toBeGreaterThan(0);
  }, 400_000);
});
