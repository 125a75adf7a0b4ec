import { createHash, randomBytes } from 'node:crypto';
import { afterAll, describe, expect, it } from 'vitest';
import { md5Fingerprint, sha256Fingerprint } from '../../../../../../electron/services/ssh/hostKeys/hostKeyFingerprint';
import {
  base64WithoutPadding,
  formatMd5Fingerprint,
  formatSha256Fingerprint,
  isHostKeyFingerprint,
  sameFingerprint,
} from '../../../../../../shared/ssh/fingerprint';
import { generateKey, keygenFingerprint, makeTempDir, type KeyAlgorithm } from './realKeys';

const temp = makeTempDir('fingerprint');
afterAll(() => temp.remove());

describe('host key fingerprints', () => {
  it.each<KeyAlgorithm>(['ed25519', 'rsa', 'ecdsa'])('%s: SHA256 and MD5 equal what ssh-keygen -lf prints', (algorithm) => {
    const key = generateKey(temp.dir, algorithm);
    expect(sha256Fingerprint(key.keyBlob)).toBe(keygenFingerprint(key.pubPath));
    expect(md5Fingerprint(key.keyBlob)).toBe(keygenFingerprint(key.pubPath, 'md5'));
    expect(sha256Fingerprint(key.keyBlob)).toMatch(/^SHA256:[A-Za-z0-9+/]{43}$/);
  });

  it('formats a digest without padding, and refuses a digest of the wrong size', () => {
    const emptySha256 = createHash('sha256').digest();
    expect(formatSha256Fingerprint(emptySha256)).toBe('SHA256:47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU');
    expect(formatMd5Fingerprint(createHash('md5').digest())).toBe('MD5:d4:1d:8c:d9:8f:00:b2:04:e9:80:09:98:ec:f8:42:7e');
    expect(() => formatSha256Fingerprint(new Uint8Array(20))).toThrow(RangeError);
    expect(() => formatMd5Fingerprint(new Uint8Array(32))).toThrow(RangeError);
  });

  it('pure base64 agrees with Node for every length', () => {
    for (let length = 0; length < 70; length += 1) {
      const bytes = randomBytes(length);
      expect(base64WithoutPadding(bytes)).toBe(bytes.toString('base64').replace(/=+$/, ''));
    }
  });

  it('recognizes pasted fingerprints and compares them as OpenSSH prints them', () => {
    const key = sha256Fingerprint(randomBytes(40));
    expect(isHostKeyFingerprint(key)).toBe(true);
    expect(isHostKeyFingerprint('SHA256:short')).toBe(false);
    expect(isHostKeyFingerprint('MD5:D4:1d:8c:d9:8f:00:b2:04:e9:80:09:98:ec:f8:42:7e')).toBe(true);
    expect(sameFingerprint(key, key)).toBe(true);
    expect(sameFingerprint(key, key.toLowerCase())).toBe(false);
    expect(sameFingerprint('MD5:AA:bb', 'MD5:aa:BB')).toBe(true);
  });
});
