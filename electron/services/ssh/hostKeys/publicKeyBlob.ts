/**
 * The SSH wire format of a public key (RFC 4253 §6.6, RFC 5656, RFC 8709): a type name, then
 * length-prefixed fields. Checking the shape drops a truncated or corrupted known_hosts line, as
 * OpenSSH's key parser does, instead of reporting a "changed" key that is only a broken line.
 */
const keyTypeName = /^[A-Za-z0-9][A-Za-z0-9@._+-]{0,126}$/;

type Field = { start: number; length: number };

/** Where each uint32-length-prefixed field lies; null when a length runs past the end. */
function readFields(blob: Buffer): Field[] | null {
  const fields: Field[] = [];
  let offset = 0;
  while (offset < blob.length) {
    if (offset + 4 > blob.length) return null;
    const length = blob.readUInt32BE(offset);
    offset += 4;
    if (length > blob.length - offset) return null;
    fields.push({ start: offset, length });
    offset += length;
  }
  return fields;
}

/** The type name every wire-format public key starts with; null when the blob does not start with one. */
export function keyBlobType(blob: Buffer): string | null {
  if (blob.length < 5) return null;
  const length = blob.readUInt32BE(0);
  if (length === 0 || length > 127 || 4 + length >= blob.length) return null;
  const type = blob.toString('latin1', 4, 4 + length);
  return keyTypeName.test(type) ? type : null;
}

// Uncompressed EC point sizes per curve (0x04 || X || Y).
const ecPointBytes: Record<string, number> = { nistp256: 65, nistp384: 97, nistp521: 133 };

function isEcdsaPoint(blob: Buffer, curveField: Field | undefined, point: Field | undefined, curve: string): boolean {
  if (!curveField || !point) return false;
  const curveName = blob.toString('latin1', curveField.start, curveField.start + curveField.length);
  return curveName === curve && point.length === ecPointBytes[curve] && blob[point.start] === 4;
}

/**
 * True when `blob` is a public key of type `keyType` with the fields that type has. Types we do
 * not know (OpenSSH adds some now and then) only need to be a clean run of length-prefixed fields.
 */
export function isWellFormedKeyBlob(blob: Buffer, keyType: string): boolean {
  if (keyBlobType(blob) !== keyType) return false;
  // Certificates carry fixed-size integers between their fields; their own parser checks them.
  if (keyType.endsWith('-cert-v01@openssh.com')) return true;
  const fields = readFields(blob);
  if (!fields) return false;
  const [, a, b, c, d] = fields;
  const ecdsa = /^ecdsa-sha2-(nistp256|nistp384|nistp521)$/.exec(keyType);
  if (ecdsa) return fields.length === 3 && isEcdsaPoint(blob, a, b, ecdsa[1]!);
  switch (keyType) {
    case 'ssh-ed25519':
      return fields.length === 2 && a!.length === 32;
    case 'sk-ssh-ed25519@openssh.com':
      return fields.length === 3 && a!.length === 32 && c!.length > 0;
    case 'sk-ecdsa-sha2-nistp256@openssh.com':
      return fields.length === 4 && isEcdsaPoint(blob, a, b, 'nistp256') && d!.length > 0;
    case 'ssh-rsa':
      // e and n as mpints: non-empty, and n at least 1024 bits (OpenSSH refuses smaller ones).
      return fields.length === 3 && a!.length > 0 && b!.length >= 128;
    case 'ssh-dss':
      return fields.length === 5 && [a, b, c, d].every((field) => field!.length > 0);
    default:
      return fields.length >= 2;
  }
}
