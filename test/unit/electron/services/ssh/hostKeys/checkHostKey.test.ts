import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { AppError } from '../../../../../../shared/errors';
import { checkHostKey, defaultKnownHostsFiles, type HostKeyCheck, type KnownHostsFiles } from '../../../../../../electron/services/ssh/hostKeys/checkHostKey';
import { sha256Fingerprint } from '../../../../../../electron/services/ssh/hostKeys/hostKeyFingerprint';
import { generateKey, knownHostsLine, makeTempDir, sshKeygen, type RealKey } from './realKeys';

const temp = makeTempDir('check-host-key');
afterAll(() => temp.remove());
const ed = generateKey(temp.dir, 'ed25519');
const ed2 = generateKey(temp.dir, 'ed25519', 'ed25519-other');
const rsa = generateKey(temp.dir, 'rsa');
const ecdsa = generateKey(temp.dir, 'ecdsa');

let fileCount = 0;
/** Writes a user file (and optionally a system file) and returns the files to check against. */
function files(userLines: readonly string[], systemLines: readonly string[] = []): KnownHostsFiles {
  fileCount += 1;
  const userFile = join(temp.dir, `known_hosts_${fileCount}`);
  const systemFile = join(temp.dir, `ssh_known_hosts_${fileCount}`);
  writeFileSync(userFile, userLines.map((line) => `${line}\n`).join(''));
  if (systemLines.length > 0) writeFileSync(systemFile, systemLines.map((line) => `${line}\n`).join(''));
  return { userFile, readOnlyFiles: [systemFile] };
}

function check(host: string, port: number, key: RealKey, knownHosts: KnownHostsFiles, ip?: string): HostKeyCheck {
  return checkHostKey({ host, port, keyType: key.keyType, keyBlob: key.keyBlob, ...(ip === undefined ? {} : { ip }) }, knownHosts);
}

