/**
 * Host-key fingerprints exactly as `ssh-keygen -lf` prints them. Hashing needs a crypto library,
 * so this layer only formats a digest someone else computed: the renderer, the CLI and the main
 * process then show the same string the person's site publishes.
 */

/** The digests OpenSSH offers for fingerprints (`ssh-keygen -E sha256|md5`). */
export type FingerprintAlgorithm = 'SHA256' | 'MD5';

/** `SHA256:` + unpadded base64 of the SHA-256 of the wire-format key: OpenSSH's default since 6.8. */
export type Sha256Fingerprint = `SHA256:${string}`;

/** `MD5:` + colon-separated lowercase hex: the legacy form some sites still publish. */
export type Md5Fingerprint = `MD5:${string}`;

export type HostKeyFingerprint = Sha256Fingerprint | Md5Fingerprint;

/** Computes a digest of the key bytes; supplied by a layer that has crypto (node:crypto in main). */
export type KeyDigest = (algorithm: FingerprintAlgorithm, keyBlob: Uint8Array) => Uint8Array;

const base64Alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';

/** Standard base64 without `=` padding, as OpenSSH prints SHA-256 fingerprints. */
export function base64WithoutPadding(bytes: Uint8Array): string {
  let out = '';
  for (let i = 0; i < bytes.length; i += 3) {
    const a = bytes[i]!;
    const b = i + 1 < bytes.length ? bytes[i + 1]! : 0;
    const c = i + 2 < bytes.length ? bytes[i + 2]! : 0;
    const triple = (a << 16) | (b << 8) | c;
    out += base64Alphabet[(triple >> 18) & 63]! + base64Alphabet[(triple >> 12) & 63]!;
    if (i + 1 < bytes.length) out += base64Alphabet[(triple >> 6) & 63]!;
    if (i + 2 < bytes.length) out += base64Alphabet[triple & 63]!;
  }
  return out;
}

export function formatSha256Fingerprint(sha256Digest: Uint8Array): Sha256Fingerprint {
  if (sha256Digest.length !== 32) throw new RangeError(`A SHA-256 digest has 32 bytes, not ${sha256Digest.length}`);
  return `SHA256:${base64WithoutPadding(sha256Digest)}`;
}

export function formatMd5Fingerprint(md5Digest: Uint8Array): Md5Fingerprint {
  if (md5Digest.length !== 16) throw new RangeError(`An MD5 digest has 16 bytes, not ${md5Digest.length}`);
  return `MD5:${Array.from(md5Digest, (byte) => byte.toString(16).padStart(2, '0')).join(':')}`;
}

export function formatFingerprint(algorithm: FingerprintAlgorithm, digest: Uint8Array): HostKeyFingerprint {
  return algorithm === 'SHA256' ? formatSha256Fingerprint(digest) : formatMd5Fingerprint(digest);
}

/** Fingerprints a key with the given digest function: the one call sites use. */
export function fingerprintWith(digest: KeyDigest, keyBlob: Uint8Array, algorithm: FingerprintAlgorithm = 'SHA256'): HostKeyFingerprint {
  return formatFingerprint(algorithm, digest(algorithm, keyBlob));
}

/**
 * True when `text` has the shape of a fingerprint a person pasted (SHA-256 base64 is
 * case-sensitive, so it is compared as typed; MD5 hex is not).
 */
export function isHostKeyFingerprint(text: string): text is HostKeyFingerprint {
  return /^SHA256:[A-Za-z0-9+/]{43}$/.test(text) || /^MD5:[0-9a-fA-F]{2}(?::[0-9a-fA-F]{2}){15}$/.test(text);
}

/** Compares a pasted fingerprint with a computed one: exact for SHA-256, case-insensitive hex for MD5. */
export function sameFingerprint(a: string, b: string): boolean {
  if (a.startsWith('MD5:') && b.startsWith('MD5:')) return a.toLowerCase() === b.toLowerCase();
  return a === b;
}
