import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { MemoryCredentialStore } from '../../../electron/services/credentials/memoryCredentialStore';
import { SessionSecrets } from '../../../electron/services/credentials/sessionSecrets';
import type { UnsavedSecret } from '../../../electron/services/ssh/keptSecrets';
import { describeWithSshd, readSshdLog, startSshd, stopSshd, type SshdEnv } from '../support/sshServer';
import { ScriptedPerson, sshBackend } from './sshHarness';

let env: SshdEnv;
const whoami = async (backend: ReturnType<typeof sshBackend>['backend']) => (await backend.runner.run(['id', '-un'])).stdout.trim();
const noAgentNoPassword = { agent: false, keyFiles: [], password: false, keyboardInteractive: false };
const passwordOnly = { agent: false, keyFiles: [], password: true, keyboardInteractive: true };

/** A home whose ~/.ssh holds the given keys under the given names, as a newcomer's would. */
function homeWith(keys: Record<string, string>): string {
  const home = mkdtempSync(join(tmpdir(), 'slurmdesk-home-'));
  mkdirSync(join(home, '.ssh'), { mode: 0o700 });
  for (const [name, source] of Object.entries(keys)) copyFileSync(source, join(home, '.ssh', name));
  return home;
}

// Signing in the way a newcomer expects from ssh, against the real sshd and its jump host.
describeWithSshd('signing in like ssh does', () => {
  beforeAll(async () => {
    env = await startSshd();
  }, 60_000);
  afterAll(() => stopSshd(), 60_000);

  it('signs in with ~/.ssh/id_ed25519 when the profile names no key', async () => {
    const home = homeWith({ id_ed25519: env.clientKey });
    const { backend } = sshBackend(env, { home, profile: { auth: noAgentNoPassword } });
    expect(await whoami(backend)).toBe(env.user);
    await backend.close();
  });

  it('asks a default key\'s passphrase once and skips the key when it is not given', async () => {
    // An encrypted key where ssh looks first (id_ecdsa comes before id_ed25519), then a plain one.
    const home = homeWith({ id_ecdsa: env.clientKeyEncrypted, id_ed25519: env.clientKey });
    const person = new ScriptedPerson({ passphrase: async () => null });
    const { backend } = sshBackend(env, { home, person, profile: { auth: noAgentNoPassword } });
    expect(await whoami(backend)).toBe(env.user);
    expect(person.asked.map((request) => [request.kind, 'keyFile' in request ? request.keyFile : null])).toEqual([['passphrase', '~/.ssh/id_ecdsa']]);
    await backend.close();
  });

  it('opens a key-only jump host with the profile\'s key, without an agent', async () => {
    const mark = readSshdLog('jump', env).length;
    const { backend } = sshBackend(env, {
      profile: { auth: { ...noAgentNoPassword, keyFiles: [env.clientKey] }, jump: [{ host: env.host, port: env.jumpPort, user: env.user }] },
    });
    expect(await whoami(backend)).toBe(env.user);
    await backend.close();
    expect(readSshdLog('jump', env).slice(mark)).toMatch(/Accepted publickey for sdtest/);
  });

  it('names the hop that refused and what was tried, never a secret', async () => {
    const stranger = join(mkdtempSync(join(tmpdir(), 'slurmdesk-stranger-')), 'id_ed25519');
    execFileSync('ssh-keygen', ['-q', '-t', 'ed25519', '-N', '', '-f', stranger]);
    const { backend } = sshBackend(env, {
      person: null,
      profile: { auth: { ...noAgentNoPassword, agent: true, keyFiles: [stranger] }, jump: [{ host: env.host, port: env.jumpPort, user: env.user }] },
    });
    const failure: unknown = await whoami(backend).catch((error: unknown) => error);
    expect(failure).toMatchObject({ code: 'auth-failed' });
    const message = failure instanceof Error ? failure.message : '';
    expect(message).toContain(`Sign-in to the jump host (${env.user}@${env.host}:${env.jumpPort}) on the way to test-sshd failed.`);
    expect(message).toContain(`Tried: key ${stranger}.`);
    expect(message).toContain('No ssh-agent is running');
    // The jump host would take a password, but there was nobody to type it.
    expect(message).toMatch(/There is nobody to ask for a password\.$/);
    expect(message).not.toContain(readFileSync(stranger, 'utf8').split('\n')[1]!);
    await backend.close();
  });

  it('signs in when the keychain cannot save the password, says so, and remembers it for the session', async () => {
    const unsaved: UnsavedSecret[] = [];
    const sessionSecrets = new SessionSecrets();
    const person = new ScriptedPerson({ password: [env.password] }, 'cancel', { save: true });
    const keychain = new MemoryCredentialStore('the keyring is locked');
    const first = sshBackend(env, { person, credentials: keychain, sessionSecrets, onSecretNotSaved: (what) => unsaved.push(what), profile: { auth: passwordOnly } });
    expect(await whoami(first.backend)).toBe(env.user);
    await first.backend.close();
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(unsaved).toEqual([{ account: `password:${env.user}@${env.host}:${env.targetPort}`, what: `the password for ${env.user}@${env.host}:${env.targetPort}`, reason: expect.stringContaining('the keyring is locked'), remembered: true }]);
    const audit = readFileSync(first.auditFile, 'utf8');
    expect(audit).toMatch(/"event":"keychain-save-failed","account":"password:sdtest@127\.0\.0\.1:2222"/);
    expect(audit).not.toContain(env.password);
    // The next connection in this process finds it in memory and asks nobody.
    const again = new ScriptedPerson();
    const second = sshBackend(env, { person: again, credentials: keychain, sessionSecrets, profile: { auth: passwordOnly } });
    expect(await whoami(second.backend)).toBe(env.user);
    expect(again.asked).toEqual([]);
    await second.backend.close();
  });

  it.each([
    ['password', { ...passwordOnly, keyboardInteractive: false }],
    ['keyboard-interactive', { ...passwordOnly, password: false }],
    ['password, then keyboard-interactive', passwordOnly],
  ])('asks again after a wrong password (%s), the same way, saying the last one was refused', async (_methods, auth) => {
    const answers = ['not-the-password', env.password];
    const person = new ScriptedPerson({ password: async () => [answers.shift()!] });
    const { backend } = sshBackend(env, { person, profile: { auth } });
    expect(await whoami(backend)).toBe(env.user);
    expect(person.asked.map((request) => [request.kind, request.retry])).toEqual([
      ['password', null],
      ['password', 'The password was not accepted. Try again.'],
    ]);
    await backend.close();
  });
});
