import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { buildCli } from '../../../build/scripts/build.mjs';
import { describeWithSshd, readSshdLog, startSshd, stopSshd, type SshdEnv } from '../support/sshServer';

const root = join(import.meta.dirname, '..', '..', '..');
let env: SshdEnv;
let home: string;
let script: string;

/** The CLI as a script runs it: no terminal, no ssh-agent. */
function slurmdesk(...args: string[]) {
  const run = spawnSync(process.execPath, [join(root, 'out/cli/main.mjs'), ...args], {
    encoding: 'utf8',
    env: { ...process.env, HOME: home, SLURMDESK_HOME: join(home, 'data'), SSH_AUTH_SOCK: '' },
    stdio: ['ignore', 'pipe', 'pipe'],
    timeout: 60_000,
  });
  return { code: run.status, stdout: run.stdout, stderr: run.stderr };
}

const target = () => ['--host', env.host, '--port', String(env.targetPort), '--user', env.user];

// Signing in from the command line without a terminal. Slurm is not running: a command that got
// past sign-in fails later, at sbatch, and the servers' logs say who signed in.
describeWithSshd('slurmdesk signing in without a terminal', () => {
  beforeAll(async () => {
    await buildCli();
    env = await startSshd();
    home = mkdtempSync(join(tmpdir(), 'slurmdesk-cli-signin-'));
    script = join(home, 'job.sh');
    writeFileSync(script, 'true\n');
  }, 200_000);
  afterAll(() => stopSshd(), 60_000);

  it('says a password cannot be asked for here, and what to use instead', () => {
    expect(slurmdesk('clusters', 'add', 'pw', ...target(), '--no-agent').code).toBe(0);
    const run = slurmdesk('submit', script, '--cluster', 'pw', '--host-key-policy', 'auto');
    expect(run.code).toBe(1);
    expect(run.stderr).toContain(`Sign-in to pw (${env.user}@${env.host}:${env.targetPort}) failed.`);
    expect(run.stderr).toContain('Cannot ask for a password here (no terminal); use a key, ssh-agent, or run in a terminal.');
    expect(run.stderr).not.toContain('Check the user name, key or password');
  });

  it('signs in with ~/.ssh/id_ed25519 when the profile names no key', () => {
    mkdirSync(join(home, '.ssh'), { recursive: true, mode: 0o700 });
    copyFileSync(env.clientKey, join(home, '.ssh', 'id_ed25519'));
    expect(slurmdesk('clusters', 'add', 'plain', ...target(), '--no-agent', '--no-password', '--no-keyboard-interactive').code).toBe(0);
    const mark = readSshdLog('target', env).length;
    const run = slurmdesk('submit', script, '--cluster', 'plain', '--host-key-policy', 'auto');
    expect(run.stderr).not.toMatch(/Sign-in to/);
    expect(readSshdLog('target', env).slice(mark)).toMatch(/Accepted publickey for sdtest/);
  });

  it('opens a key-only jump host with the profile\'s key, with no agent running', () => {
    const added = slurmdesk('clusters', 'add', 'jumpy', ...target(), '--key', env.clientKey, '--jump', `${env.user}@${env.host}:${env.jumpPort}`, '--no-agent');
    expect(added.code).toBe(0);
    const mark = readSshdLog('jump', env).length;
    const run = slurmdesk('submit', script, '--cluster', 'jumpy', '--host-key-policy', 'auto');
    expect(run.stderr).not.toMatch(/Sign-in to/);
    expect(readSshdLog('jump', env).slice(mark)).toMatch(/Accepted publickey for sdtest/);
  });
});
