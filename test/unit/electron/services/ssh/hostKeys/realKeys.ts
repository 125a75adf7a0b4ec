import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * Real OpenSSH keys and the real ssh-keygen for host-key tests: what these tests prove is that our
 * reading and writing agree with OpenSSH's, so OpenSSH itself is the reference, not a fake.
 */
export type KeyAlgorithm = 'ed25519' | 'rsa' | 'ecdsa';

export type RealKey = {
  algorithm: KeyAlgorithm;
  /** `ssh-ed25519`, `ssh-rsa`, `ecdsa-sha2-nistp256`. */
  keyType: string;
  keyBlob: Buffer;
  base64: string;
  pubPath: string;
};

export type KeygenRun = { status: number | null; stdout: string; stderr: string };

export function sshKeygen(args: readonly string[]): KeygenRun {
  const run = spawnSync('ssh-keygen', args, { encoding: 'utf8', timeout: 30_000 });
  if (run.error) throw run.error;
  return { status: run.status, stdout: run.stdout, stderr: run.stderr };
}

export function makeTempDir(prefix: string): { dir: string; remove: () => void } {
  const dir = mkdtempSync(join(tmpdir(), `slurmdesk-${prefix}-`));
  return { dir, remove: () => rmSync(dir, { recursive: true, force: true }) };
}

/** `ssh-keygen -t <algorithm> -N ''` into `dir/name`; RSA at 2048 bits to keep tests quick. */
export function generateKey(dir: string, algorithm: KeyAlgorithm, name: string = algorithm): RealKey {
  const path = join(dir, name);
  const size = algorithm === 'rsa' ? ['-b', '2048'] : [];
  const run = sshKeygen(['-q', '-t', algorithm, ...size, '-N', '', '-C', `${name}@test`, '-f', path]);
  if (run.status !== 0) throw new Error(`ssh-keygen failed: ${run.stderr}`);
  const [keyType, base64] = readFileSync(`${path}.pub`, 'utf8').trim().split(' ') as [string, string];
  return { algorithm, keyType, keyBlob: Buffer.from(base64, 'base64'), base64, pubPath: `${path}.pub` };
}

/** A known_hosts line as OpenSSH writes it. */
export function knownHostsLine(hosts: string, key: RealKey, marker = ''): string {
  return `${marker ? `${marker} ` : ''}${hosts} ${key.keyType} ${key.base64}`;
}

/** Line numbers `ssh-keygen -F name -f file` reports ("# Host name found: line N"). */
export function keygenFoundLines(name: string, file: string): number[] {
  const run = sshKeygen(['-F', name, '-f', file]);
  return [...run.stdout.matchAll(/^# Host .* found: line (\d+)/gm)].map((match) => Number(match[1]));
}

/** The second field of `ssh-keygen -lf` output: the fingerprint itself. */
export function keygenFingerprint(pubPath: string, hash: 'sha256' | 'md5' = 'sha256'): string {
  const run = sshKeygen(['-l', '-E', hash, '-f', pubPath]);
  if (run.status !== 0) throw new Error(`ssh-keygen -l failed: ${run.stderr}`);
  return run.stdout.split(' ')[1]!;
}
