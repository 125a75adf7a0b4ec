import type { JobRecord } from '../../../shared/jobs/jobRecord';

/**
 * Which jobs another process (the CLI, another window's host) created or changed in the journal,
 * so the open window shows them without a reload. Lines this process wrote are not changes; after
 * another process replaced the file, every line is read again and only records that differ count.
 */
export class ExternalChanges {
  private readonly ids = new Set<string>();
  /** Records as they were before a reload: what changed is compared once it is read again. */
  private beforeReload: Map<string, JobRecord> | null = null;
  /** Set while this process applies the lines it has just written itself. */
  private applyingOwn = false;

  /** The jobs changed since the last call. */
  take(): string[] {
    const ids = [...this.ids];
    this.ids.clear();
    return ids;
  }

  /** What was there when the journal was opened is a starting point, not a change. */
  clear(): void {
    this.ids.clear();
  }

  /** Runs `apply` over lines this process wrote: none of them counts as another process's change. */
  own<T>(apply: () => T): T {
    this.applyingOwn = true;
    try {
      return apply();
    } finally {
      this.applyingOwn = false;
    }
  }

  /** A line for this job was applied. During a reload every line is read again: only what differs afterwards counts. */
  applied(id: string): void {
    if (!this.applyingOwn && this.beforeReload === null) this.ids.add(id);
  }

  /** The records are about to be read again from a replaced file. */
  reloading(records: ReadonlyMap<string, JobRecord>): void {
    this.beforeReload ??= new Map(records);
  }

  /** After a reload, the jobs whose record is not what it was are changes like any other. */
  reloaded(records: ReadonlyMap<string, JobRecord>): void {
    const before = this.beforeReload;
    if (before === null) return;
    this.beforeReload = null;
    // Under the lock, a reload while applying this process's own lines is the file it just created.
    if (this.applyingOwn) return;
    for (const [id, record] of records) {
      const old = before.get(id);
      if (old === undefined || JSON.stringify(old) !== JSON.stringify(record)) this.ids.add(id);
    }
  }
}
