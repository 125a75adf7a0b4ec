import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { keyFileCandidates } from '../../../../../electron/services/ssh/keyFileCandidates';

function homeWithKeys(): string {
  const home = mkdtempSync(join(tmpdir(), 'slurmdesk-keyfiles-'));
  const ssh = join(home, '.ssh');
  mkdirSync(ssh, { mode: 0o700 });
  execFileSync('ssh-keygen', ['-q', '-t', 'ed25519', '-N', '', '-C', 'alice@laptop', '-f', join(ssh, 'id_ed25519')]);
  execFileSync('ssh-keygen', ['-q', '-t', 'ecdsa', '-N', 'correct horse', '-C', 'work key', '-f', join(ssh, 'work_ecdsa')]);
  writeFileSync(join(ssh, 'config'), 'Host hpc\n  HostName hpc.example.org\n');
  writeFileSync(join(ssh, 'known_hosts'), 'hpc.example.org ssh-ed25519 AAAA\n');
  writeFileSync(join(ssh, 'notes.txt'), 'not a key\n');
  return home;
}

describe('key files offered by the picker', () => {
  it('lists the private keys in ~/.ssh with type, comment and whether a passphrase protects them', () => {
    const home = homeWithKeys();
    expect(keyFileCandidates(home)).toEqual([
      { path: '~/.ssh/id_ed25519', keyType: 'ssh-ed25519', encrypted: false, comment: 'alice@laptop' },
      { path: '~/.ssh/work_ecdsa', keyType: 'ecdsa-sha2-nistp256', encrypted: true, comment: 'work key' },
    ]);
  });

  it('never returns key material', () => {
    const home = homeWithKeys();
    const listed = JSON.stringify(keyFileCandidates(home));
    const privateBody = readFileSync(join(home, '.ssh', 'id_ed25519'), 'utf8').split('\n').slice(1, -2).join('');
    const publicBlob = readFileSync(join(home, '.ssh', 'id_ed25519.pub'), 'utf8').split(' ')[1]!;
    expect(listed).not.toContain(privateBody.slice(0, 40));
    expect(listed).not.toContain(publicBlob);
  });

  it('is empty when there is no ~/.ssh', () => {
    expect(keyFileCandidates(mkdtempSync(join(tmpdir(), 'slurmdesk-nokeys-')))).toEqual([]);
  });
});
