import { chmodSync, copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync, statSync, symlinkSync, writeFileSync, lstatSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { AppError } from '../../../../../../shared/errors';
import { checkHostKey } from '../../../../../../electron/services/ssh/hostKeys/checkHostKey';
import { hashHostName } from '../../../../../../electron/services/ssh/hostKeys/hashedHostNames';
import { addKnownHost, removeKnownHost } from '../../../../../../electron/services/ssh/hostKeys/knownHostsWriter';
import { generateKey, keygenFoundLines, knownHostsLine, makeTempDir, sshKeygen, type RealKey } from './realKeys';

const temp = makeTempDir('known-hosts-writer');
afterAll(() => temp.remove());
const ed = generateKey(temp.dir, 'ed25519');
const ed2 = generateKey(temp.dir, 'ed25519', 'ed25519-other');
const rsa = generateKey(temp.dir, 'rsa');
const ecdsa = generateKey(temp.dir, 'ecdsa');

let count = 0;
function freshDir(): string {
  count += 1;
  const dir = join(temp.dir, `case${count}`);
  mkdirSync(dir);
  return dir;
}

function target(host: string, port: number, key: RealKey, ip?: string) {
  return { host, port, keyType: key.keyType, keyBlob: key.keyBlob, ...(ip === undefined ? {} : { ip }) };
}

const trusted = (file: string, host: string, port: number, key: RealKey) =>
  checkHostKey(target(host, port, key), { userFile: file, readOnlyFiles: [] }).status === 'trusted';

describe('addKnownHost', () => {
  it('creates ~/.ssh as 0700 and known_hosts as 0600, and ssh-keygen -F finds what it wrote', () => {
    const home = freshDir();
    const file = join(home, '.ssh', 'known_hosts');
    const added = addKnownHost(target('hpc.example.org', 22, ed), file);
    expect(added).toMatchObject({ written: true, hashed: false, lines: [`hpc.example.org ${ed.keyType} ${ed.base64}`] });
    expect(statSync(join(home, '.ssh')).mode & 0o777).toBe(0o700);
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(keygenFoundLines('hpc.example.org', file)).toEqual([1]);

    addKnownHost(target('gw.example.org', 2222, rsa), file);
    expect(keygenFoundLines('[gw.example.org]:2222', file)).toEqual([2]);
    expect(keygenFoundLines('gw.example.org', file)).toEqual([]);
    expect(readFileSync(file, 'utf8')).toBe(`hpc.example.org ${ed.keyType} ${ed.base64}\n[gw.example.org]:2222 ${rsa.keyType} ${rsa.base64}\n`);
    expect(readdirSync(join(home, '.ssh')).sort()).toEqual(['known_hosts']);
  });

  it('writes hashed names that ssh-keygen -F matches, plain port and [host]:2222 alike', () => {
    const file = join(freshDir(), 'known_hosts');
    const first = addKnownHost(target('Secret.Example.org', 22, ed), file, { hash: true });
    addKnownHost(target('secret.example.org', 2222, ecdsa), file, { hash: true });
    expect(first.lines[0]).toMatch(/^\|1\|[A-Za-z0-9+/]{27}=\|[A-Za-z0-9+/]{27}= ssh-ed25519 /);
    expect(readFileSync(file, 'utf8')).not.toContain('secret');
    expect(keygenFoundLines('secret.example.org', file)).toEqual([1]);
    expect(keygenFoundLines('[secret.example.org]:2222', file)).toEqual([2]);
    expect(trusted(file, 'secret.example.org', 2222, ecdsa)).toBe(true);
  });

  it('keeps hashing a file that is already hashed, unless told not to', () => {
    const file = join(freshDir(), 'known_hosts');
    writeFileSync(file, `# mine\n${knownHostsLine('old.example.org', rsa)}\n`);
    expect(sshKeygen(['-H', '-f', file]).status).toBe(0);
    expect(addKnownHost(target('next.example.org', 22, ed), file)).toMatchObject({ written: true, hashed: true });
    expect(keygenFoundLines('next.example.org', file)).toEqual([3]);
    expect(addKnownHost(target('plain.example.org', 22, ed), file, { hash: false }).lines).toEqual([`plain.example.org ${ed.keyType} ${ed.base64}`]);
  });

  it('records the address as OpenSSH does: host,ip when plain, one line each when hashed', () => {
    const plainFile = join(freshDir(), 'known_hosts');
    expect(addKnownHost(target('hpc.example.org', 2222, ed, '10.0.0.5'), plainFile).lines).toEqual([`[hpc.example.org]:2222,[10.0.0.5]:2222 ${ed.keyType} ${ed.base64}`]);
    expect(keygenFoundLines('[10.0.0.5]:2222', plainFile)).toEqual([1]);
    const hashedFile = join(freshDir(), 'known_hosts');
    expect(addKnownHost(target('hpc.example.org', 22, ed, '10.0.0.5'), hashedFile, { hash: true }).lines).toHaveLength(2);
    expect(keygenFoundLines('10.0.0.5', hashedFile)).toEqual([2]);
  });

  it('keeps the file’s mode, ends a last line that had no newline, and adds nothing twice', () => {
    const file = join(freshDir(), 'known_hosts');
    writeFileSync(file, knownHostsLine('a.example.org', rsa));
    chmodSync(file, 0o644);
    addKnownHost(target('b.example.org', 22, ed), file);
    expect(statSync(file).mode & 0o777).toBe(0o644);
    expect(readFileSync(file, 'utf8')).toBe(`${knownHostsLine('a.example.org', rsa)}\n${knownHostsLine('b.example.org', ed)}\n`);
    expect(addKnownHost(target('B.example.org', 22, ed), file).written).toBe(false);
    expect(keygenFoundLines('a.example.org', file)).toEqual([1]);
  });

  it('writes through a symlinked known_hosts and leaves the link in place', () => {
    const dir = freshDir();
    const real = join(dir, 'real_known_hosts');
    const link = join(dir, 'known_hosts');
    writeFileSync(real, '');
    symlinkSync(real, link);
    addKnownHost(target('hpc.example.org', 22, ed), link);
    expect(lstatSync(link).isSymbolicLink()).toBe(true);
    expect(keygenFoundLines('hpc.example.org', real)).toEqual([1]);
  });

  it('refuses names OpenSSH would not record and keys that are not whole', () => {
    const file = join(freshDir(), 'known_hosts');
    for (const host of ['*.example.org', 'a,b', 'a b', '|1|x', '!x', '-oProxyCommand=x', '']) {
      expect(() => addKnownHost(target(host, 22, ed), file), host).toThrow(AppError);
    }
    expect(() => addKnownHost({ host: 'h', port: 22, keyType: ed.keyType, keyBlob: ed.keyBlob.subarray(0, 20) }, file)).toThrow(/well-formed/);
    expect(existsSync(file)).toBe(false);
  });
});

describe('removeKnownHost', () => {
  const lines = () => [
    '# my hosts',
    knownHostsLine('hpc.example.org', ed),
    knownHostsLine('keep.example.org', rsa),
    knownHostsLine('[hpc.example.org]:2222', ecdsa),
    knownHostsLine(hashHostName('hpc.example.org'), ed2),
    knownHostsLine(hashHostName('[hpc.example.org]:2222'), ed2),
    knownHostsLine('*', ed2, '@revoked'),
    knownHostsLine('hpc.example.org', rsa, '@cert-authority'),
    '',
    `${knownHostsLine('HPC.example.org', rsa)} uppercase comment`,
  ];

  it('leaves the same file as ssh-keygen -R, byte for byte', () => {
    for (const [host, port, name] of [
      ['hpc.example.org', 22, 'hpc.example.org'],
      ['hpc.example.org', 2222, '[hpc.example.org]:2222'],
    ] as const) {
      const dir = freshDir();
      const ours = join(dir, 'ours');
      const theirs = join(dir, 'theirs');
      writeFileSync(ours, `${lines().join('\n')}\n`);
      copyFileSync(ours, theirs);
      const result = removeKnownHost(host, port, ours);
      expect(sshKeygen(['-R', name, '-f', theirs]).status).toBe(0);
      expect(readFileSync(ours, 'utf8')).toBe(readFileSync(theirs, 'utf8'));
      expect(result.removed).toEqual(port === 22 ? [2, 5, 10] : [4, 6]);
      expect(result.stillMatching).toEqual([]);
    }
  });

  it('keeps unreadable lines, other hosts and marker lines exactly, where ssh-keygen -R gives up', () => {
    const file = join(freshDir(), 'known_hosts');
    const text = `garbage line\r\n${knownHostsLine('hpc.example.org', ed)}\n\t# indented\n${knownHostsLine('other', rsa)}\n${knownHostsLine('*', ed2, '@revoked')}\nno newline at end`;
    writeFileSync(file, text);
    chmodSync(file, 0o640);
    expect(sshKeygen(['-R', 'hpc.example.org', '-f', file]).status).not.toBe(0);
    expect(removeKnownHost('hpc.example.org', 22, file).removed).toEqual([2]);
    expect(readFileSync(file, 'utf8')).toBe(text.replace(`${knownHostsLine('hpc.example.org', ed)}\n`, ''));
    expect(statSync(file).mode & 0o777).toBe(0o640);
    expect(trusted(file, 'hpc.example.org', 22, ed)).toBe(false);
  });

  it('takes only this host out of a list, and reports wildcard lines instead of deleting them', () => {
    const file = join(freshDir(), 'known_hosts');
    writeFileSync(file, `hpc.example.org,10.0.0.5,Alias\t${ed.keyType} ${ed.base64} note\n${knownHostsLine('*.example.org,!bad.example.org', rsa)}\n`);
    const result = removeKnownHost('hpc.example.org', 22, file);
    expect(result).toMatchObject({ removed: [], edited: [1], stillMatching: [{ hosts: '*.example.org,!bad.example.org', line: 2 }] });
    expect(readFileSync(file, 'utf8')).toBe(`10.0.0.5,Alias\t${ed.keyType} ${ed.base64} note\n${knownHostsLine('*.example.org,!bad.example.org', rsa)}\n`);
    expect(trusted(file, '10.0.0.5', 22, ed)).toBe(true);
    expect(trusted(file, 'alias', 22, ed)).toBe(true);
    expect(trusted(file, 'hpc.example.org', 22, ed)).toBe(false);
  });

  it('does nothing to a missing file or folder, or a file without the host', () => {
    expect(removeKnownHost('hpc', 22, join(temp.dir, 'absent', 'known_hosts'))).toMatchObject({ removed: [], edited: [] });
    const file = join(freshDir(), 'known_hosts');
    writeFileSync(file, `${knownHostsLine('other', rsa)}\n`);
    const before = statSync(file).mtimeMs;
    expect(removeKnownHost('hpc', 22, file)).toMatchObject({ removed: [], edited: [], stillMatching: [] });
    expect(statSync(file).mtimeMs).toBe(before);
  });

  it('forgets a host that addKnownHost added, plain and hashed', () => {
    const file = join(freshDir(), 'known_hosts');
    addKnownHost(target('hpc.example.org', 22, ed), file);
    addKnownHost(target('hpc.example.org', 2222, ed), file, { hash: true });
    addKnownHost(target('keep.example.org', 22, ed), file);
    expect(removeKnownHost('hpc.example.org', 22, file).removed).toEqual([1]);
    expect(removeKnownHost('hpc.example.org', 2222, file).removed).toEqual([1]);
    expect(keygenFoundLines('keep.example.org', file)).toEqual([1]);
  });
});

describe('addKnownHost beside a key already known for the host', () => {
  it('refuses a different key of the same type, plain or hashed, in the user or the system file', () => {
    for (const hash of [false, true]) {
      const file = join(freshDir(), 'known_hosts');
      addKnownHost(target('hpc.example.org', 2222, ed), file, { hash });
      const before = readFileSync(file, 'utf8');
      expect(() => addKnownHost(target('hpc.example.org', 2222, ed2), file)).toThrow(expect.objectContaining({ code: 'host-key-changed', message: expect.stringMatching(/HAS CHANGED/) }));
      expect(readFileSync(file, 'utf8')).toBe(before);
    }
    const system = join(freshDir(), 'ssh_known_hosts');
    writeFileSync(system, `${knownHostsLine('hpc.example.org', ed)}\n`);
    const user = join(freshDir(), 'known_hosts');
    expect(() => addKnownHost(target('hpc.example.org', 22, ed2), { userFile: user, readOnlyFiles: [system] })).toThrow(/HAS CHANGED/);
    expect(existsSync(user)).toBe(false);
  });

  it('refuses when the address recorded with the host holds a different key', () => {
    const file = join(freshDir(), 'known_hosts');
    addKnownHost(target('10.0.0.5', 22, ed), file);
    expect(() => addKnownHost(target('hpc.example.org', 22, ed2, '10.0.0.5'), file)).toThrow(/THE HOST KEY OF 10\.0\.0\.5(:22)? HAS CHANGED/);
  });

  it('refuses a key marked @revoked, and records a key of another type beside the known one (OpenSSH keeps one per type)', () => {
    const file = join(freshDir(), 'known_hosts');
    writeFileSync(file, `@revoked * ${ed2.keyType} ${ed2.base64}\n`);
    expect(() => addKnownHost(target('hpc.example.org', 22, ed2), file)).toThrow(expect.objectContaining({ code: 'host-key-revoked' }));
    addKnownHost(target('hpc.example.org', 22, ed), file);
    expect(addKnownHost(target('hpc.example.org', 22, rsa), file).written).toBe(true);
    expect(trusted(file, 'hpc.example.org', 22, ed) && trusted(file, 'hpc.example.org', 22, rsa)).toBe(true);
  });
});
