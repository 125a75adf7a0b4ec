import { homedir } from 'node:os';
import { join } from 'node:path';
import { AppError } from '../../../../shared/errors';
import type { Sha256Fingerprint } from '../../../../shared/ssh/fingerprint';
import { sha256Fingerprint } from './hostKeyFingerprint';
import { isWellFormedKeyBlob } from './publicKeyBlob';
import { hostFieldMatches, knownHostsName } from './hostPatterns';
import { readKnownHostsFile, type KnownHostEntry, type SkippedLine } from './knownHostsFile';

/**
 * Decides what the known_hosts files say about a presented host key, the way OpenSSH's
 * check_host_key() does, before any credential is sent. Deciding what to *do* about it is
 * hostKeyPolicy.ts; this file only reads.
 */
export type HostKeyTarget = {
  host: string;
  port: number;
  /** The type name inside the blob (`ssh-ed25519`, `ssh-rsa`, `ecdsa-sha2-nistp256`…). */
  keyType: string;
  /** The wire-format public key the server presented. */
  keyBlob: Buffer;
  /** The address connected to, for OpenSSH's CheckHostIP: its key must agree with the name's. */
  ip?: string;
};

/** The user file is read and written; the others (system-wide, `known_hosts2`) are only read. */
export type KnownHostsFiles = { userFile: string; readOnlyFiles: readonly string[] };

/** OpenSSH's defaults for UserKnownHostsFile and GlobalKnownHostsFile. */
export function defaultKnownHostsFiles(home: string = homedir()): KnownHostsFiles {
  return {
    userFile: join(home, '.ssh', 'known_hosts'),
    readOnlyFiles: [join(home, '.ssh', 'known_hosts2'), '/etc/ssh/ssh_known_hosts', '/etc/ssh/ssh_known_hosts2'],
  };
}

/** A key some line holds, as the person needs to see it: what, which fingerprint, where. */
export type KnownKey = { keyType: string; fingerprint: Sha256Fingerprint; file: string; line: number };

/** Another line carrying the presented key under a name that is not this host. */
export type AlsoKnownAs = { hosts: string; file: string; line: number };

export type IpKeyCheck = { address: string; name: string; status: 'trusted' | 'unknown' | 'changed'; known: KnownKey[] };

type HostKeyCheckCommon = {
  host: string;
  port: number;
  /** What was looked up: `host` on port 22, `[host]:port` otherwise. */
  name: string;
  keyType: string;
  fingerprint: Sha256Fingerprint;
  /** @cert-authority lines for this host: they vouch for certificates only, never for a plain key. */
  caOnly: KnownKey[];
  /** Lines of the files that were unreadable and ignored, for diagnostics. */
  skippedLines: SkippedLine[];
  ip?: IpKeyCheck;
};

export type HostKeyCheck = HostKeyCheckCommon &
  (
    | { status: 'trusted'; entry: KnownHostEntry; /** The name that matched: `host` when OpenSSH's port-less fallback found it. */ matchedName: string }
    | {
        status: 'unknown';
        /** OpenSSH's "known by the following other names": `[hashed name]` for hashed ones. */
        alsoKnownAs: string[];
        alsoKnownAt: AlsoKnownAs[];
        /** Keys of other types already known for this host: presented type is new, which deserves a warning. */
        otherKeyTypes: KnownKey[];
      }
    | { status: 'changed'; known: KnownKey[] }
    | { status: 'revoked'; entry: KnownHostEntry }
  );

export type HostKeyStatus = HostKeyCheck['status'];

function knownKey(entry: KnownHostEntry): KnownKey {
  return { keyType: entry.keyType, fingerprint: sha256Fingerprint(entry.keyBlob), file: entry.file, line: entry.line };
}

function sameKey(entry: KnownHostEntry, keyType: string, keyBlob: Buffer): boolean {
  return entry.keyType === keyType && entry.keyBlob.equals(keyBlob);
}

type NameLookup = { match: KnownHostEntry | null; sameType: KnownHostEntry[]; otherType: KnownHostEntry[] };

