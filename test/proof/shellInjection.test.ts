import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createExecFileRunner } from '../../electron/services/backends/local/execFileRunner';
import type { CommandRunner } from '../../electron/services/backends/types';
import { sshBackend } from '../integration/ssh/sshHarness';
import { describeWithSshd, startSshd, stopSshd, type SshdEnv } from '../integration/support/sshServer';
import { armedString, createArgvProbe, probeRunner, type ArgvProbe } from './support/argvProbe';
import { hostileString, seededRandom } from './support/hostileValues';
import { proofCount, recordCheck } from './support/proofRecorder';

/**
 * Hostile words through the runners that carry every command the app issues: each one either
 * arrives byte for byte as sent (the probe reports what it received) or is refused before anything
 * runs. Every word also carries shell syntax that would leave a file in the canary folder if any
 * shell ever evaluated it.
 */
const count = proofCount(10_000, 1_000);

function hostileWords(seed: number, probe: ArgvProbe): string[] {
  const random = seededRandom(seed);
  return Array.from({ length: count }, (_, index) => (index % 4 === 3 ? hostileString(random) : armedString(random, probe.canaryDir, `w${index}`)));
}

async function proveRunner(id: string, label: string, runner: CommandRunner, probe: ArgvProbe, seed: number) {
  const words = hostileWords(seed, probe);
  const before = probe.executions();
  const outcome = await probeRunner(runner, probe, words);
  const executions = probe.executions() - before;
  recordCheck({
    id,
    area: 'attack',
    check: `Shell injection: ${label}`,
    tried: `${words.length} generated hostile words (quotes, $(), backticks, ; | &, newlines, CR, tabs, globs, ~, leading dashes, long strings, RTL and zero-width, lone surrogates, NUL) as argv of a probe`,
    attempts: outcome.sent,
    lost: 0,
    breached: outcome.mismatched.length + executions,
    figures: { 'arrived exactly': outcome.equal, 'refused before running': outcome.refused, 'arrived altered': outcome.mismatched.length, 'injected commands executed': executions },
  });
  expect(outcome.mismatched.slice(0, 5)).toEqual([]);
  expect(executions).toBe(0);
  expect(outcome.equal + outcome.refused).toBe(words.length);
}

describe('shell injection: local runners', () => {
  it(`carries ${count} hostile words through the local and embedded runner (execFile) unchanged or refuses them`, async () => {
    const probe = createArgvProbe();
    await proveRunner('shell-injection-local-runner', 'local and embedded runner (execFile)', createExecFileRunner(), probe, 1);
  });
});

describeWithSshd('shell injection: over the real sshd', () => {
  let env: SshdEnv;
  beforeAll(async () => {
    env = await startSshd();
  }, 120_000);
  afterAll(async () => {
    await stopSshd();
  });

  it(`carries ${count} hostile words through the SSH runner (one quoted command line) unchanged or refuses them`, async () => {
    const probe = createArgvProbe();
    const { backend } = sshBackend(env);
    try {
      await proveRunner('shell-injection-ssh-runner', 'SSH runner over the real sshd', backend.runner, probe, 2);
    } finally {
      await backend.close();
    }
  });
});
