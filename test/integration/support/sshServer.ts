import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describeWhenAvailable, onPath } from './describeWhenAvailable';

/**
 * The real OpenSSH servers, started and stopped by test/daemons/sshd.sh: the target on
 * 127.0.0.1:2222 and a jump host on 127.0.0.1:2223, both for the user sdtest. Where OpenSSH is
 * missing the suites are skipped with the command that installs it; under CI=true that fails.
 */
const root = join(import.meta.dirname, '..', '..', '..');
const script = join(root, 'test', 'daemons', 'sshd.sh');
const run = promisify(execFile);

/** What sshd.sh start wrote to its state folder's env file (secrets included: root only). */
export type SshdEnv = {
  host: string;
  targetPort: number;
  jumpPort: number;
  maxSessions: number;
  user: string;
  home: string;
  password: string;
  clientKey: string;
  clientKeyEncrypted: string;
  clientKeyPassphrase: string;
  /** known_hosts lines for both servers, as [127.0.0.1]:port; rewritten by rotateTargetHostKey. */
  knownHosts: string;
  targetHostKey: string;
  jumpHostKey: string;
  targetFingerprint: string;
  jumpFingerprint: string;
  targetLog: string;
  jumpLog: string;
};

export function sshdStateDir(): string {
  return process.env.SLURMDESK_SSHD_STATE ?? '/tmp/slurmdesk-sshd';
}

/** Null when the servers can run here, else why not. */
export function sshdUnavailableReason(): string | null {
  const missing = ['/usr/sbin/sshd', 'ssh', 'ssh-keygen', 'ssh-keyscan'].filter((program) => !onPath(program));
  if (missing.length > 0) return `OpenSSH is not installed (missing ${missing.join(', ')}); install it with: sudo bash test/daemons/sshd.sh install`;
  if (process.getuid?.() !== 0) return 'the test sshd creates the user sdtest and starts sshd, so these tests must run as root';
  return null;
}

export function describeWithSshd(name: string, body: () => void): void {
  describeWhenAvailable(name, sshdUnavailableReason(), body);
}

export async function startSshd(options: { maxSessions?: number } = {}): Promise<SshdEnv> {
  const args = options.maxSessions === undefined ? ['start'] : ['start', '--max-sessions', String(options.maxSessions)];
  await sshdScript(args);
  return readSshdEnv();
}

export async function stopSshd(): Promise<void> {
  await sshdScript(['stop']);
}

/** Gives the target a fresh host key (for "changed host key" tests); returns the new env. */
export async function rotateTargetHostKey(): Promise<SshdEnv> {
  await sshdScript(['rotate-hostkey']);
  return readSshdEnv();
}

/** Kills the target's per-connection processes (not the listener): every open connection is cut. */
export async function killTargetSessions(): Promise<void> {
  await sshdScript(['kill-sessions']);
}

export function readSshdEnv(): SshdEnv {
  const file = join(sshdStateDir(), 'env');
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch {
    throw new Error(`${file} is missing: start the servers first (bash test/daemons/sshd.sh start)`);
  }
  const values = new Map<string, string>();
  for (const line of text.split('\n')) {
    const match = /^([A-Z][A-Z0-9_]*)=(.*)$/.exec(line);
    if (match) values.set(match[1]!, match[2]!);
  }
  const required = (key: string): string => {
    const value = values.get(key);
    if (value === undefined || value === '') throw new Error(`${file} has no ${key}; restart the servers (bash test/daemons/sshd.sh stop && … start)`);
    return value;
  };
  const number = (key: string): number => {
    const value = Number(required(key));
    if (!Number.isInteger(value)) throw new Error(`${file}: ${key} is not a number`);
    return value;
  };
  return {
    host: required('SSHD_HOST'),
    targetPort: number('SSHD_TARGET_PORT'),
    jumpPort: number('SSHD_JUMP_PORT'),
    maxSessions: number('SSHD_MAX_SESSIONS'),
    user: required('SDTEST_USER'),
    home: required('SDTEST_HOME'),
    password: required('SDTEST_PASSWORD'),
    clientKey: required('SSHD_CLIENT_KEY'),
    clientKeyEncrypted: required('SSHD_CLIENT_KEY_ENCRYPTED'),
    clientKeyPassphrase: required('SSHD_CLIENT_KEY_PASSPHRASE'),
    knownHosts: required('SSHD_KNOWN_HOSTS'),
    targetHostKey: required('SSHD_TARGET_HOST_KEY'),
    jumpHostKey: required('SSHD_JUMP_HOST_KEY'),
    targetFingerprint: required('SSHD_TARGET_FINGERPRINT'),
    jumpFingerprint: required('SSHD_JUMP_FINGERPRINT'),
    targetLog: required('SSHD_TARGET_LOG'),
    jumpLog: required('SSHD_JUMP_LOG'),
  };
}

/** A server's log (LogLevel VERBOSE): which authentication attempts arrived and which were accepted. */
export function readSshdLog(server: 'target' | 'jump', env: SshdEnv = readSshdEnv()): string {
  return readFileSync(server === 'target' ? env.targetLog : env.jumpLog, 'utf8');
}

async function sshdScript(args: string[]): Promise<void> {
  try {
    await run('bash', [script, ...args], { timeout: 60_000 });
  } catch (error) {
    const stderr = error instanceof Error && 'stderr' in error ? String(error.stderr) : '';
    throw new Error(`bash test/daemons/sshd.sh ${args.join(' ')} failed: ${error instanceof Error ? error.message : String(error)}\n${stderr}`, {
      cause: error,
    });
  }
}
