import { execFile, spawn } from 'node:child_process';
import { copyFileSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import {
  describeWithSshd,
  killTargetSessions,
  readSshdLog,
  rotateTargetHostKey,
  startSshd,
  stopSshd,
  type SshdEnv,
} from '../support/sshServer';

// test/daemons/sshd.sh end to end with the OpenSSH client (ssh2 is not a dependency of the project):
// key, encrypted key, password and keyboard-interactive logins, ProxyJump, a cut connection and a
// changed host key. Every login checks the host key against the known_hosts the script wrote.
type SshResult = { code: number | null; stdout: string; stderr: string };

function ssh(args: string[], extraEnv: NodeJS.ProcessEnv = {}): Promise<SshResult> {
  return new Promise((resolve) => {
    execFile('ssh', args, { env: { ...process.env, ...extraEnv }, timeout: 30_000 }, (error, stdout, stderr) => {
      const code = error === null ? 0 : typeof error.code === 'number' ? error.code : null;
      resolve({ code, stdout, stderr });
    });
  });
}

const count = (text: string, pattern: RegExp) => text.split('\n').filter((line) => pattern.test(line)).length;

describeWithSshd('test/daemons/sshd.sh: two real OpenSSH servers on loopback', () => {
  let env: SshdEnv;
  let folder: string;
  let askpass: string;

  beforeAll(async () => {
    env = await startSshd();
    folder = mkdtempSync(join(tmpdir(), 'slurmdesk-sshd-smoke-'));
    // OpenSSH asks this program for passwords and passphrases (SSH_ASKPASS_REQUIRE=force): no tty needed.
    askpass = join(folder, 'askpass');
    writeFileSync(askpass, '#!/bin/sh\nprintf "%s\\n" "$SLURMDESK_TEST_ASKPASS"\n', { mode: 0o700 });
  });

  afterAll(async () => {
    await stopSshd();
    if (folder) rmSync(folder, { recursive: true, force: true });
  });

  const common = (knownHosts: string) => [
    '-F', '/dev/null', '-n', '-o', `UserKnownHostsFile=${knownHosts}`, '-o', 'GlobalKnownHostsFile=/dev/null',
    '-o', 'StrictHostKeyChecking=yes', '-o', 'ConnectTimeout=10', '-o', 'LogLevel=ERROR',
  ];
  const withKey = (key: string) => ['-i', key, '-o', 'IdentitiesOnly=yes', '-o', 'PreferredAuthentications=publickey'];
  const target = () => ['-p', String(env.targetPort), `${env.user}@${env.host}`];
  const answering = (secret: string) => ({ SSH_ASKPASS: askpass, SSH_ASKPASS_REQUIRE: 'force', SLURMDESK_TEST_ASKPASS: secret });

  it('logs in with the unencrypted key and runs id -un as sdtest, with a login shell that finds sbatch', async () => {
    const result = await ssh([...common(env.knownHosts), ...withKey(env.clientKey), '-o', 'BatchMode=yes', ...target(), 'id -un; echo "$SHELL"']);
    expect(result).toMatchObject({ code: 0, stdout: 'sdtest\n/bin/bash\n' });
  });

  it('reaches the target through the jump host (ProxyJump)', async () => {
    // ssh hands -F, not -i or -o, to the hop it starts for -J: the settings go in a config file.
    const config = join(folder, 'config');
    writeFileSync(config, [
      'Host *', `  IdentityFile ${env.clientKey}`, '  IdentitiesOnly yes', '  BatchMode yes',
      `  UserKnownHostsFile ${env.knownHosts}`, '  GlobalKnownHostsFile /dev/null', '  StrictHostKeyChecking yes', '  LogLevel ERROR', '',
    ].join('\n'));
    const before = count(readSshdLog('jump', env), /Accepted publickey for sdtest/);
    const result = await ssh(['-F', config, '-n', '-J', `${env.user}@${env.host}:${env.jumpPort}`, ...target(), 'id -un']);
    expect(result).toMatchObject({ code: 0, stdout: 'sdtest\n' });
    expect(count(readSshdLog('jump', env), /Accepted publickey for sdtest/)).toBe(before + 1);
  });

  it('accepts the password by password and by keyboard-interactive (PAM), as its log shows', async () => {
    const password = ['-o', 'BatchMode=no', '-o', 'PubkeyAuthentication=no', '-o', 'NumberOfPasswordPrompts=1'];
    const byPassword = await ssh([...common(env.knownHosts), ...password, '-o', 'PreferredAuthentications=password', ...target(), 'id -un'], answering(env.password));
    const byKeyboard = await ssh(
      [...common(env.knownHosts), ...password, '-o', 'PreferredAuthentications=keyboard-interactive', ...target(), 'id -un'],
      answering(env.password),
    );
    expect(byPassword).toMatchObject({ code: 0, stdout: 'sdtest\n' });
    expect(byKeyboard).toMatchObject({ code: 0, stdout: 'sdtest\n' });
    const log = readSshdLog('target', env);
    expect(log).toMatch(/Accepted password for sdtest from 127\.0\.0\.1/);
    expect(log).toMatch(/Accepted keyboard-interactive\/pam for sdtest from 127\.0\.0\.1/);
  });

  it('refuses a wrong password, and the attempt shows in the log', async () => {
    const before = count(readSshdLog('target', env), /Failed password for sdtest/);
    const result = await ssh(
      [...common(env.knownHosts), '-o', 'BatchMode=no', '-o', 'PubkeyAuthentication=no', '-o', 'NumberOfPasswordPrompts=1',
        '-o', 'PreferredAuthentications=password', ...target(), 'id -un'],
      answering('not-the-password'),
    );
    expect(result.code).toBe(255);
    expect(result.stderr).toContain('Permission denied');
    expect(count(readSshdLog('target', env), /Failed password for sdtest/)).toBe(before + 1);
  });

  it('accepts the encrypted key once its passphrase is given', async () => {
    const result = await ssh(
      [...common(env.knownHosts), ...withKey(env.clientKeyEncrypted), '-o', 'BatchMode=no', ...target(), 'id -un'],
      answering(env.clientKeyPassphrase),
    );
    expect(result).toMatchObject({ code: 0, stdout: 'sdtest\n' });
  });

  it('kill-sessions cuts an open connection and leaves the listener serving new ones', async () => {
    const child = spawn('ssh', [...common(env.knownHosts), ...withKey(env.clientKey), '-o', 'BatchMode=yes', ...target(), 'echo started; sleep 60'], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const exited = new Promise<number | null>((resolve) => child.on('close', (code) => resolve(code)));
    await new Promise<void>((resolve, reject) => {
      child.stdout.on('data', (chunk: Buffer) => chunk.toString().includes('started') && resolve());
      child.on('close', () => reject(new Error('ssh ended before the session started')));
    });
    const cutAt = Date.now();
    await killTargetSessions();
    expect(await exited).toBe(255);
    expect(Date.now() - cutAt).toBeLessThan(5_000);
    const again = await ssh([...common(env.knownHosts), ...withKey(env.clientKey), '-o', 'BatchMode=yes', ...target(), 'id -un']);
    expect(again).toMatchObject({ code: 0, stdout: 'sdtest\n' });
  });

  it('rotate-hostkey gives the target a new key: the old known_hosts now sees a changed key', async () => {
    const oldKnownHosts = join(folder, 'known_hosts.before');
    copyFileSync(env.knownHosts, oldKnownHosts);
    const before = env.targetFingerprint;
    env = await rotateTargetHostKey();
    expect(env.targetFingerprint).toMatch(/^SHA256:[A-Za-z0-9+/]{43}$/);
    expect(env.targetFingerprint).not.toBe(before);
    const stale = await ssh([...common(oldKnownHosts), ...withKey(env.clientKey), '-o', 'BatchMode=yes', '-o', 'LogLevel=INFO', ...target(), 'true']);
    expect(stale.code).toBe(255);
    expect(stale.stderr).toContain('REMOTE HOST IDENTIFICATION HAS CHANGED');
    const fresh = await ssh([...common(env.knownHosts), ...withKey(env.clientKey), '-o', 'BatchMode=yes', ...target(), 'id -un']);
    expect(fresh).toMatchObject({ code: 0, stdout: 'sdtest\n' });
  });
});
