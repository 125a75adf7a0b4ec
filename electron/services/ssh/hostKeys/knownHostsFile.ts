import { AppError } from '../../../../shared/errors';
import { readRegularFile } from '../../fs/readRegularFile';
import { parseHostField, type HostField } from './hostPatterns';
import { isWellFormedKeyBlob } from './publicKeyBlob';

/**
 * Reads OpenSSH known_hosts files (sshd(8) "SSH_KNOWN_HOSTS FILE FORMAT"). Every line is a
 * comment, blank, or `[@marker] hosts keytype base64 [comment]`. A line we cannot read is skipped
 * and reported with its number, never fatal: one bad line must not hide the valid ones below it.
 */
export type KnownHostMarker = 'revoked' | 'cert-authority';

export type KnownHostEntry = {
  file: string;
  /** 1-based, as OpenSSH and editors count. */
  line: number;
  marker: KnownHostMarker | null;
  hosts: HostField;
  /** Where the host field sits in the raw line, so a rewrite can change only that field. */
  hostsStart: number;
  hostsEnd: number;
  keyType: string;
  keyBlob: Buffer;
  comment: string;
};

export type SkipReason =
  | 'bad-marker'
  | 'missing-fields'
  | 'bad-host-hash'
  | 'bad-key-type'
  | 'legacy-rsa1'
  | 'bad-base64'
  | 'bad-key-data';

export type SkippedLine = { file: string; line: number; reason: SkipReason; detail: string };

export type ParsedLine = { kind: 'entry'; entry: KnownHostEntry } | { kind: 'blank' } | { kind: 'skipped'; skipped: SkippedLine };

export type KnownHostsContent = { file: string; entries: KnownHostEntry[]; skipped: SkippedLine[] };

// `hosts keytype base64[ comment]` after any marker, split by spaces or tabs like OpenSSH.
const fieldsPattern = /^([^ \t]+)[ \t]+([^ \t]+)[ \t]+([^ \t]+)(?:[ \t]+(.*))?$/s;
const keyTypePattern = /^[A-Za-z0-9][A-Za-z0-9@._+-]{0,126}$/;
const base64Pattern = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;

/** Parses one line (without its newline). `lineNumber` is 1-based. */
export function parseKnownHostsLine(raw: string, file: string, lineNumber: number): ParsedLine {
  // OpenSSH keeps a CR in the line; its base64 decoder then ignores it. Dropping it is the same.
  const text = raw.endsWith('\r') ? raw.slice(0, -1) : raw;
  const indent = /^[ \t]*/.exec(text)![0].length;
  const body = text.slice(indent);
  if (body === '' || body.startsWith('#')) return { kind: 'blank' };
  const skip = (reason: SkipReason, detail: string): ParsedLine => ({ kind: 'skipped', skipped: { file, line: lineNumber, reason, detail } });

  let rest = body;
  let marker: KnownHostMarker | null = null;
  if (rest.startsWith('@')) {
    const markerMatch = /^@([^ \t]*)[ \t]+/.exec(rest);
    if (!markerMatch) return skip('bad-marker', 'a marker must be followed by the host field');
    if (markerMatch[1] === 'revoked') marker = 'revoked';
    else if (markerMatch[1] === 'cert-authority') marker = 'cert-authority';
    else return skip('bad-marker', `unknown marker @${markerMatch[1]!.slice(0, 32)}`);
    rest = rest.slice(markerMatch[0].length);
    // OpenSSH allows one marker only.
    if (rest.startsWith('@')) return skip('bad-marker', 'more than one marker');
  }
  const fields = fieldsPattern.exec(rest);
  if (!fields) return skip('missing-fields', 'expected [marker] hosts keytype base64key [comment]');
  const [, hostsText, keyType, base64, comment] = fields;
  if (keyType.startsWith('#')) return skip('missing-fields', 'comment where the key type belongs');

  const hosts = parseHostField(hostsText);
  if (!hosts) return skip('bad-host-hash', 'a hashed host must be exactly |1|salt|hash');
  if (/^[0-9]+$/.test(keyType)) return skip('legacy-rsa1', 'SSH protocol 1 keys are not supported');
  if (!keyTypePattern.test(keyType)) return skip('bad-key-type', 'the key type has characters no key type has');
  if (!base64Pattern.test(base64)) return skip('bad-base64', 'the key is not valid base64');
  const keyBlob = Buffer.from(base64, 'base64');
  // Any key type is kept (OpenSSH learns new ones), but the blob must be a whole key of the type
  // the line names: a truncated line must not pass for a different, "changed" key.
  if (!isWellFormedKeyBlob(keyBlob, keyType)) return skip('bad-key-data', `the key data is not a whole ${keyType} key`);

  const hostsStart = text.length - rest.length;
  return {
    kind: 'entry',
    entry: {
      file,
      line: lineNumber,
      marker,
      hosts,
      hostsStart,
      hostsEnd: hostsStart + hostsText.length,
      keyType,
      keyBlob,
      comment: comment ?? '',
    },
  };
}

/** Parses a whole file's text. Never throws: unreadable lines land in `skipped`. */
export function parseKnownHosts(text: string, file: string): KnownHostsContent {
  const entries: KnownHostEntry[] = [];
  const skipped: SkippedLine[] = [];
  const lines = text.split('\n');
  // A final newline ends the last line; it does not start an empty one.
  if (lines.length > 0 && lines[lines.length - 1] === '') lines.pop();
  lines.forEach((raw, index) => {
    const parsed = parseKnownHostsLine(raw, file, index + 1);
    if (parsed.kind === 'entry') entries.push(parsed.entry);
    else if (parsed.kind === 'skipped') skipped.push(parsed.skipped);
  });
  return { file, entries, skipped };
}

/**
 * Reads and parses a file; a missing file is an empty one. Any other read failure throws: a
 * system file we cannot read may hold the @revoked line that should stop this connection.
 */
export function readKnownHostsFile(path: string): KnownHostsContent {
  const read = readRegularFile(path, maxKnownHostsBytes);
  if (read.ok) return parseKnownHosts(read.bytes.toString('utf8'), path);
  if (read.problem === 'unreadable' && (read.code === 'ENOENT' || read.code === 'ENOTDIR')) return { file: path, entries: [], skipped: [] };
  const why = read.problem === 'unreadable' ? read.code : read.problem === 'not-a-file' ? `it is a ${read.kind}, not a regular file` : `it is ${read.size} bytes, over the ${maxKnownHostsBytes}-byte limit`;
  throw new AppError(
    'known-hosts-unreadable',
    `The known hosts file ${path} cannot be read (${why}). Fix it or its permissions; host keys are not checked without it.`,
  );
}

/** Far above any real known_hosts (a line is ~100 bytes); a device or a runaway file is refused. */
export const maxKnownHostsBytes = 64 * 1024 * 1024;
