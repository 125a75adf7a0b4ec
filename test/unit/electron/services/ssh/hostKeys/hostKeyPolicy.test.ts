import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { AppError } from '../../../../../../shared/errors';
import { checkHostKey, type HostKeyCheck } from '../../../../../../electron/services/ssh/hostKeys/checkHostKey';
import { sha256Fingerprint } from '../../../../../../electron/services/ssh/hostKeys/hostKeyFingerprint';
import { decideHostKey, forgetHostCommand, trustHostCommand, type HostKeyPolicy } from '../../../../../../electron/services/ssh/hostKeys/hostKeyPolicy';
import { generateKey, knownHostsLine, makeTempDir, type RealKey } from './realKeys';

const temp = makeTempDir('host-key-policy');
afterAll(() => temp.remove());
const presented = generateKey(temp.dir, 'ed25519');
const old = generateKey(temp.dir, 'ed25519', 'ed25519-old');
const rsa = generateKey(temp.dir, 'rsa');
const host = 'hpc.example.org';
const fp = sha256Fingerprint(presented.keyBlob);
const oldFp = sha256Fingerprint(old.keyBlob);

let count = 0;
function checkWith(lines: readonly string[], port = 22, ip?: string, key: RealKey = presented): HostKeyCheck {
  count += 1;
  const userFile = join(temp.dir, `known_hosts_${count}`);
  writeFileSync(userFile, lines.map((line) => `${line}\n`).join(''));
  return checkHostKey({ host, port, keyType: key.keyType, keyBlob: key.keyBlob, ...(ip ? { ip } : {}) }, { userFile, readOnlyFiles: [] });
}

const checks = {
  unknown: checkWith([]),
  trusted: checkWith([knownHostsLine(host, presented)]),
  changed: checkWith(['# a comment', knownHostsLine(host, old)]),
  revoked: checkWith([knownHostsLine(host, presented), knownHostsLine('*', presented, '@revoked')]),
} satisfies Record<HostKeyCheck['status'], HostKeyCheck>;
const policies: HostKeyPolicy[] = ['auto', 'warn', 'reject', 'ask'];

describe('decideHostKey: every policy × every status', () => {
  it('classifies the fixtures as intended', () => {
    expect(Object.entries(checks).map(([name, check]) => [name, check.status])).toEqual(Object.keys(checks).map((name) => [name, name]));
  });

  it.each(policies)('%s: a trusted key is accepted without saving, with the line it matched', (policy) => {
    for (const canAsk of [true, false]) {
      const decision = decideHostKey(checks.trusted, policy, { canAsk });
      expect(decision).toEqual({ action: 'accept', save: false, audit: expect.stringContaining(`${checks.trusted.status === 'trusted' && checks.trusted.entry.file}:1`) });
    }
  });

  it.each(policies)('%s: a changed key is refused, alarming and precise, whatever the policy', (policy) => {
    for (const canAsk of [true, false]) {
      const decision = decideHostKey(checks.changed, policy, { canAsk });
      if (decision.action !== 'refuse') throw new Error(`expected a refusal, got ${decision.action}`);
      expect(decision.code).toBe('host-key-changed');
      expect(decision.error).toBeInstanceOf(AppError);
      expect(decision.error.code).toBe('host-key-changed');
      expect(decision.error.message).toBe(decision.message);
      const file = checks.changed.status === 'changed' ? checks.changed.known[0]!.file : '';
      for (const part of [
        'HAS CHANGED',
        'hpc.example.org:22',
        'ssh-ed25519',
        `Known: ssh-ed25519 ${oldFp} in ${file}:2`,
        `Presented: ssh-ed25519 ${fp}`,
        `Remove the old key only after confirming the change with your site: slurmdesk hosts forget hpc.example.org:22`,
      ]) {
        expect(decision.message).toContain(part);
      }
      expect(decision.audit).toContain('refused changed');
    }
  });

  it.each(policies)('%s: a revoked key is refused whatever the policy', (policy) => {
    for (const canAsk of [true, false]) {
      const decision = decideHostKey(checks.revoked, policy, { canAsk });
      if (decision.action !== 'refuse') throw new Error(`expected a refusal, got ${decision.action}`);
      expect(decision.code).toBe('host-key-revoked');
      expect(decision.error.code).toBe('host-key-revoked');
      expect(decision.message).toMatch(/REVOKED HOST KEY: hpc\.example\.org:22 presented the ssh-ed25519 host key SHA256:\S+, which is marked @revoked in \S+:2/);
      expect(decision.message).toContain(fp);
    }
  });

  it('unknown under auto: accepted and saved', () => {
    expect(decideHostKey(checks.unknown, 'auto', { canAsk: true })).toEqual({ action: 'accept', save: true, audit: expect.stringContaining(fp) });
    expect(decideHostKey(checks.unknown, 'auto', { canAsk: false })).toMatchObject({ action: 'accept', save: true });
  });

  it('unknown under warn: accepted, not saved, and the audit line says it was not verified', () => {
    const decision = decideHostKey(checks.unknown, 'warn', { canAsk: false });
    expect(decision).toMatchObject({ action: 'accept', save: false });
    expect(decision.action === 'accept' && decision.audit).toMatch(/^WARNING: .*not verified/);
  });

  it('unknown under reject: refused, saying how to verify and trust it', () => {
    const decision = decideHostKey(checks.unknown, 'reject', { canAsk: true });
    expect(decision).toMatchObject({ action: 'refuse', code: 'host-key-unknown' });
    expect(decision.action === 'refuse' && decision.message).toBe(
      `The host key of hpc.example.org:22 is not known. Verify its fingerprint ${fp} (ssh-ed25519) with your site and trust it with: ` +
        `slurmdesk hosts trust hpc.example.org:22 --fingerprint ${fp}`,
    );
  });

  it('unknown under ask: a prompt when someone can answer, the reject instruction when no one can', () => {
    expect(decideHostKey(checks.unknown, 'ask', { canAsk: true })).toEqual({ action: 'prompt', warnings: [] });
    const headless = decideHostKey(checks.unknown, 'ask', { canAsk: false });
    expect(headless).toMatchObject({ action: 'refuse', code: 'host-key-unknown' });
    expect(headless.action === 'refuse' && headless.message).toContain(trustHostCommand(host, 22, fp));
  });
});

