import { createHash } from 'node:crypto';
import {
  formatMd5Fingerprint,
  formatSha256Fingerprint,
  type FingerprintAlgorithm,
  type KeyDigest,
  type Md5Fingerprint,
  type Sha256Fingerprint,
} from '../../../../shared/ssh/fingerprint';

/** node:crypto behind the shared formatting, so every layer prints the same string. */
export const nodeKeyDigest: KeyDigest = (algorithm: FingerprintAlgorithm, keyBlob: Uint8Array) =>
  createHash(algorithm === 'SHA256' ? 'sha256' : 'md5').update(keyBlob).digest();

/** `SHA256:…` exactly as `ssh-keygen -lf` prints it for this wire-format public key. */
export function sha256Fingerprint(keyBlob: Uint8Array): Sha256Fingerprint {
  return formatSha256Fingerprint(nodeKeyDigest('SHA256', keyBlob));
}

/** `MD5:aa:bb:…` exactly as `ssh-keygen -E md5 -lf` prints it. */
export function md5Fingerprint(keyBlob: Uint8Array): Md5Fingerprint {
  return formatMd5Fingerprint(nodeKeyDigest('MD5', keyBlob));
}
