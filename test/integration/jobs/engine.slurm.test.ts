import { afterAll, beforeAll, describe } from 'vitest';
import { describeWithSlurm, startCluster, stopCluster, type ClusterMode } from '../slurm/slurmCluster';
import { defineBadInputTests } from './badInputSuite';
import { defineEngineTests } from './engineSuite';

// The real Slurm, without accounting (settled from scontrol) and with slurmdbd (settled from sacct).
for (const mode of ['plain', 'accounting'] as ClusterMode[]) {
  describeWithSlurm(`job engine on real Slurm (${mode})`, () => {
    beforeAll(() => startCluster(mode), 200_000);
    afterAll(() => stopCluster(), 120_000);
    describe('lifecycle', () => {
      defineEngineTests({ cluster: 'local', timeLimit: '1', timeoutWaitMs: 180_000 });
    });
    describe('bad input', () => {
      defineBadInputTests('local', { realPartitions: true });
    });
  });
}
