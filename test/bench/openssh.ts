import { execFile, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import type { SshdEnv } from '../integration/support/sshServer';

const run = promisify(execFile);

/**
 * The OpenSSH client as a researcher would use it against the same test sshd: the test user's
 * key, the servers' known_hosts, no agent, no ~/.ssh/config. These are the baselines.
 */
export function sshOptions(env: SshdEnv): string[] {
  return [
    '-F', '/dev/null',
    '-o', 'BatchMode=yes',
    '-o', `UserKnownHostsFile=${env.knownHosts}`,
    '-o', 'StrictHostKeyChecking=yes',
    '-o', 'IdentitiesOnly=yes',
    '-o', 'IdentityAgent=none',
    '-i', env.clientKey,
  ];
}

export function target(env: SshdEnv): string {
  return `${env.user}@${env.host}`;
}

/** A whole `ssh host command` process; resolves with its stdout. */
export async function ssh(env: SshdEnv, command: string, extra: string[] = []): Promise<string> {
  const { stdout } = await run('ssh', [...sshOptions(env), ...extra, '-p', String(env.targetPort), target(env), command], { maxBuffer: 64 * 1024 * 1024 });
  return stdout;
}

export async function sftpGet(env: SshdEnv, remote: string, local: string): Promise<void> {
  await run('sftp', [...sshOptions(env), '-q', '-P', String(env.targetPort), `${target(env)}:${remote}`, local]);
}

export async function sftpPut(env: SshdEnv, local: string, remote: string): Promise<void> {
  await batchSftp(env, `put ${local} ${remote}\n`);
}

export async function scpPut(env: SshdEnv, local: string, remote: string): Promise<void> {
  await run('scp', [...sshOptions(env), '-q', '-P', String(env.targetPort), local, `${target(env)}:${remote}`]);
}

export async function scpGet(env: SshdEnv, remote: string, local: string): Promise<void> {
  await run('scp', [...sshOptions(env), '-q', '-P', String(env.targetPort), `${target(env)}:${remote}`, local]);
}

function batchSftp(env: SshdEnv, commands: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn('sftp', [...sshOptions(env), '-q', '-b', '-', '-P', String(env.targetPort), target(env)], { stdio: ['pipe', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.once('error', reject);
    child.once('exit', (code) => (code === 0 ? resolve() : reject(new Error(`sftp exited with ${code}: ${stderr}`))));
    child.stdin.end(commands);
  });
}

/**
 * A ControlMaster connection: after `open`, every `run` is a new session on the one warm
 * connection, as a researcher with ControlPersist would have it.
 */
export class MultiplexedSsh {
  private readonly folder = mkdtempSync(join(tmpdir(), 'slurmdesk-bench-mux-'));
  private readonly socket = join(this.folder, 'control');
  constructor(private readonly env: SshdEnv) {}

  async open(): Promise<void> {
    await run('ssh', [...sshOptions(this.env), '-o', 'ControlMaster=yes', '-o', `ControlPath=${this.socket}`, '-o', 'ControlPersist=yes', '-f', '-N', '-p', String(this.env.targetPort), target(this.env)]);
  }

  async run(command: string): Promise<string> {
    const { stdout } = await run('ssh', [...sshOptions(this.env), '-o', `ControlPath=${this.socket}`, '-p', String(this.env.targetPort), target(this.env), command], { maxBuffer: 64 * 1024 * 1024 });
    return stdout;
  }

  async close(): Promise<void> {
    await run('ssh', [...sshOptions(this.env), '-o', `ControlPath=${this.socket}`, '-O', 'exit', '-p', String(this.env.targetPort), target(this.env)]).catch(() => {});
    rmSync(this.folder, { recursive: true, force: true });
  }
}
