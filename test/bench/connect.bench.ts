import { afterAll, beforeAll, it } from 'vitest';
import { sshBackend } from '../integration/ssh/sshHarness';
import { readSshdEnv, type SshdEnv } from '../integration/support/sshServer';
import { alternate, ratioOf, saveRows, summarize, timed } from './benchStats';
import { ssh } from './openssh';

let env: SshdEnv;
const repetitions = 7;

beforeAll(() => {
  env = readSshdEnv();
});

afterAll(() => {});

// A cold start as the person sees it: TCP, key exchange, host key check against known_hosts,
// public-key auth, then one command's answer. OpenSSH pays for a whole process on top.
it('first connect + auth + first command', async () => {
  const app = async () => {
    const { backend } = sshBackend(env);
    const ms = await timed(async () => {
      const result = await backend.runner.run(['true']);
      if (result.exitCode !== 0) throw new Error(`true exited with ${result.exitCode}`);
    });
    await backend.close();
    return ms;
  };
  const baseline = () => timed(() => ssh(env, 'true'));
  await app(); // the first run of the process pays for loading ssh2's modules: not what a connect costs
  const samples = await alternate(repetitions, app, baseline);
  const appSummary = summarize(samples.app, 'ms');
  const baselineSummary = summarize(samples.baseline, 'ms');
  const ratio = ratioOf(appSummary, baselineSummary);
  saveRows('connect', [
    {
      id: 'connect',
      what: 'first connect + auth + first command',
      app: appSummary,
      baseline: baselineSummary,
      baselineLabel: 'ssh -o BatchMode=yes host true (a whole process)',
      ratio,
      target: '≤ 0.8×',
      met: ratio <= 0.8,
      notes: ['app: a fresh ssh2 connection (ed25519 key, known_hosts check) and `true` run on it, in the already running process'],
    },
  ]);
});
