import { defineConfig } from 'vitest/config';

// unit: pure logic and in-process servers, fast. integration: real Slurm (both modes). e2e: the app started by its own start command,
// driven in Debian's Chromium.
export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: 'unit',
          include: ['test/unit/**/*.test.ts'],
          environment: 'node',
          // The embedded executor's daemon runs from the built CLI.
          globalSetup: ['test/support/executorGlobalSetup.ts'],
          testTimeout: 20_000,
        },
      },
      {
        test: {
          name: 'integration',
          include: ['test/integration/**/*.test.ts'],
          environment: 'node',
          globalSetup: ['test/support/executorGlobalSetup.ts'],
          testTimeout: 120_000,
          hookTimeout: 200_000,
          // One real cluster per machine: suites start and stop it in turn.
          fileParallelism: false,
        },
      },
      {
        test: {
          name: 'e2e',
          include: ['test/e2e/**/*.test.ts'],
          environment: 'node',
          globalSetup: ['test/e2e/buildOnce.ts'],
          testTimeout: 90_000,
          hookTimeout: 120_000,
          fileParallelism: false,
        },
      },
      {
        test: {
          // Not part of `npm test`: `npm run bench` (build/scripts/bench.mjs) runs one file at a time
          // against the real daemons and gathers what each file reports. Benchmarks report; they do not fail.
          name: 'bench',
          include: ['test/bench/**/*.bench.ts'],
          environment: 'node',
          globalSetup: ['test/support/executorGlobalSetup.ts'],
          testTimeout: 900_000,
          hookTimeout: 300_000,
          fileParallelism: false,
        },
      },
      {
        test: {
          // Attacks and faults against the real app, daemons and keyring, with figures written to
          // reports/proof.json and reports/proof.md. SLURMDESK_PROOF_LEVEL=light lowers the counts.
          name: 'proof',
          include: ['test/proof/**/*.test.ts', 'test/security/**/*.exploit.test.ts'],
          environment: 'node',
          globalSetup: ['test/proof/support/proofGlobalSetup.ts', 'test/support/executorGlobalSetup.ts'],
          testTimeout: 900_000,
          hookTimeout: 200_000,
          fileParallelism: false,
        },
      },
    ],
  },
});
