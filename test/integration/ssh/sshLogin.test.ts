import { execFileSync, spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeWithSshd, killTargetSessions, readSshdLog, rotateTargetHostKey, startSshd, stopSshd, type SshdEnv } from '../support/sshServer';
import { knownHostsText, ScriptedPerson, sshBackend } from './sshHarness';

let env: SshdEnv;
const whoami = async (backend: ReturnType<typeof sshBackend>['backend']) => (await backend.runner.run(['id', '-un'])).stdout.trim();
const logAfter = (server: 'target' | 'jump', mark: number) => readSshdLog(server, env).slice(mark);

describeWithSshd('SSH logins against a real OpenSSH server', () => {
  beforeAll(async () => {
    env = await startSshd();
  }, 60_000);
  afterAll(() => stopSshd(), 60_000);

  it('logs in with a key', async () => {
    const { backend, auditFile } = sshBackend(env);
    expect(await whoami(backend)).toBe(env.user);
    await backend.close();
    expect(readFileSync(auditFile, 'utf8')).toMatch(/"event":"auth".*"method":"publickey","outcome":"success"/);
  });

  it('logs in with an encrypted key after asking the person for its passphrase', async () => {
    const person = new ScriptedPerson({ passphrase: [env.clientKeyPassphrase] });
    const { backend } = sshBackend(env, { person, profile: { auth: { agent: false, keyFiles: [env.clientKeyEncrypted], password: false, keyboardInteractive: false } } });
    expect(await whoami(backend)).toBe(env.user);
    expect(person.asked.map((request) => request.kind)).toEqual(['passphrase']);
    await backend.close();
  });

  it('gives up after three wrong passphrases with a clear error', async () => {
    const person = new ScriptedPerson({ passphrase: ['wrong'] });
    const { backend } = sshBackend(env, { person, profile: { auth: { agent: false, keyFiles: [env.clientKeyEncrypted], password: false, keyboardInteractive: false } } });
    await expect(whoami(backend)).rejects.toMatchObject({ code: 'auth-failed', message: expect.stringMatching(/\(wrong passphrase\)/) });
    expect(person.asked).toHaveLength(3);
  });

  it('logs in with a password the person types', async () => {
    const mark = readSshdLog('target', env).length;
    const person = new ScriptedPerson({ password: [env.password] });
    const { backend } = sshBackend(env, { person, profile: { auth: { agent: false, keyFiles: [], password: true, keyboardInteractive: false } } });
    expect(await whoami(backend)).toBe(env.user);
    await backend.close();
    expect(logAfter('target', mark)).toMatch(/Accepted password for sdtest/);
  });

  it('logs in with keyboard-interactive, asking PAM\'s lone password prompt as a password', async () => {
    const mark = readSshdLog('target', env).length;
    const person = new ScriptedPerson({ password: [env.password] });
    const { backend } = sshBackend(env, { person, profile: { auth: { agent: false, keyFiles: [], password: false, keyboardInteractive: true } } });
    expect(await whoami(backend)).toBe(env.user);
    await backend.close();
    const asked = person.asked[0];
    expect(asked).toMatchObject({ kind: 'password', cluster: 'test-sshd', hop: null, retry: null });
    expect(logAfter('target', mark)).toMatch(/Accepted keyboard-interactive\/pam for sdtest/);
  });

  it('logs in through ssh-agent', async () => {
    const socket = join(mkdtempSync(join(tmpdir(), 'slurmdesk-agent-')), 'agent.sock');
    const agent = spawn('ssh-agent', ['-D', '-a', socket], { stdio: 'ignore' });
    try {
      for (let tries = 0; tries < 50; tries += 1) {
        try {
          statSync(socket);
          break;
        } catch {
          await new Promise((resolve) => setTimeout(resolve, 50));
        }
      }
      execFileSync('ssh-add', [env.clientKey], { env: { ...process.env, SSH_AUTH_SOCK: socket }, stdio: 'ignore' });
      const { backend } = sshBackend(env, { agentSocket: socket, profile: { auth: { agent: true, keyFiles: [], password: false, keyboardInteractive: false } } });
      expect(await whoami(backend)).toBe(env.user);
      await backend.close();
    } finally {
      agent.kill();
    }
  });

  it('goes through a jump host, verifying and authenticating both hops', async () => {
    const markJump = readSshdLog('jump', env).length;
    const markTarget = readSshdLog('target', env).length;
    const { backend, auditFile } = sshBackend(env, {
      profile: { jump: [{ host: env.host, port: env.jumpPort, user: env.user, auth: { agent: false, keyFiles: [env.clientKey], password: false, keyboardInteractive: false } }] },
    });
    expect(await whoami(backend)).toBe(env.user);
    await backend.close();
    expect(logAfter('jump', markJump)).toMatch(/Accepted publickey for sdtest/);
    expect(logAfter('target', markTarget)).toMatch(/Accepted publickey for sdtest/);
    const hostKeyEvents = readFileSync(auditFile, 'utf8').split('\n').filter((line) => line.includes('"event":"host-key"'));
    expect(hostKeyEvents.map((line) => JSON.parse(line).port).sort()).toEqual([env.jumpPort, env.targetPort].sort());
  });

  it('queues a 20-command burst under MaxSessions instead of failing', async () => {
    const { backend } = sshBackend(env, { maxChannels: env.maxSessions });
    const results = await Promise.all(Array.from({ length: 20 }, (_, index) => backend.runner.run(['sh', '-c', `sleep 0.3; echo ${index}`])));
    expect(results.map((result) => result.stdout.trim())).toEqual(Array.from({ length: 20 }, (_, index) => String(index)));
    await backend.close();
  });

  it('reconnects after the server side of the session is killed', async () => {
    const { backend } = sshBackend(env);
    expect(await whoami(backend)).toBe(env.user);
    await killTargetSessions();
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(await whoami(backend)).toBe(env.user);
    await backend.close();
  });

  it('quotes hostile arguments so the remote shell sees them verbatim', async () => {
    const { backend } = sshBackend(env);
    const hostile = [`it's`, '$(id)', '`id`', 'a; echo pwned', 'two\nlines', '*', '~', '-n', '\u202Eevil'];
    const result = await backend.runner.run(['printf', '%s\\0', ...hostile]);
    expect(result.stdout.split('\0').slice(0, -1)).toEqual(hostile);
    await backend.close();
  });
});

