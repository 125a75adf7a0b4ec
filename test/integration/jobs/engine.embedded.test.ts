import { describe } from 'vitest';
import { defineBadInputTests } from './badInputSuite';
import { defineEngineTests } from './engineSuite';

// "This computer": no daemons needed, so these always run.
describe('job engine on the embedded executor', () => {
  defineEngineTests({ cluster: 'embedded', timeLimit: '0:02', timeoutWaitMs: 30_000 });
});
describe('bad input on the embedded executor', () => {
  defineBadInputTests('embedded', { realPartitions: false });
});
