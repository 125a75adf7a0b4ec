import { appendFile, chmod, mkdir, rename, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { privateFileMode } from '../fs/privateFolder';

/** Where "see the app log" points: in the data folder, private like the rest of it. */
export function appLogPath(dataDir: string): string {
  return join(dataDir, 'logs', 'slurmdesk.log');
}

/**
 * The only secret-shaped text a log line could pick up by accident (an error quoting a command
 * line or a config line): redacted before the line is written. Call sites pass no secrets; this
 * is the net under them.
 */
const secretShapes: readonly [RegExp, string][] = [
  [/-----BEGIN [A-Z ]*PRIVATE KEY-----[\s\S]*?(-----END [A-Z ]*PRIVATE KEY-----|$)/g, '[private key redacted]'],
  [/\b(Bearer|Basic)\s+[A-Za-z0-9._~+/=-]{8,}/g, '$1 [redacted]'],
  [/\b(password|passphrase|passwd|secret|token)(["']?\s*[:=]\s*["']?)[^\s"',;&]+/gi, '$1$2[redacted]'],
];

export function redactSecrets(line: string): string {
  return secretShapes.reduce((text, [shape, replacement]) => text.replace(shape, replacement), line);
}

export type AppLogFile = {
  readonly path: string;
  /** Queues one line; never blocks the caller's thread and never throws. */
  write(line: string): void;
  /** Resolves once every queued line is on disk. */
  flush(): Promise<void>;
};

/**
 * An append-only log that rotates by size: slurmdesk.log → slurmdesk.1.log → … up to `keep` old
 * files, so a long-running app never fills the disk. Writes are queued and asynchronous, one at
 * a time in order, so the thread serving the window never waits on the disk.
 */
export function openAppLogFile(dataDir: string, { maxBytes = 5 * 1024 * 1024, keep = 3 } = {}): AppLogFile {
  const path = appLogPath(dataDir);
  const rotated = (index: number) => path.replace(/\.log$/, `.${index}.log`);
  let size: number | null = null;
  let queue: Promise<void> = mkdir(join(dataDir, 'logs'), { recursive: true, mode: 0o700 }).then(
    () => undefined,
    () => undefined,
  );

  const rotate = async () => {
    await rm(rotated(keep), { force: true });
    for (let index = keep - 1; index >= 1; index -= 1) await rename(rotated(index), rotated(index + 1)).catch(() => undefined);
    await rename(path, rotated(1)).catch(() => undefined);
    size = 0;
  };
  const append = async (text: string) => {
    size ??= await stat(path).then((found) => found.size, () => 0);
    if (size > 0 && size + Buffer.byteLength(text) > maxBytes) await rotate();
    await appendFile(path, text, { mode: privateFileMode });
    if (size === 0) await chmod(path, privateFileMode);
    size += Buffer.byteLength(text);
  };
  return {
    path,
    write(line) {
      const text = redactSecrets(line.endsWith('\n') ? line : `${line}\n`);
      // A full disk or a removed folder must not take the app down with its log.
      queue = queue.then(() => append(text)).catch(() => undefined);
    },
    flush: () => queue,
  };
}
