/** The key type at the start of an SSH wire-format public key (`ssh-ed25519`, `ecdsa-sha2-nistp256`…). */
export function keyTypeOf(blob: Uint8Array): string {
  if (blob.length < 4) return 'unknown';
  const length = ((blob[0]! << 24) | (blob[1]! << 16) | (blob[2]! << 8) | blob[3]!) >>> 0;
  if (length === 0 || length > 64 || 4 + length > blob.length) return 'unknown';
  return new TextDecoder().decode(blob.subarray(4, 4 + length));
}
