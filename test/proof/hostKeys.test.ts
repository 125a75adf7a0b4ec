import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { HostKeyPolicyName } from '../../shared/clusters/clusterProfile';
import { ScriptedPerson, sshBackend } from '../integration/ssh/sshHarness';
import { describeWithSshd, readSshdLog, rotateTargetHostKey, startSshd, stopSshd, type SshdEnv } from '../integration/support/sshServer';
import { proofCount, recordCheck } from './support/proofRecorder';

/**
 * Host-key attacks against the real sshd: a man in the middle (the trusted host now presents
 * another key), a revoked key, a hashed entry naming the host with another key, an unknown key
 * under each policy, and a jump host whose key changed. For every refusal the server's own log
 * (LogLevel VERBOSE) must show that no authentication was even attempted, so no password or
 * keyboard-interactive answer can have left the app before the key was verified.
 */
let env: SshdEnv;
const rounds = proofCount(5, 1);
const policies: HostKeyPolicyName[] = ['auto', 'warn', 'reject', 'ask'];
const authTraces = /Accepted|Failed|Postponed|password|publickey|keyboard-interactive/i;
const whoami = async (backend: ReturnType<typeof sshBackend>['backend']) => (await backend.runner.run(['id', '-un'])).stdout.trim();

type Tally = { attempts: number; refused: number; promptsBeforeVerification: number; authInLog: number; codes: Record<string, number> };
const tally = (): Tally => ({ attempts: 0, refused: 0, promptsBeforeVerification: 0, authInLog: 0, codes: {} });

/** A fresh ed25519 public key: the attacker's key. */
function foreignKey(): string {
  const dir = mkdtempSync(join(tmpdir(), 'slurmdesk-proof-mitm-'));
  execFileSync('ssh-keygen', ['-q', '-t', 'ed25519', '-N', '', '-f', join(dir, 'key')]);
  return readFileSync(join(dir, 'key.pub'), 'utf8').trim().split(' ').slice(0, 2).join(' ');
}

function hashed(lines: string): string {
  const file = join(mkdtempSync(join(tmpdir(), 'slurmdesk-proof-hashed-')), 'known_hosts');
  writeFileSync(file, lines);
  execFileSync('ssh-keygen', ['-H', '-f', file], { stdio: 'ignore' });
  return readFileSync(file, 'utf8');
}

/** Connects with password and keyboard-interactive ready to answer; expects a refusal with `code`. */
async function attempt(result: Tally, options: { policy: HostKeyPolicyName; knownHosts: string; code: string; jump?: boolean }) {
  const server = options.jump ? 'jump' : 'target';
  const marks = { target: readSshdLog('target', env).length, jump: readSshdLog('jump', env).length };
  const person = new ScriptedPerson({ password: [env.password], 'keyboard-interactive': [env.password] }, 'trust');
  const auth = { agent: false, keyFiles: [env.clientKey], password: true, keyboardInteractive: true };
  const profile = options.jump ? { auth, jump: [{ host: env.host, port: env.jumpPort, user: env.user, auth }] } : { auth };
  const { backend } = sshBackend(env, { policy: options.policy, knownHosts: options.knownHosts, person, profile });
  result.attempts += 1;
  try {
    await whoami(backend);
  } catch (error) {
    const code = (error as { code?: string }).code ?? 'thrown';
    result.codes[code] = (result.codes[code] ?? 0) + 1;
    if (code === options.code) result.refused += 1;
  } finally {
    await backend.close();
  }
  result.promptsBeforeVerification += person.asked.length;
  await new Promise((resolve) => setTimeout(resolve, 150));
  if (authTraces.test(readSshdLog(server, env).slice(marks[server]))) result.authInLog += 1;
  // Behind a refused jump host, the target must never have been reached at all.
  if (options.jump && readSshdLog('target', env).length !== marks.target) result.authInLog += 1;
}

function record(id: string, check: string, tried: string, result: Tally) {
  recordCheck({
    id, area: 'attack', check, tried,
    attempts: result.attempts,
    lost: 0,
    breached: result.attempts - result.refused + result.promptsBeforeVerification + result.authInLog,
    figures: { refused: result.refused, 'prompts before verification': result.promptsBeforeVerification, 'auth attempts in the sshd log': result.authInLog, ...Object.fromEntries(Object.entries(result.codes).map(([code, n]) => [code, n])) },
  });
  expect(result.refused).toBe(result.attempts);
  expect(result.promptsBeforeVerification).toBe(0);
  expect(result.authInLog).toBe(0);
}