describeWithSshd('host keys against a real OpenSSH server', () => {
  beforeAll(async () => {
    env = await startSshd();
  }, 60_000);
  afterAll(() => stopSshd(), 60_000);

  it('auto: trusts and saves an unknown key, and OpenSSH then accepts the file', async () => {
    const { backend, knownHostsFile } = sshBackend(env, { policy: 'auto', knownHosts: '' });
    expect(await whoami(backend)).toBe(env.user);
    await backend.close();
    execFileSync('ssh', ['-o', 'BatchMode=yes', '-o', 'StrictHostKeyChecking=yes', '-o', `UserKnownHostsFile=${knownHostsFile}`, '-i', env.clientKey, '-p', String(env.targetPort), `${env.user}@${env.host}`, 'true']);
  });

  it('warn: connects but does not save', async () => {
    const { backend, knownHostsFile } = sshBackend(env, { policy: 'warn', knownHosts: '' });
    expect(await whoami(backend)).toBe(env.user);
    await backend.close();
    expect(readFileSync(knownHostsFile, 'utf8')).toBe('');
  });

  it('reject and ask-without-a-person: refuse an unknown key and say how to trust it', async () => {
    for (const [policy, person] of [['reject', undefined], ['ask', null]] as const) {
      const { backend } = sshBackend(env, { policy, knownHosts: '', person });
      await expect(whoami(backend)).rejects.toMatchObject({ code: 'host-key-unknown', message: expect.stringContaining('slurmdesk hosts trust') });
    }
  });

  it('ask: the person sees the fingerprint and trusts it', async () => {
    const person = new ScriptedPerson({}, 'trust');
    const { backend, knownHostsFile } = sshBackend(env, { policy: 'ask', knownHosts: '', person });
    expect(await whoami(backend)).toBe(env.user);
    await backend.close();
    expect(person.hostKeyQuestions[0]).toMatchObject({ fingerprint: env.targetFingerprint, port: env.targetPort });
    expect(readFileSync(knownHostsFile, 'utf8')).toContain(`[${env.host}]:${env.targetPort}`);
  });

  it('honours a known_hosts hashed by ssh-keygen -H, and a file full of garbage around the entry', async () => {
    const garbage = Array.from({ length: 10_000 }, (_, index) => (index % 3 === 0 ? `garbage line ${index} !!` : index % 3 === 1 ? '|1|bad|hash ssh-ed25519 AAAA' : '# comment')).join('\n');
    const { backend } = sshBackend(env, { policy: 'reject', knownHosts: `${garbage}\n${knownHostsText(env)}` });
    expect(await whoami(backend)).toBe(env.user);
    await backend.close();
    const knownHostsFile = join(mkdtempSync(join(tmpdir(), 'slurmdesk-hashed-')), 'known_hosts');
    writeFileSync(knownHostsFile, knownHostsText(env));
    execFileSync('ssh-keygen', ['-H', '-f', knownHostsFile], { stdio: 'ignore' });
    expect(readFileSync(knownHostsFile, 'utf8')).not.toContain(`[${env.host}]:${env.targetPort}`);
    const hashed = readFileSync(knownHostsFile, 'utf8');
    const again = sshBackend(env, { policy: 'reject', knownHosts: hashed });
    expect(await whoami(again.backend)).toBe(env.user);
    await again.backend.close();
  });

  it('refuses a changed host key under every policy, before any credential is sent', async () => {
    const before = knownHostsText(env);
    env = await rotateTargetHostKey();
    for (const policy of ['auto', 'warn', 'reject', 'ask'] as const) {
      const mark = readSshdLog('target', env).length;
      const person = new ScriptedPerson({ password: [env.password], 'keyboard-interactive': [env.password] }, 'trust');
      const { backend } = sshBackend(env, { policy, knownHosts: before, person, profile: { auth: { agent: false, keyFiles: [env.clientKey], password: true, keyboardInteractive: true } } });
      await expect(whoami(backend)).rejects.toMatchObject({ code: 'host-key-changed', message: expect.stringContaining(env.targetFingerprint) });
      expect(person.asked).toEqual([]);
      expect(person.hostKeyQuestions).toEqual([]);
      await new Promise((resolve) => setTimeout(resolve, 200));
      expect(logAfter('target', mark)).not.toMatch(/Accepted|Failed|Postponed|password|publickey|keyboard-interactive/i);
    }
  });
});