describe('checkHostKey', () => {
  it('trusts a key known for the host: plain, in a list, by pattern, on its port, in the system file', () => {
    const known = files(
      [knownHostsLine('login.example.org,10.0.0.1', ed), knownHostsLine('[gw.example.org]:2222', rsa), knownHostsLine('*.cluster.example.org', ecdsa)],
      [knownHostsLine('sys.example.org', ed)],
    );
    const plain = check('LOGIN.example.org', 22, ed, known);
    expect(plain).toMatchObject({ status: 'trusted', name: 'login.example.org', matchedName: 'login.example.org', fingerprint: sha256Fingerprint(ed.keyBlob) });
    expect(plain.status === 'trusted' && [plain.entry.file, plain.entry.line]).toEqual([known.userFile, 1]);
    expect(check('gw.example.org', 2222, rsa, known).status).toBe('trusted');
    expect(check('node3.cluster.example.org', 22, ecdsa, known).status).toBe('trusted');
    const system = check('sys.example.org', 22, ed, known);
    expect(system.status === 'trusted' && system.entry.file).toBe(known.readOnlyFiles[0]);
  });

  it('trusts hashed entries written by ssh-keygen -H', () => {
    const known = files([knownHostsLine('hidden.example.org', ed), knownHostsLine('[hidden.example.org]:2200', rsa)]);
    expect(sshKeygen(['-H', '-f', known.userFile]).status).toBe(0);
    expect(check('hidden.example.org', 22, ed, known)).toMatchObject({ status: 'trusted', entry: { hosts: { kind: 'hashed' } } });
    expect(check('hidden.example.org', 2200, rsa, known).status).toBe('trusted');
    expect(check('other.example.org', 22, ed, known)).toMatchObject({ status: 'unknown', alsoKnownAs: ['[hashed name]'] });
  });

  it('reports an unknown host with the other names its key is known by', () => {
    const known = files([knownHostsLine('alias.example.org', ed), knownHostsLine('10.9.9.9', ed), knownHostsLine('unrelated.example.org', rsa)]);
    const result = check('new.example.org', 22, ed, known);
    expect(result).toMatchObject({ status: 'unknown', alsoKnownAs: ['alias.example.org', '10.9.9.9'], otherKeyTypes: [], caOnly: [] });
    expect(result.status === 'unknown' && result.alsoKnownAt[1]).toEqual({ hosts: '10.9.9.9', file: known.userFile, line: 2 });
    expect(check('nobody.example.org', 22, ed, files([]))).toMatchObject({ status: 'unknown', alsoKnownAs: [] });
  });

  it('calls a different key of the same type changed, listing each known key with file and line', () => {
    const known = files([knownHostsLine('hpc.example.org', ed2)], [knownHostsLine('hpc.example.org', ed2)]);
    const result = check('hpc.example.org', 22, ed, known);
    expect(result).toMatchObject({ status: 'changed' });
    expect(result.status === 'changed' && result.known).toEqual([
      { keyType: 'ssh-ed25519', fingerprint: sha256Fingerprint(ed2.keyBlob), file: known.userFile, line: 1 },
      { keyType: 'ssh-ed25519', fingerprint: sha256Fingerprint(ed2.keyBlob), file: known.readOnlyFiles[0], line: 1 },
    ]);
  });

  it('trusts a key when any line for the host holds it, even if another line differs (OpenSSH)', () => {
    const known = files([knownHostsLine('hpc.example.org', ed2), knownHostsLine('hpc.example.org', ed)]);
    expect(check('hpc.example.org', 22, ed, known)).toMatchObject({ status: 'trusted', entry: { line: 2 } });
  });

  it('reports keys of other types as unknown with otherKeyTypes, so the person is warned', () => {
    const known = files([knownHostsLine('hpc.example.org', rsa), knownHostsLine('hpc.example.org', ecdsa)]);
    const result = check('hpc.example.org', 22, ed, known);
    expect(result.status).toBe('unknown');
    expect(result.status === 'unknown' && result.otherKeyTypes.map((key) => key.keyType)).toEqual(['ssh-rsa', 'ecdsa-sha2-nistp256']);
  });

  it('keeps ports apart, except OpenSSH’s port-less fallback for the very same key', () => {
    const known = files([knownHostsLine('hpc.example.org', ed), knownHostsLine('[only2222.example.org]:2222', ed)]);
    expect(check('hpc.example.org', 2222, ed, known)).toMatchObject({ status: 'trusted', name: '[hpc.example.org]:2222', matchedName: 'hpc.example.org' });
    expect(check('hpc.example.org', 2222, ed2, known)).toMatchObject({ status: 'unknown' });
    expect(check('only2222.example.org', 22, ed, known)).toMatchObject({ status: 'unknown' });
  });

  it('honours negated patterns: they exclude, they never trust', () => {
    const known = files([knownHostsLine('*.example.org,!bad.example.org', ed), knownHostsLine('!lonely.example.org', ed2)]);
    expect(check('good.example.org', 22, ed, known).status).toBe('trusted');
    expect(check('bad.example.org', 22, ed, known).status).toBe('unknown');
    expect(check('anything.net', 22, ed2, known).status).toBe('unknown');
  });

  it('finds a revoked key whatever host its @revoked line names, even when also trusted', () => {
    const known = files([knownHostsLine('hpc.example.org', ed)], [knownHostsLine('some.other.host', ed, '@revoked')]);
    const result = check('hpc.example.org', 22, ed, known);
    expect(result).toMatchObject({ status: 'revoked', entry: { file: known.readOnlyFiles[0], line: 1, marker: 'revoked' } });
    expect(check('hpc.example.org', 22, ed2, files([knownHostsLine('*', ed2, '@revoked')])).status).toBe('revoked');
  });

  it('never lets a @cert-authority line trust a plain key', () => {
    const known = files([knownHostsLine('*.example.org', ed, '@cert-authority')]);
    const result = check('hpc.example.org', 22, ed, known);
    expect(result).toMatchObject({ status: 'unknown', alsoKnownAs: [] });
    expect(result.caOnly).toEqual([{ keyType: 'ssh-ed25519', fingerprint: sha256Fingerprint(ed.keyBlob), file: known.userFile, line: 1 }]);
  });

  it('checks the address too when given (CheckHostIP)', () => {
    const known = files([knownHostsLine('hpc.example.org', ed), knownHostsLine('10.0.0.7', ed2), knownHostsLine('10.0.0.8', ed)]);
    expect(check('hpc.example.org', 22, ed, known, '10.0.0.7').ip).toMatchObject({ address: '10.0.0.7', status: 'changed', known: [{ line: 2 }] });
    expect(check('hpc.example.org', 22, ed, known, '10.0.0.8').ip).toMatchObject({ status: 'trusted' });
    expect(check('hpc.example.org', 22, ed, known, '10.0.0.9').ip).toMatchObject({ status: 'unknown', known: [] });
    expect(check('10.0.0.8', 22, ed, known, '10.0.0.8').ip).toBeUndefined();
  });

  it('reports skipped lines and still decides on the rest', () => {
    const known = files(['garbage here', knownHostsLine('hpc.example.org', ed)]);
    const result = check('hpc.example.org', 22, ed, known);
    expect(result.status).toBe('trusted');
    expect(result.skippedLines).toEqual([{ file: known.userFile, line: 1, reason: 'missing-fields', detail: expect.any(String) }]);
  });

  it('refuses malformed input and fails closed on a file it cannot read', () => {
    const known = files([]);
    const bad = (run: () => unknown, code: string) => {
      try {
        run();
        expect.unreachable();
      } catch (error) {
        expect(error).toBeInstanceOf(AppError);
        expect((error as AppError).code).toBe(code);
      }
    };
    bad(() => checkHostKey({ host: 'h', port: 22, keyType: 'ssh-rsa', keyBlob: ed.keyBlob }, known), 'host-key-malformed');
    bad(() => checkHostKey({ host: 'h', port: 0, keyType: ed.keyType, keyBlob: ed.keyBlob }, known), 'invalid-host');
    bad(() => checkHostKey({ host: 'a b', port: 22, keyType: ed.keyType, keyBlob: ed.keyBlob }, known), 'invalid-host');
    const folder = join(temp.dir, 'not-a-file');
    mkdirSync(folder);
    bad(() => check('hpc.example.org', 22, ed, { userFile: known.userFile, readOnlyFiles: [folder] }), 'known-hosts-unreadable');
  });

  it('uses OpenSSH’s default files', () => {
    expect(defaultKnownHostsFiles('/home/u')).toEqual({
      userFile: '/home/u/.ssh/known_hosts',
      readOnlyFiles: ['/home/u/.ssh/known_hosts2', '/etc/ssh/ssh_known_hosts', '/etc/ssh/ssh_known_hosts2'],
    });
  });
});
