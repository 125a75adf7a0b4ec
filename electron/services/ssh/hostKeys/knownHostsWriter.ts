import { randomBytes } from 'node:crypto';
import { closeSync, existsSync, fchmodSync, fsyncSync, mkdirSync, openSync, realpathSync, renameSync, rmSync, statSync, writeSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { AppError } from '../../../../shared/errors';
import { withFileLock } from '../../jobs/fileLock';
import { checkHostKey, type KnownHostsFiles } from './checkHostKey';
import { hashHostName } from './hashedHostNames';
import { describeKnown, forgetHostCommand, HostKeyErrorCode } from './hostKeyPolicy';
import { HostKeyRefusedError } from './hostKeyRefusal';
import { isWellFormedKeyBlob } from './publicKeyBlob';
import { hostFieldMatches, hostPortLabel, knownHostsName, matchPatternList } from './hostPatterns';
import { readRegularFile } from '../../fs/readRegularFile';
import { maxKnownHostsBytes, parseKnownHosts, parseKnownHostsLine, type KnownHostEntry } from './knownHostsFile';

/**
 * Changes the user's known_hosts the way OpenSSH and `ssh-keygen -R` do, but atomically: the
 * new content goes to a temporary file that is synced and renamed over the old, so a crash leaves
 * the old file or the new one, never half of each. A lock keeps the app and the CLI from undoing
 * each other's change.
 */
export type NewKnownHost = { host: string; port: number; keyType: string; keyBlob: Buffer; ip?: string };

export type AddKnownHostResult = { file: string; written: boolean; hashed: boolean; lines: string[] };

export type RemoveKnownHostResult = {
  file: string;
  /** Line numbers (of the file before the change) that were deleted. */
  removed: number[];
  /** Lines that named other hosts too: only this host's name was taken out of them. */
  edited: number[];
  /** Wildcard lines that still match this host: only a person should widen or narrow those. */
  stillMatching: { hosts: string; line: number }[];
};

// OpenSSH refuses to record names holding these (sshconnect.c); commas and blanks split fields.
const unrecordableHost = /[@?*#[\]|'"\\!,\s]/;

function assertRecordable(target: NewKnownHost): void {
  for (const host of [target.host, ...(target.ip === undefined ? [] : [target.ip])]) {
    if (!host || unrecordableHost.test(host) || host.startsWith('-')) {
      throw new AppError('invalid-host', `"${host}" cannot be written to known_hosts: it is not a plain host name or address.`);
    }
  }
  if (!Number.isInteger(target.port) || target.port < 1 || target.port > 65535) {
    throw new AppError('invalid-host', `Port ${target.port} of ${target.host} is not a TCP port (1-65535).`);
  }
  if (!isWellFormedKeyBlob(target.keyBlob, target.keyType)) {
    throw new AppError('host-key-malformed', `The key to trust for ${target.host}:${target.port} is not a well-formed ${target.keyType} key.`);
  }
}

/** The file's real path (a symlinked known_hosts stays a symlink), or the path itself when absent. */
function resolveTarget(path: string): string {
  try {
    return realpathSync(path);
  } catch {
    return path;
  }
}

function readIfPresent(path: string): { text: string; mode: number } | null {
  const read = readRegularFile(path, maxKnownHostsBytes);
  if (read.ok) return { text: read.bytes.toString('utf8'), mode: statSync(path).mode & 0o7777 };
  if (read.problem === 'unreadable' && read.code === 'ENOENT') return null;
  const why = read.problem === 'unreadable' ? read.code : read.problem === 'not-a-file' ? `it is a ${read.kind}, not a regular file` : `it is ${read.size} bytes`;
  throw new AppError('known-hosts-unreadable', `The known hosts file ${path} cannot be read (${why}).`);
}

/** Write to a temp file beside the target, fsync, rename over it, then fsync the folder. */
export function writeFileAtomically(path: string, text: string, mode: number): void {
  const temp = join(dirname(path), `.${basename(path)}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`);
  const fd = openSync(temp, 'wx', 0o600);
  let open = true;
  try {
    fchmodSync(fd, mode); // open()'s mode is filtered by the umask; the old mode is kept as it was
    writeSync(fd, text);
    fsyncSync(fd);
    closeSync(fd);
    open = false;
    renameSync(temp, path);
  } catch (error) {
    if (open) closeSync(fd);
    rmSync(temp, { force: true });
    throw error;
  }
  try {
    const dirFd = openSync(dirname(path), 'r');
    try {
      fsyncSync(dirFd);
    } finally {
      closeSync(dirFd);
    }
  } catch {
    // Some filesystems refuse fsync on a directory; the rename is already durable enough there.
  }
}

function withKnownHostsLock<T>(file: string, action: () => T): T {
  return withFileLock(`${file}.slurmdesk-lock`, action);
}

/** OpenSSH's HashKnownHosts inferred from the file: every plain-key line in it is hashed. */
export function isHashedFile(entries: readonly KnownHostEntry[]): boolean {
  const plain = entries.filter((entry) => entry.marker === null);
  return plain.length > 0 && plain.every((entry) => entry.hosts.kind === 'hashed');
}

/**
 * Any one matching line trusts a host, so a key written beside a different one of the same type
 * would make the old key and the new one both good: a changed key would be accepted after all.
 * So every writer (trust by fingerprint, the `auto` policy, a person's answer to a prompt) is
 * refused here, under the lock, when a file already holds another key of this type for the name,
 * or the key is @revoked: the old entry has to be forgotten first, as for `ssh`. A key of another
 * type beside the known ones is what OpenSSH warns about and then records (servers have several
 * host keys); the policies decide about that warning before anything comes here.
 */
function refuseBesideDifferentKey(target: NewKnownHost, hosts: readonly string[], files: KnownHostsFiles): void {
  for (const host of hosts) {
    const check = checkHostKey({ host, port: target.port, keyType: target.keyType, keyBlob: target.keyBlob }, files);
    const label = hostPortLabel(host, target.port);
    const problem = { host, port: target.port, keyType: target.keyType, presented: check.fingerprint };
    if (check.status === 'revoked') {
      const at = `${check.entry.file}:${check.entry.line}`;
      throw new HostKeyRefusedError(
        HostKeyErrorCode.revoked,
        `Nothing was trusted: the ${target.keyType} key ${check.fingerprint} offered for ${label} is marked @revoked in ${at}. ` +
          'A revoked key may be a stolen one used to impersonate this host. Ask your site for the host’s current key; do not remove the @revoked line.',
        { ...problem, kind: 'revoked', known: [{ keyType: check.entry.keyType, fingerprint: check.fingerprint, file: check.entry.file, line: check.entry.line }] },
      );
    }
    if (check.status === 'changed') {
      throw new HostKeyRefusedError(
        HostKeyErrorCode.changed,
        `Nothing was trusted: THE HOST KEY OF ${label} HAS CHANGED. The files already hold ${describeKnown(check.known)}; the key offered is ${target.keyType} ${check.fingerprint}. ` +
          'Both would be trusted side by side, so the new key is not added. Someone could be intercepting the connection, or the host’s key was replaced: ' +
          `only after your site confirms the change, forget the old key (${forgetHostCommand(host, target.port)}, or Settings → Host keys) and trust the new one.`,
        { ...problem, kind: 'changed', known: check.known },
      );
    }
  }
}

/**
 * Appends the key for `host` (and `ip`, as OpenSSH's CheckHostIP records it) to the user file,
 * creating `~/.ssh` as 0700 and the file as 0600 when missing. Hashes names when asked, or when
 * the file is already hashed and `hash` is not false. Does nothing when the line is already there;
 * refuses when a different key of this type is known for the host (or the key is revoked). A bare
 * path is the user file alone; pass every file the check reads (the system file too) where known.
 */
export function addKnownHost(target: NewKnownHost, knownHosts: KnownHostsFiles | string, options: { hash?: boolean } = {}): AddKnownHostResult {
  assertRecordable(target);
  const files = typeof knownHosts === 'string' ? { userFile: knownHosts, readOnlyFiles: [] } : knownHosts;
  const file = resolveTarget(files.userFile);
  mkdirSync(dirname(file), { recursive: true, mode: 0o700 });
  return withKnownHostsLock(file, () => {
    const hosts = [target.host, ...(target.ip !== undefined && target.ip !== target.host ? [target.ip] : [])];
    refuseBesideDifferentKey(target, hosts, { userFile: file, readOnlyFiles: files.readOnlyFiles });
    const existing = readIfPresent(file);
    const content = parseKnownHosts(existing?.text ?? '', file);
    const hashed = options.hash ?? isHashedFile(content.entries);
    const names = [knownHostsName(target.host, target.port)];
    if (target.ip !== undefined && target.ip !== target.host) names.push(knownHostsName(target.ip, target.port));
    const missing = names.filter(
      (name) => !content.entries.some((entry) => entry.marker === null && hostFieldMatches(entry.hosts, name) && entry.keyBlob.equals(target.keyBlob)),
    );
    if (missing.length === 0) return { file, written: false, hashed, lines: [] };

    const key = `${target.keyType} ${target.keyBlob.toString('base64')}`;
    // Hashed names go one per line (a hashed field holds exactly one name); plain ones share a line.
    const lines = hashed ? missing.map((name) => `${hashHostName(name)} ${key}`) : [`${missing.join(',')} ${key}`];
    const before = existing?.text ?? '';
    const separator = before === '' || before.endsWith('\n') ? '' : '\n';
    writeFileAtomically(file, `${before}${separator}${lines.join('\n')}\n`, existing?.mode ?? 0o600);
    return { file, written: true, hashed, lines };
  });
}

/**
 * Forgets `host` on `port` like `ssh-keygen -R`: deletes its plain and hashed lines and keeps
 * every other byte (comments, unreadable lines, other hosts, @revoked and @cert-authority lines).
 * Unlike ssh-keygen, a line that also names other hosts keeps them, and a wildcard line is
 * reported rather than deleted, so forgetting one host never forgets another.
 */
export function removeKnownHost(host: string, port: number, userFile: string): RemoveKnownHostResult {
  const file = resolveTarget(userFile);
  const name = knownHostsName(host, port);
  const result: RemoveKnownHostResult = { file, removed: [], edited: [], stillMatching: [] };
  if (!existsSync(dirname(file))) return result;
  return withKnownHostsLock(file, () => {
    const existing = readIfPresent(file);
    if (!existing) return result;
    // Split keeping each line's terminator so untouched lines are copied byte for byte.
    const lines = existing.text.match(/[^\n]*\n|[^\n]+$/g) ?? [];
    const kept = lines.flatMap((rawLine, index) => {
      const body = rawLine.endsWith('\n') ? rawLine.slice(0, -1) : rawLine;
      const parsed = parseKnownHostsLine(body, file, index + 1);
      if (parsed.kind !== 'entry' || parsed.entry.marker !== null) return [rawLine];
      const { entry } = parsed;
      if (entry.hosts.kind === 'hashed') {
        if (!hostFieldMatches(entry.hosts, name)) return [rawLine];
        result.removed.push(entry.line);
        return [];
      }
      const patterns = entry.hosts.patterns;
      if (matchPatternList(patterns, name) !== 'positive') return [rawLine];
      const rest = patterns.filter((pattern) => pattern.negated || !pattern.literal || pattern.glob !== name);
      if (rest.length === patterns.length) {
        result.stillMatching.push({ hosts: entry.hosts.text, line: entry.line });
        return [rawLine];
      }
      if (!rest.some((pattern) => !pattern.negated)) {
        result.removed.push(entry.line);
        return [];
      }
      result.edited.push(entry.line);
      if (matchPatternList(rest, name) === 'positive') result.stillMatching.push({ hosts: entry.hosts.text, line: entry.line });
      const field = rest.map((pattern) => (pattern.negated ? `!${pattern.text}` : pattern.text)).join(',');
      return [rawLine.slice(0, entry.hostsStart) + field + rawLine.slice(entry.hostsEnd)];
    });
    if (result.removed.length > 0 || result.edited.length > 0) writeFileAtomically(file, kept.join(''), existing.mode);
    return result;
  });
}
