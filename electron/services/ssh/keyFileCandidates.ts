import { readdirSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import ssh2 from 'ssh2';
import { readRegularFile } from '../fs/readRegularFile';

// ssh2 is CommonJS: its named exports exist only on the default export once bundled as ESM.
const { utils } = ssh2;

export type KeyFileCandidate = {
  /** As a profile stores it: `~/.ssh/NAME`. */
  path: string;
  keyType: string;
  encrypted: boolean;
  comment: string;
};

/** A private key file is small; anything bigger is not one, and is not read whole. */
export const maxKeyFileBytes = 64 * 1024;

/**
 * The private keys in ~/.ssh a profile could use, for the key-file picker: what `ssh` would find
 * there, not a general file browser. Only the type, comment and whether a passphrase protects it
 * leave this function — never key material.
 */
export function keyFileCandidates(home: string = homedir()): KeyFileCandidate[] {
  const folder = join(home, '.ssh');
  let names: string[];
  try {
    names = readdirSync(folder);
  } catch {
    return [];
  }
  const found: KeyFileCandidate[] = [];
  for (const name of names.sort()) {
    if (name.endsWith('.pub') || name.startsWith('known_hosts') || name === 'config' || name === 'authorized_keys') continue;
    const file = join(folder, name);
    try {
      const read = readRegularFile(file, maxKeyFileBytes);
      if (!read.ok) continue;
      const text = read.bytes;
      if (!/PRIVATE KEY-----/.test(text.toString('latin1'))) continue;
      const parsed = utils.parseKey(text);
      const encrypted = parsed instanceof Error && /encrypted|passphrase/i.test(parsed.message);
      if (parsed instanceof Error && !encrypted) continue;
      const key = Array.isArray(parsed) ? parsed[0] : parsed;
      const publicLine = readPublicLine(`${file}.pub`);
      found.push({
        path: `~/.ssh/${name}`,
        keyType: key && !(key instanceof Error) ? key.type : (publicLine?.[0] ?? 'encrypted key'),
        encrypted,
        comment: key && !(key instanceof Error) && key.comment ? key.comment : (publicLine?.slice(2).join(' ') ?? ''),
      });
    } catch {
      // Unreadable or vanished while listing: not a candidate.
    }
  }
  return found;
}

function readPublicLine(file: string): string[] | null {
  try {
    const read = readRegularFile(file, maxKeyFileBytes);
    return read.ok ? read.bytes.toString('utf8').trim().split(/\s+/) : null;
  } catch {
    return null;
  }
}