describeWithSshd('connection failures give a clear error and the app keeps working', () => {
  let silent: Server;
  let silentPort = 0;
  beforeAll(async () => {
    env = await startSshd();
    // A TCP server that accepts and never speaks SSH: the client must time out, not hang.
    silent = createServer(() => {});
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', () => resolve()));
    silentPort = (silent.address() as { port: number }).port;
  }, 60_000);
  afterAll(async () => {
    silent.close();
    await stopSshd();
  }, 60_000);

  it('a refused connection', async () => {
    const { backend } = sshBackend(env, { profile: { port: 1 } });
    await expect(whoami(backend)).rejects.toMatchObject({ code: 'connection-refused' });
  });

  it('a host name that does not resolve', async () => {
    const { backend } = sshBackend(env, { profile: { host: 'no-such-host.invalid' } });
    await expect(whoami(backend)).rejects.toMatchObject({ code: 'host-unknown' });
  });

  it('a server that never answers', async () => {
    const { backend } = sshBackend(env, { profile: { port: silentPort }, readyTimeoutMs: 1500 });
    await expect(whoami(backend)).rejects.toMatchObject({ code: 'unreachable' });
  });

  it('an sshd that closes the connection during authentication', async () => {
    const person = new ScriptedPerson({
      password: async () => {
        await killTargetSessions();
        return [env.password];
      },
    });
    const { backend } = sshBackend(env, { person, profile: { auth: { agent: false, keyFiles: [], password: true, keyboardInteractive: false } } });
    await expect(whoami(backend)).rejects.toMatchObject({ code: expect.stringMatching(/connection-closed|ssh-failed|auth-failed/) });
    const { backend: fresh } = sshBackend(env);
    expect(await whoami(fresh)).toBe(env.user);
    await fresh.close();
  });

  it('a password used in a session is nowhere in the files the app wrote', async () => {
    const person = new ScriptedPerson({ password: [env.password] });
    const { backend, scratch } = sshBackend(env, { person, profile: { auth: { agent: false, keyFiles: [], password: true, keyboardInteractive: false } } });
    expect(await whoami(backend)).toBe(env.user);
    await backend.close();
    const files = readdirSync(scratch).map((name) => join(scratch, name));
    expect(files.length).toBeGreaterThan(0);
    for (const file of files) expect(readFileSync(file, 'utf8')).not.toContain(env.password);
  });
});