describe('decideHostKey: unknown keys that deserve a person', () => {
  const otherTypes = checkWith([knownHostsLine(host, rsa)]);
  const ipMismatch = checkWith([knownHostsLine(host, presented), knownHostsLine('10.0.0.7', old)], 22, '10.0.0.7');

  it.each(['auto', 'warn', 'reject'] as const)('%s: a new key type for a known host is never accepted silently', (policy) => {
    const decision = decideHostKey(otherTypes, policy, { canAsk: true });
    expect(decision).toMatchObject({ action: 'refuse', code: 'host-key-unknown' });
    expect(decision.action === 'refuse' && decision.message).toContain('keys of another type are already known');
    expect(decision.action === 'refuse' && decision.message).toContain(`ssh-rsa ${sha256Fingerprint(rsa.keyBlob)}`);
  });

  it('ask: a new key type is put to the person with the warning, refused headless', () => {
    const prompt = decideHostKey(otherTypes, 'ask', { canAsk: true });
    expect(prompt.action === 'prompt' && prompt.warnings[0]).toContain('OpenSSH treats this as a changed key');
    expect(decideHostKey(otherTypes, 'ask', { canAsk: false })).toMatchObject({ action: 'refuse', code: 'host-key-unknown' });
  });

  it.each(policies)('%s: a trusted name whose address holds another key is not accepted silently (CheckHostIP)', (policy) => {
    const decision = decideHostKey(ipMismatch, policy, { canAsk: true });
    if (policy === 'ask') {
      expect(decision.action === 'prompt' && decision.warnings[0]).toContain('DNS spoofing');
      return;
    }
    expect(decision).toMatchObject({ action: 'refuse', code: 'host-key-changed' });
    expect(decision.action === 'refuse' && decision.message).toContain(forgetHostCommand('10.0.0.7', 22));
  });

  it('says when a CA is trusted for the host but a plain key was presented', () => {
    const caOnly = checkWith([knownHostsLine('*.example.org', presented, '@cert-authority')]);
    const decision = decideHostKey(caOnly, 'reject', { canAsk: false });
    expect(decision.action === 'refuse' && decision.message).toContain('which a CA line never vouches for');
    expect(decideHostKey(caOnly, 'auto', { canAsk: false })).toMatchObject({ action: 'accept', save: true });
  });

  it('spells IPv6 hosts and odd ports in commands the CLI can parse back', () => {
    expect(trustHostCommand('::1', 2222, fp)).toBe(`slurmdesk hosts trust [::1]:2222 --fingerprint ${fp}`);
    expect(forgetHostCommand('hpc.example.org', 2222)).toBe('slurmdesk hosts forget hpc.example.org:2222');
  });
});
