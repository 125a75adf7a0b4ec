import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

/**
 * OpenSSH's hashed host names (`HashKnownHosts`, `ssh-keygen -H`): `|1|base64(salt)|base64(hmac)`
 * where hmac = HMAC-SHA1(key = salt, message = the lookup name). Salt and HMAC are both 20 bytes.
 */
export type HashedHostName = { saltBase64: string; hmacBase64: string };

const hashMagic = '|1|';
const sha1Bytes = 20;
// Canonical base64 of 20 bytes: 27 characters, the last with its two low bits zero, then one '='.
// OpenSSH rebuilds the whole field from the decoded salt and compares strings, so any other
// spelling can never match there either. Decoding waits until a lookup needs it: parsing stays fast.
const hashedFieldPattern = /^\|1\|([A-Za-z0-9+/]{26}[AEIMQUYcgkosw048]=)\|([A-Za-z0-9+/]{26}[AEIMQUYcgkosw048]=)$/;

/** Parses a host field that starts with `|`; null when it is not a well-formed `|1|` hash. */
export function parseHashedHostName(field: string): HashedHostName | null {
  const match = hashedFieldPattern.exec(field);
  return match ? { saltBase64: match[1]!, hmacBase64: match[2]! } : null;
}

function hmacOf(name: string, salt: Buffer): Buffer {
  return createHmac('sha1', salt).update(name, 'utf8').digest();
}

/** True when `name` (already a lookup name: lowercase, `[host]:port` off port 22) hashes to this entry. */
export function hashedHostNameMatches(hashed: HashedHostName, name: string): boolean {
  return timingSafeEqual(hmacOf(name, Buffer.from(hashed.saltBase64, 'base64')), Buffer.from(hashed.hmacBase64, 'base64'));
}

/** Hashes a lookup name with a fresh random salt (or a given one, for tests). */
export function hashHostName(name: string, salt: Buffer = randomBytes(sha1Bytes)): string {
  if (salt.length !== sha1Bytes) throw new RangeError(`A known_hosts salt has ${sha1Bytes} bytes`);
  return `${hashMagic}${salt.toString('base64')}|${hmacOf(name, salt).toString('base64')}`;
}
