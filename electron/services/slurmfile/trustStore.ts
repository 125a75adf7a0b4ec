import { chmodSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { z } from 'zod';
import type { AuditLog } from '../audit/auditLog';
import type { PinnedCallbackModule } from './callbackTargets';

const TrustedSchema = z.strictObject({
  file: z.string(),
  sha256: z.string(),
  targets: z.array(z.string()),
  /**
   * The callback modules trusted with the file: each module's own hash, the SHA-256 of the bundle
   * of it and everything it imports (the only code the callback host runs) and the files that
   * bundle was made from. An entry from before bundles has neither: its callbacks need trusting again.
   */
  callbackModules: z.array(z.strictObject({
    path: z.string(),
    sha256: z.string(),
    bundleSha256: z.string().optional(),
    files: z.array(z.strictObject({ path: z.string(), sha256: z.string() })).optional(),
  })).default([]),
  trustedAt: z.string(),
});
export type TrustedSlurmfile = z.infer<typeof TrustedSchema>;
const RecentSchema = z.strictObject({ file: z.string(), openedAt: z.string() });
export type RecentSlurmfile = z.infer<typeof RecentSchema>;

const maxRecent = 20;

/**
 * Which Slurmfiles the person trusts, by path and the SHA-256 of their exact bytes (and of the
 * callback modules they name), and which were opened lately. Kept in the data folder, readable
 * only by its owner; every decision is audited. A file or module whose bytes changed is simply
 * no longer trusted: its hash no longer matches.
 */
export class SlurmfileTrustStore {
  private readonly trustedPath: string;
  private readonly recentPath: string;

  constructor(
    dataDir: string,
    private readonly audit: AuditLog,
  ) {
    this.trustedPath = join(dataDir, 'slurmfiles', 'trusted.json');
    this.recentPath = join(dataDir, 'slurmfiles', 'recent.json');
  }

  list(): TrustedSlurmfile[] {
    return readList(this.trustedPath, TrustedSchema);
  }

  /** The entry trusting this exact Slurmfile content, whatever its callback modules are now. */
  entry(file: string, sha256: string): TrustedSlurmfile | undefined {
    return this.list().find((entry) => entry.file === file && entry.sha256 === sha256);
  }

  trust(file: string, sha256: string, targets: readonly string[], callbackModules: readonly PinnedCallbackModule[], scope: 'saved' | 'this run' = 'saved'): void {
    this.audit.record({ event: 'slurmfile-trust', file, sha256, targets: [...targets], scope });
    if (scope === 'this run') return;
    const entry: TrustedSlurmfile = { file, sha256, targets: [...targets], callbackModules: [...callbackModules], trustedAt: new Date().toISOString() };
    writeList(this.trustedPath, [...this.list().filter((other) => other.file !== file), entry]);
  }

  revoke(file: string): boolean {
    const entries = this.list();
    const kept = entries.filter((entry) => entry.file !== file);
    if (kept.length === entries.length) return false;
    writeList(this.trustedPath, kept);
    for (const entry of entries) if (entry.file === file) this.audit.record({ event: 'slurmfile-revoke', file, sha256: entry.sha256 });
    return true;
  }

  recent(): RecentSlurmfile[] {
    return readList(this.recentPath, RecentSchema);
  }

  opened(file: string): void {
    const entries = [{ file, openedAt: new Date().toISOString() }, ...this.recent().filter((entry) => entry.file !== file)];
    writeList(this.recentPath, entries.slice(0, maxRecent));
  }
}

function readList<T>(path: string, schema: z.ZodType<T>): T[] {
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(path, 'utf8'));
  } catch {
    return [];
  }
  // An entry edited by hand into something else is dropped, never half-trusted.
  return Array.isArray(raw) ? raw.flatMap((entry) => {
    const parsed = schema.safeParse(entry);
    return parsed.success ? [parsed.data] : [];
  }) : [];
}

/** Written whole and renamed into place, so a reader never sees half a list. */
function writeList(path: string, entries: readonly unknown[]): void {
  mkdirSync(dirname(path), { recursive: true, mode: 0o700 });
  const temporary = `${path}.${process.pid}.tmp`;
  writeFileSync(temporary, `${JSON.stringify(entries, null, 2)}\n`, { mode: 0o600 });
  chmodSync(temporary, 0o600);
  renameSync(temporary, path);
}