/** Plain-key lines for one name: the first with this very key, else those of the same and of other types. */
function lookUpName(entries: readonly KnownHostEntry[], name: string, keyType: string, keyBlob: Buffer): NameLookup {
  const found: NameLookup = { match: null, sameType: [], otherType: [] };
  for (const entry of entries) {
    if (entry.marker !== null || !hostFieldMatches(entry.hosts, name)) continue;
    // Like OpenSSH, one matching line trusts the key even when others for this host differ.
    if (sameKey(entry, keyType, keyBlob)) return { ...found, match: entry };
    (entry.keyType === keyType ? found.sameType : found.otherType).push(entry);
  }
  return found;
}

function validateTarget(target: HostKeyTarget): void {
  const where = `${target.host}:${target.port}`;
  if (!target.host || /[\s,]/.test(target.host)) throw new AppError('invalid-host', `"${target.host}" is not a host name known_hosts can hold.`);
  if (!Number.isInteger(target.port) || target.port < 1 || target.port > 65535) {
    throw new AppError('invalid-host', `Port ${target.port} of ${target.host} is not a TCP port (1-65535).`);
  }
  if (!isWellFormedKeyBlob(target.keyBlob, target.keyType)) {
    throw new AppError('host-key-malformed', `The host key presented by ${where} is not a well-formed ${target.keyType} key.`);
  }
}

/** Reads the files and classifies the presented key; throws AppError only for unusable input or files. */
export function checkHostKey(target: HostKeyTarget, files: KnownHostsFiles): HostKeyCheck {
  validateTarget(target);
  const { host, port, keyType, keyBlob } = target;
  const contents = [files.userFile, ...files.readOnlyFiles].map(readKnownHostsFile);
  const entries = contents.flatMap((content) => content.entries);
  const name = knownHostsName(host, port);
  const common: HostKeyCheckCommon = {
    host,
    port,
    name,
    keyType,
    fingerprint: sha256Fingerprint(keyBlob),
    caOnly: entries.filter((entry) => entry.marker === 'cert-authority' && hostFieldMatches(entry.hosts, name)).map(knownKey),
    skippedLines: contents.flatMap((content) => content.skipped),
  };
  if (target.ip !== undefined && target.ip !== host) common.ip = checkIp(entries, target.ip, port, keyType, keyBlob);

  // A revoked key is refused for every host: a key revoked anywhere is a stolen key. (OpenSSH
  // only consults @revoked lines whose patterns match; `@revoked *` is the usual spelling anyway.)
  const revoked = entries.find((entry) => entry.marker === 'revoked' && entry.keyBlob.equals(keyBlob));
  if (revoked) return { ...common, status: 'revoked', entry: revoked };

  const lookup = lookUpName(entries, name, keyType, keyBlob);
  if (lookup.match) return { ...common, status: 'trusted', entry: lookup.match, matchedName: name };
  if (lookup.sameType.length > 0) return { ...common, status: 'changed', known: lookup.sameType.map(knownKey) };

  // OpenSSH: a host new on a non-standard port is trusted when its bare name already holds this
  // very key ("found matching key w/out port"); a different key there changes nothing.
  if (port !== 22 && lookup.otherType.length === 0) {
    const portless = lookUpName(entries, knownHostsName(host, 22), keyType, keyBlob);
    if (portless.match) return { ...common, status: 'trusted', entry: portless.match, matchedName: knownHostsName(host, 22) };
  }

  const others = entries.filter((entry) => entry.marker === null && sameKey(entry, keyType, keyBlob) && !hostFieldMatches(entry.hosts, name));
  const alsoKnownAt = others.map((entry) => ({ hosts: entry.hosts.kind === 'hashed' ? '[hashed name]' : entry.hosts.text, file: entry.file, line: entry.line }));
  return {
    ...common,
    status: 'unknown',
    alsoKnownAs: [...new Set(alsoKnownAt.map((other) => other.hosts))],
    alsoKnownAt,
    otherKeyTypes: lookup.otherType.map(knownKey),
  };
}

/** CheckHostIP: the address's own lines, judged like the name's. */
function checkIp(entries: readonly KnownHostEntry[], address: string, port: number, keyType: string, keyBlob: Buffer): IpKeyCheck {
  const name = knownHostsName(address, port);
  const lookup = lookUpName(entries, name, keyType, keyBlob);
  if (lookup.match) return { address, name, status: 'trusted', known: [knownKey(lookup.match)] };
  if (lookup.sameType.length > 0) return { address, name, status: 'changed', known: lookup.sameType.map(knownKey) };
  return { address, name, status: 'unknown', known: lookup.otherType.map(knownKey) };
}
