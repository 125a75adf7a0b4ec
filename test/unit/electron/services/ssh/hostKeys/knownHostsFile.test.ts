import { randomBytes } from 'node:crypto';
import { chmodSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { AppError } from '../../../../../../shared/errors';
import { checkHostKey } from '../../../../../../electron/services/ssh/hostKeys/checkHostKey';
import { hashHostName } from '../../../../../../electron/services/ssh/hostKeys/hashedHostNames';
import { parseKnownHosts, readKnownHostsFile } from '../../../../../../electron/services/ssh/hostKeys/knownHostsFile';
import { isWellFormedKeyBlob, keyBlobType } from '../../../../../../electron/services/ssh/hostKeys/publicKeyBlob';
import { generateKey, knownHostsLine, makeTempDir } from './realKeys';

const temp = makeTempDir('known-hosts-file');
afterAll(() => temp.remove());
const ed = generateKey(temp.dir, 'ed25519');
const rsa = generateKey(temp.dir, 'rsa');
const ecdsa = generateKey(temp.dir, 'ecdsa');

function sshString(bytes: Buffer): Buffer {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(bytes.length);
  return Buffer.concat([length, bytes]);
}

/** A well-formed blob of a key type OpenSSH may learn later: the type name, then a key field. */
function futureKeyBase64(type: string): string {
  return Buffer.concat([sshString(Buffer.from(type)), sshString(randomBytes(40))]).toString('base64');
}

describe('parseKnownHosts', () => {
  it('reads every kind of line OpenSSH reads', () => {
    const text = [
      '# a comment',
      '',
      '   \t# indented comment',
      knownHostsLine('hpc.example.org,10.0.0.5', ed),
      `${knownHostsLine('[gw.example.org]:2222', rsa)} comment with  spaces`,
      knownHostsLine(hashHostName('hidden.example.org'), ed),
      knownHostsLine('*', ed, '@revoked'),
      knownHostsLine('*.example.org,!bad.example.org', rsa, '@cert-authority'),
      `future.example.org ssh-future@example.org ${futureKeyBase64('ssh-future@example.org')}`,
      `\t crlf.example.org ${ed.keyType}\t${ed.base64}\r`,
    ].join('\n');
    const { entries, skipped } = parseKnownHosts(`${text}\n`, 'kh');
    expect(skipped).toEqual([]);
    expect(entries.map((entry) => [entry.line, entry.marker, entry.hosts.text, entry.keyType])).toEqual([
      [4, null, 'hpc.example.org,10.0.0.5', 'ssh-ed25519'],
      [5, null, '[gw.example.org]:2222', 'ssh-rsa'],
      [6, null, expect.stringMatching(/^\|1\|/), 'ssh-ed25519'],
      [7, 'revoked', '*', 'ssh-ed25519'],
      [8, 'cert-authority', '*.example.org,!bad.example.org', 'ssh-rsa'],
      [9, null, 'future.example.org', 'ssh-future@example.org'],
      [10, null, 'crlf.example.org', 'ssh-ed25519'],
    ]);
    expect(entries[1]!.comment).toBe('comment with  spaces');
    expect(entries[0]!.keyBlob.equals(ed.keyBlob)).toBe(true);
    expect(entries[2]!.hosts.kind).toBe('hashed');
    const crlf = entries[6]!;
    expect(`\t crlf.example.org`.slice(crlf.hostsStart, crlf.hostsEnd)).toBe('crlf.example.org');
  });

  it('skips unreadable lines with their numbers and reasons, and keeps going', () => {
    const lines = [
      'lonely-host',
      `host-only-type ${ed.keyType}`,
      knownHostsLine('a.example.org', ed, '@bogus'),
      `@revoked @revoked a.example.org ${ed.keyType} ${ed.base64}`,
      `|1|notbase64|x= ${ed.keyType} ${ed.base64}`,
      `${hashHostName('a')},b ${ed.keyType} ${ed.base64}`,
      'old.example.org 1024 35 1234567',
      `b.example.org ${ed.keyType} not*base64`,
      `c.example.org ssh-rsa ${ed.base64}`,
      `d.example.org ${ed.keyType} ${ed.base64.slice(0, 40)}`,
      `e.example.org #${ed.keyType} ${ed.base64}`,
      knownHostsLine('valid.example.org', ed),
    ];
    const { entries, skipped } = parseKnownHosts(lines.join('\n'), 'kh');
    expect(skipped.map((line) => [line.line, line.reason])).toEqual([
      [1, 'missing-fields'],
      [2, 'missing-fields'],
      [3, 'bad-marker'],
      [4, 'bad-marker'],
      [5, 'bad-host-hash'],
      [6, 'bad-host-hash'],
      [7, 'legacy-rsa1'],
      [8, 'bad-base64'],
      [9, 'bad-key-data'],
      [10, 'bad-key-data'],
      [11, 'missing-fields'],
    ]);
    expect(skipped.every((line) => line.file === 'kh' && line.detail.length > 0)).toBe(true);
    expect(entries.map((entry) => [entry.line, entry.hosts.text])).toEqual([[12, 'valid.example.org']]);
  });

  it('never throws on random bytes', () => {
    for (let round = 0; round < 300; round += 1) {
      const noise = randomBytes(1 + (round % 200)).toString(round % 2 === 0 ? 'latin1' : 'utf8');
      expect(() => parseKnownHosts(`${noise}\n@revoked ${noise}\n|1|${noise} x y`, 'noise')).not.toThrow();
    }
  });

  it('stays linear on huge hostile lines', () => {
    const started = performance.now();
    const hostile = ['a'.repeat(1_000_000), `h t ${'A'.repeat(999_999)}!`, `${'*'.repeat(5000)}x ${ed.keyType} ${ed.base64}`, 'a\t'.repeat(300_000)];
    const { entries, skipped } = parseKnownHosts(hostile.join('\n'), 'hostile');
    // A bound far above noise on a loaded machine, far below what a quadratic scan of 1 MB lines takes.
    expect(performance.now() - started).toBeLessThan(5_000);
    expect(entries).toHaveLength(1);
    expect(skipped.map((line) => line.reason)).toEqual(['missing-fields', 'bad-base64', 'bad-base64']);
  });

  it('parses 10,000 lines with garbage and still finds the valid entry (time printed, not asserted)', () => {
    const garbage = ['garbage', `x ${ed.keyType} !!!`, '@nope a b c', '|1|AAAA|BBBB ssh-ed25519 AAAA', 'x y', '# comment', ''];
    const lines: string[] = [];
    for (let i = 0; i < 10_000; i += 1) {
      if (i === 7_777) lines.push(knownHostsLine('needle.example.org', ed));
      else if (i % 3 === 0) lines.push(knownHostsLine(`host${i}.example.org`, rsa));
      else lines.push(garbage[i % garbage.length]!);
    }
    const text = `${lines.join('\n')}\n`;
    parseKnownHosts(text, 'warm-up');
    const started = performance.now();
    const { entries, skipped } = parseKnownHosts(text, 'big');
    const elapsed = performance.now() - started;
    const cold = performance.now();
    parseKnownHosts(text.replaceAll('garbage', 'rubbish'), 'big, first time this text is seen');
    // Speed belongs to the benchmarks; here it is only shown.
    console.log(`known_hosts of 10,000 lines: ${elapsed.toFixed(1)} ms warm, ${(performance.now() - cold).toFixed(1)} ms for new text`);
    expect(entries).toHaveLength(3_335);
    expect(skipped.length).toBeGreaterThan(4_000);
    expect(skipped[0]).toMatchObject({ line: 2, reason: 'bad-base64' });

    const file = join(temp.dir, 'big_known_hosts');
    writeFileSync(file, text);
    const check = checkHostKey({ host: 'needle.example.org', port: 22, keyType: ed.keyType, keyBlob: ed.keyBlob }, { userFile: file, readOnlyFiles: [] });
    expect(check.status).toBe('trusted');
    expect(check.status === 'trusted' && check.entry.line).toBe(7_778);
    expect(check.skippedLines.length).toBe(skipped.length);
  });
});

describe('readKnownHostsFile', () => {
  it('treats a missing file as empty and an unreadable one as an error (fail closed)', () => {
    expect(readKnownHostsFile(join(temp.dir, 'absent'))).toEqual({ file: join(temp.dir, 'absent'), entries: [], skipped: [] });
    const folder = join(temp.dir, 'a-folder');
    mkdirSync(folder);
    chmodSync(folder, 0o700);
    expect(() => readKnownHostsFile(folder)).toThrow(AppError);
    try {
      readKnownHostsFile(folder);
    } catch (error) {
      expect((error as AppError).code).toBe('known-hosts-unreadable');
      expect((error as AppError).message).toContain(folder);
    }
  });

  it('reads the key type from a wire-format blob and checks the fields that type has', () => {
    expect(keyBlobType(ed.keyBlob)).toBe('ssh-ed25519');
    expect(keyBlobType(rsa.keyBlob)).toBe('ssh-rsa');
    expect(keyBlobType(ecdsa.keyBlob)).toBe('ecdsa-sha2-nistp256');
    expect(keyBlobType(Buffer.from([0, 0, 0]))).toBeNull();
    expect(keyBlobType(Buffer.from([0xff, 0, 0, 0, 1]))).toBeNull();
    for (const key of [ed, rsa, ecdsa]) {
      expect(isWellFormedKeyBlob(key.keyBlob, key.keyType)).toBe(true);
      expect(isWellFormedKeyBlob(key.keyBlob.subarray(0, key.keyBlob.length - 1), key.keyType)).toBe(false);
      expect(isWellFormedKeyBlob(Buffer.concat([key.keyBlob, Buffer.from([0, 0, 0, 0])]), key.keyType)).toBe(false);
    }
    expect(isWellFormedKeyBlob(ed.keyBlob, 'ssh-rsa')).toBe(false);
    expect(isWellFormedKeyBlob(Buffer.from(futureKeyBase64('ssh-future@example.org'), 'base64'), 'ssh-future@example.org')).toBe(true);
  });
});
