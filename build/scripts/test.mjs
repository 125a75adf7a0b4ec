#!/usr/bin/env node
// `npm test`: typecheck, lint, unit, integration, end-to-end, then the security and fault proof at
// light counts, in that order (cheap failures first). Each stage's output streams through; the
// last line sums up every test the runners executed.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { insideThrowawayKeyring } from './throwawayKeyring.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const reports = join(root, 'reports');
mkdirSync(reports, { recursive: true });
const npx = process.platform === 'win32' ? 'npx.cmd' : 'npx';

const vitest = (project, env = {}, wrap = (command) => command) => {
  const report = join(reports, `vitest-${project}.json`);
  rmSync(report, { force: true });
  return {
    name: project,
    command: wrap([npx, 'vitest', 'run', '--project', project, '--reporter=default', '--reporter=json', `--outputFile.json=${report}`]),
    report,
    env,
  };
};
const stages = [
  { name: 'typecheck', command: [npx, 'tsc', '-b'] },
  { name: 'lint', command: [npx, 'eslint', '--max-warnings', '0', '.'] },
  vitest('unit'),
  vitest('integration'),
  vitest('e2e'),
  // The security and fault proof at lighter counts; `npm run test:proof` runs the full counts.
  vitest('proof', { SLURMDESK_PROOF_LEVEL: 'light' }, (command) => insideThrowawayKeyring(root, command)),
];

const totals = { passed: 0, failed: 0, skipped: 0 };
const failedStages = [];
for (const stage of stages) {
  console.log(`\n=== ${stage.name} ===`);
  const started = Date.now();
  const result = spawnSync(stage.command[0], stage.command.slice(1), { cwd: root, stdio: 'inherit', env: { ...process.env, ...stage.env } });
  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  if (stage.report && existsSync(stage.report)) {
    const summary = JSON.parse(readFileSync(stage.report, 'utf8'));
    totals.passed += summary.numPassedTests;
    // A file that fails to load has no tests, but it is a failure all the same.
    const brokenFiles = summary.testResults.filter((file) => file.status === 'failed' && file.assertionResults.length === 0).length;
    totals.failed += summary.numFailedTests + brokenFiles;
    totals.skipped += summary.numPendingTests + summary.numTodoTests;
  }
  const ok = result.status === 0;
  if (!ok) failedStages.push(stage.name);
  if (!ok && !stage.report) totals.failed += 1; // typecheck and lint count as one check each
  console.log(`=== ${stage.name}: ${ok ? 'ok' : `FAILED (exit ${result.status ?? result.signal})`} in ${seconds} s ===`);
}

if (failedStages.length > 0) console.log(`\nFailed stages: ${failedStages.join(', ')}`);
console.log(`\n${totals.passed} passed, ${totals.failed} failed, ${totals.skipped} skipped`);
process.exit(failedStages.length > 0 ? 1 : 0);