describeWithSshd('host-key attacks against the real sshd', () => {
  beforeAll(async () => {
    env = await startSshd();
  }, 60_000);
  afterAll(() => stopSshd(), 60_000);

  it('revoked key, hashed entry with another key, and a jump host whose key changed: refused before any credential', async () => {
    const trusted = readFileSync(env.knownHosts, 'utf8');
    const [targetLine] = trusted.split('\n').filter((line) => line.startsWith(`[${env.host}]:${env.targetPort} `));
    const revoked = tally();
    const collision = tally();
    const jump = tally();
    for (let round = 0; round < rounds; round += 1) {
      for (const policy of policies) {
        await attempt(revoked, { policy, knownHosts: `${trusted}@revoked ${targetLine}\n`, code: 'host-key-revoked' });
        // A hashed entry naming the host with the attacker's key, listed before the plain trusted one.
        const attackerEntry = hashed(`[${env.host}]:${env.targetPort} ${foreignKey()}\n`);
        await attempt(collision, { policy, knownHosts: attackerEntry, code: 'host-key-changed' });
        const jumpChanged = trusted.replace(new RegExp(`^\\[${env.host.replace(/\./g, '\\.')}\\]:${env.jumpPort} .*$`, 'm'), `[${env.host}]:${env.jumpPort} ${foreignKey()}`);
        await attempt(jump, { policy, knownHosts: jumpChanged, code: 'host-key-changed', jump: true });
      }
    }
    record('host-key-revoked', 'Host keys: revoked key', `@revoked entry for the target's real key, each of ${policies.length} policies, ${rounds} rounds`, revoked);
    record('host-key-hashed-other-key', 'Host keys: hashed entry with another key', `hashed |1| entry naming the target with an attacker's key, each policy, ${rounds} rounds`, collision);
    record('host-key-jump-changed', 'Host keys: jump host whose key changed', `the jump host presents a key other than the trusted one, each policy, ${rounds} rounds; the target must not be reached`, jump);
  });

  it('unknown key: refused under reject and ask (nobody to ask, or the person cancels), accepted under auto and warn', async () => {
    const refused = tally();
    const accepted = { attempts: 0, connected: 0 };
    for (let round = 0; round < rounds; round += 1) {
      await attempt(refused, { policy: 'reject', knownHosts: '', code: 'host-key-unknown' });
      const marks = readSshdLog('target', env).length;
      const person = new ScriptedPerson({ password: [env.password] }, 'cancel');
      const { backend } = sshBackend(env, { policy: 'ask', knownHosts: '', person, profile: { auth: { agent: false, keyFiles: [], password: true, keyboardInteractive: true } } });
      refused.attempts += 1;
      await whoami(backend).then(
        () => undefined,
        (error: { code?: string }) => {
          refused.codes[error.code ?? 'thrown'] = (refused.codes[error.code ?? 'thrown'] ?? 0) + 1;
          refused.refused += 1;
        },
      );
      await backend.close();
      refused.promptsBeforeVerification += person.asked.length;
      await new Promise((resolve) => setTimeout(resolve, 150));
      if (authTraces.test(readSshdLog('target', env).slice(marks))) refused.authInLog += 1;
      for (const policy of ['auto', 'warn'] as const) {
        const mark = readSshdLog('target', env).length;
        const { backend: open } = sshBackend(env, { policy, knownHosts: '' });
        accepted.attempts += 1;
        if ((await whoami(open)) === env.user) accepted.connected += 1;
        await open.close();
        // The log check can fail: a login that did happen leaves its trace.
        await new Promise((resolve) => setTimeout(resolve, 150));
        expect(readSshdLog('target', env).slice(mark)).toMatch(authTraces);
      }
    }
    recordCheck({
      id: 'host-key-unknown',
      area: 'attack',
      check: 'Host keys: unknown key under each policy',
      tried: `unknown target key: reject and ask-cancelled must refuse before any credential; auto and warn connect (${rounds} rounds)`,
      attempts: refused.attempts + accepted.attempts,
      lost: 0,
      breached: refused.attempts - refused.refused + refused.promptsBeforeVerification + refused.authInLog,
      figures: { refused: refused.refused, 'auto/warn connected': `${accepted.connected}/${accepted.attempts}`, 'auth attempts in the sshd log': refused.authInLog },
    });
    expect(refused.refused).toBe(refused.attempts);
    expect(refused.promptsBeforeVerification).toBe(0);
    expect(refused.authInLog).toBe(0);
    expect(accepted.connected).toBe(accepted.attempts);
  });

  it('man in the middle: the trusted host presents another key, refused under every policy before any credential', async () => {
    const trusted = readFileSync(env.knownHosts, 'utf8');
    env = await rotateTargetHostKey();
    const mitm = tally();
    for (let round = 0; round < rounds; round += 1) {
      for (const policy of policies) await attempt(mitm, { policy, knownHosts: trusted, code: 'host-key-changed' });
    }
    record('host-key-mitm', 'Host keys: man in the middle (trusted host, other key)', `the real sshd's host key replaced, known_hosts still trusting the old one, each policy, ${rounds} rounds, password and keyboard-interactive ready`, mitm);
  });
});
