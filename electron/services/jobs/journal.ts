import { closeSync, fdatasyncSync, mkdirSync, openSync, renameSync, rmSync, statSync } from 'node:fs';
import { dirname } from 'node:path';
import type { JobRecord } from '../../../shared/jobs/jobRecord';
import { AppError } from '../../../shared/errors';
import { withFileLock } from './fileLock';
import { damagedLinesPath, keepDamagedLines, type DamagedLine, type JournalRepair } from './journalDamage';
import { forEachLine, lineAt, readFrom, syncFolder, writeAll } from './journalFile';
import { ExternalChanges } from './externalChanges';

/** A change to one job: the fields that changed, never the spec (it is written once). */
export type JobPatch = Partial<Omit<JobRecord, 'id' | 'spec'>>;

/** The process that created a job: while it lives, its submission is in flight, not interrupted. */
export type JobOwner = { pid: number };

type Entry = { op: 'create'; record: JobRecord; owner?: JobOwner } | { op: 'update'; id: string; patch: JobPatch };

export type JournalLoadReport = { records: number; skippedLines: { line: number; offset: number; reason: string }[]; repair: JournalRepair | null };

export type JournalOptions = {
  /** Told when damage found after loading was set aside (at load, see `loadReport.repair`). */
  onRepair?: (repair: JournalRepair) => void;
  now?: () => Date;
};

const strictUtf8 = new TextDecoder('utf-8', { fatal: true });

/**
 * The record of every submission and state change, in the app's data folder: append-only JSON
 * lines, each write flushed to disk before the call returns, so a crash loses at most the line
 * being written. A torn or corrupt line is skipped and every intact line recovered; its exact
 * bytes are then copied to a side file (jobs.damaged.jsonl) and the journal rewritten without it,
 * so the damage is reported once, by the process that set it aside, and nothing is lost.
 * The file is rewritten as a snapshot (temp + rename), one line per job, once superseded lines
 * pile up (see wantsCompaction).
 *
 * The app and the CLI may share one data folder: writes and compaction happen under a lock, and
 * before every read the journal catches up with lines other processes appended (or reloads when
 * another process compacted the file).
 */
export class JobJournal {
  private readonly records = new Map<string, JobRecord>();
  private readonly owners = new Map<string, JobOwner>();
  private readonly lockDir: string;
  /** What of the file this process has applied: its inode and the byte offset reached. */
  private seen = { inode: -1, offset: 0 };
  /** Intact entries applied, and every line read (empty and damaged ones too, for numbering). */
  private lines = 0;
  private linesRead = 0;
  /** Damaged lines read and not yet set aside. */
  private damaged: DamagedLine[] = [];
  /** Set when the side file could not be written: the damage stays skipped, not retried on every read. */
  private keepFailure: string | null = null;
  /** After a rewrite failed (a full disk), the next is tried only once the file grew again. */
  private compactionRetryAt = 0;
  /** Goes up whenever a record changes (here or in another process), so readers can cache. */
  private generation = 0;
  /** Jobs another process created or changed since takeExternalChanges last asked. */
  private readonly external = new ExternalChanges();
  readonly loadReport: JournalLoadReport = { records: 0, skippedLines: [], repair: null };
  readonly damagedPath: string;
  private readonly now: () => Date;

  constructor(
    private readonly path: string,
    private readonly options: JournalOptions = {},
  ) {
    mkdirSync(dirname(path), { recursive: true, mode: 0o700 });
    this.lockDir = `${path}.lock`;
    this.damagedPath = damagedLinesPath(path);
    this.now = options.now ?? (() => new Date());
    this.catchUp();
    const found = this.damaged.map(({ line, offset, reason }) => ({ line, offset, reason }));
    // A line without its end may be another process's append in progress; under the lock it can only be torn.
    if (found.length > 0 || this.fileSize() > this.seen.offset) {
      try {
        this.loadReport.repair = withFileLock(this.lockDir, () => this.repair());
      } catch (error) {
        // A data folder that cannot be written still opens: the damage stays skipped, as reported.
        this.keepFailure = error instanceof Error ? error.message : String(error);
        this.damaged = [];
      }
    } else if (this.wantsCompaction()) {
      this.compactAtLoad();
    }
    this.loadReport.skippedLines = this.loadReport.repair?.damaged.map(({ line, offset, reason }) => ({ line, offset, reason })) ?? found;
    this.loadReport.records = this.records.size;
    // What was there when this process opened the journal is its starting point, not a change.
    this.external.clear();
  }

  get(id: string): JobRecord | undefined {
    this.sync();
    return this.records.get(id);
  }

  all(): IterableIterator<JobRecord> {
    this.sync();
    return this.records.values();
  }

  /** Changes whenever any record does; equal versions mean the same records. */
  get version(): number {
    this.sync();
    return this.generation;
  }

  /**
   * The jobs another process (the CLI, another window's host) created or changed since the last
   * call, after reading whatever it appended: only the new bytes are read, one stat when none.
   */
  takeExternalChanges(): string[] {
    this.sync();
    return this.external.take();
  }

  /** The journal file: watched for other processes' appends. */
  get file(): string {
    return this.path;
  }

  get size(): number {
    return this.records.size;
  }

  /** Records a new job; durable when this returns. */
  create(record: JobRecord): void {
    withFileLock(this.lockDir, () => {
      this.catchUp();
      if (this.records.has(record.id)) throw new AppError('journal-duplicate', `Job ${record.id} is already in the journal.`);
      this.append([{ op: 'create', record, owner: { pid: process.pid } }]);
    });
  }

  /** Which process created the job (for telling an interrupted submission from one in flight). */
  ownerOf(id: string): JobOwner | undefined {
    this.sync();
    return this.owners.get(id);
  }

  /** Applies many changes with one write and one flush (a refresh touches many jobs). */
  update(changes: readonly { id: string; patch: JobPatch }[]): JobRecord[] {
    if (changes.length === 0) return [];
    return withFileLock(this.lockDir, () => {
      this.catchUp();
      const known = changes.filter((change) => this.records.has(change.id));
      if (known.length === 0) return [];
      this.append(known.map((change) => ({ op: 'update' as const, ...change })));
      if (this.wantsCompaction()) this.compact();
      return known.map((change) => this.records.get(change.id)!);
    });
  }

  close(): void {}

  /** Appends under the lock (held by the caller) and applies the entries to memory. */
  private append(entries: readonly Entry[]): void {
    let text = entries.map((entry) => JSON.stringify(entry)).join('\n') + '\n';
    // Under the lock nobody is mid-append: bytes past what was applied are a line torn by a crash.
    // End it, so it is skipped as corrupt instead of swallowing this entry.
    if (this.fileSize() > this.seen.offset) text = `\n${text}`;
    let fd: number | null = null;
    try {
      fd = openSync(this.path, 'a', 0o600);
      // A nearly full disk takes part of a write and reports how much: the rest is written until
      // it is all in or the disk says no (ENOSPC), never silently left torn as if recorded.
      writeAll(fd, Buffer.from(text, 'utf8'));
      fdatasyncSync(fd);
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      throw new AppError('journal-write-failed', `Could not record the job in ${this.path} (${reason}). Free some disk space and try again.`);
    } finally {
      if (fd !== null) closeSync(fd);
    }
    // What this process just wrote is applied like any other process's lines; a torn line another
    // process left, ended above, is set aside now that it is whole (the caller holds the lock).
    this.external.own(() => this.catchUp());
    if (this.damaged.length === 0) return;
    try {
      this.repairAndTell();
    } catch {
      // The entry is durable whatever happens to the damage: it stays skipped, as before.
      this.damaged = [];
    }
  }

  /** Catches up outside the lock; damage found in whole lines is set aside under it. */
  private sync(): void {
    this.catchUp();
    if (this.damaged.length === 0) return;
    try {
      withFileLock(this.lockDir, () => this.repairAndTell());
    } catch {
      // Not now (a full disk, a lock held too long): the lines stay skipped; the next writer tries again.
      this.damaged = [];
    }
  }

  private repairAndTell(): void {
    const repair = this.repair();
    if (repair) this.options.onRepair?.(repair);
  }

  /**
   * Under the lock: reads the file afresh, copies every damaged line (a line without its end
   * too: no writer is mid-append) to the side file, then rewrites the journal without them.
   * Null when another process already did it.
   */
  private repair(): JournalRepair | null {
    if (this.keepFailure !== null) {
      this.damaged = [];
      return null;
    }
    this.forget();
    this.catchUp({ tornTail: true });
    const damaged = this.damaged;
    this.damaged = [];
    if (damaged.length === 0) return null;
    const report = {
      journal: this.path,
      damaged: damaged.map(({ line, offset, bytes, reason }) => ({ line, offset, length: bytes.length, reason })),
      recoveredJobs: this.records.size,
    };
    try {
      keepDamagedLines(this.damagedPath, this.path, damaged, this.now());
    } catch (error) {
      this.keepFailure = error instanceof Error ? error.message : String(error);
      return { ...report, keptIn: null, keepFailure: this.keepFailure };
    }
    // The copy is safe; if the journal cannot be rewritten (a full disk), the damage stays in it
    // too, skipped, and the next start sets it aside again (the copy is not repeated).
    if (!this.compact()) this.keepFailure = 'the journal could not be rewritten without them';
    return { ...report, keptIn: this.damagedPath, keepFailure: null };
  }

  private forget(): void {
    this.external.reloading(this.records);
    this.records.clear();
    this.owners.clear();
    this.lines = 0;
    this.linesRead = 0;
    this.generation += 1;
    this.seen = { inode: -1, offset: 0 };
  }

  private fileSize(): number {
    try {
      return statSync(this.path).size;
    } catch {
      return 0;
    }
  }

  /**
   * Applies lines appended since the last read, or reloads after a compaction replaced the file.
   * Damaged lines are skipped and collected with their bytes; with `tornTail` (under the lock) a
   * last line without its end is collected too.
   */
  private catchUp(options: { tornTail?: boolean } = {}): void {
    let inode: number;
    let size: number;
    try {
      ({ ino: inode, size } = statSync(this.path));
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return;
      throw error;
    }
    if (inode !== this.seen.inode || size < this.seen.offset) {
      this.forget();
      this.damaged = [];
      this.seen = { inode, offset: 0 };
    }
    if (size === this.seen.offset) return this.external.reloaded(this.records);
    const { inode: readInode, bytes } = readFrom(this.path, this.seen.offset);
    // Replaced between the stat and the read (another process compacted it): start from the new file.
    if (readInode !== this.seen.inode) return this.catchUp(options);
    const consumed = forEachLine(bytes, (line, from, index) => {
      this.linesRead += 1;
      if (line === '') return;
      // Decoding put U+FFFD for bytes that are not UTF-8; the app writes only UTF-8, so such a line
      // was overwritten, and is kept as its bytes, not as U+FFFD. (A real U+FFFD decodes strictly.)
      const reason = line.includes('\uFFFD') && !isUtf8(bytes, lineAt(bytes, from, index)) ? 'not valid UTF-8 (bytes overwritten?)' : this.applyLine(line);
      this.generation += 1;
      if (!reason) {
        this.lines += 1;
        return;
      }
      const { start, end } = lineAt(bytes, from, index);
      this.damaged.push({ line: this.linesRead, offset: this.seen.offset + start, reason, bytes: Buffer.from(bytes.subarray(start, end)) });
    });
    // Collected, not consumed: if it cannot be set aside, the next append must still end it first.
    if (options.tornTail && consumed < bytes.length) {
      this.damaged.push({ line: this.linesRead + 1, offset: this.seen.offset + consumed, reason: 'cut short: the line has no end (a write interrupted by a crash?)', bytes: Buffer.from(bytes.subarray(consumed)) });
    }
    this.seen.offset += consumed;
    this.external.reloaded(this.records);
  }

  private applyLine(line: string): string | null {
    let entry: Entry;
    try {
      entry = JSON.parse(line) as Entry;
    } catch {
      return 'not valid JSON (a write cut short?)';
    }
    if (entry?.op === 'create' && typeof entry.record?.id === 'string') {
      this.records.set(entry.record.id, entry.record);
      this.external.applied(entry.record.id);
      if (entry.owner) this.owners.set(entry.record.id, entry.owner);
      return null;
    }
    if (entry?.op === 'update' && typeof entry.id === 'string' && entry.patch && typeof entry.patch === 'object') {
      const current = this.records.get(entry.id);
      if (!current) return `an update for unknown job ${entry.id}`;
      this.records.set(entry.id, { ...current, ...entry.patch });
      this.external.applied(entry.id);
      return null;
    }
    return 'not a journal entry';
  }

  /**
   * A journal with many superseded lines (written under the older, looser rule, or after a rewrite
   * failed) is rewritten now, so the next start reads one line per job. It only saves time later:
   * a lock held elsewhere or a read-only folder leaves the journal as it is.
   */
  private compactAtLoad(): void {
    try {
      withFileLock(this.lockDir, () => {
        this.catchUp();
        if (this.wantsCompaction()) this.compact();
      }, 1_000);
    } catch {
      // The journal is whole as it is; the next change tries again.
    }
  }

  /**
   * Superseded lines are worth rewriting away: a journal of 100,000 jobs with as many state changes
   * again loads a third slower than one line per job, and a rewrite (~0.5 s at that size) every
   * 25,000 changes costs far less than that on every start.
   */
  private wantsCompaction(): boolean {
    const superseded = this.lines - this.records.size;
    return superseded > Math.max(10_000, this.records.size / 4) && this.lines >= this.compactionRetryAt;
  }

  /**
   * Rewrites the file as one line per job; runs under the lock, so no writer is mid-append. The
   * rewrite only replaces the file once it is whole and flushed; if it cannot be (a full disk),
   * the journal stays as it was, still complete, and the rewrite is tried again later (false).
   */
  private compact(): boolean {
    const temporary = `${this.path}.compact.tmp`;
    let fd: number | null = null;
    let size = 0;
    try {
      fd = openSync(temporary, 'w', 0o600);
      const chunk: string[] = [];
      const flush = (descriptor: number) => {
        const bytes = Buffer.from(chunk.join('\n') + '\n', 'utf8');
        writeAll(descriptor, bytes);
        size += bytes.length;
        chunk.length = 0;
      };
      for (const record of this.records.values()) {
        // The creator matters only while a job is being submitted: it tells a submission in
        // flight (not to be repeated) from an interrupted one.
        const owner = record.state === 'SUBMITTING' ? this.owners.get(record.id) : undefined;
        chunk.push(JSON.stringify(owner ? { op: 'create', record, owner } : { op: 'create', record }));
        if (chunk.length === 1000) flush(fd);
      }
      if (chunk.length > 0) flush(fd);
      fdatasyncSync(fd);
      closeSync(fd);
      fd = null;
      renameSync(temporary, this.path);
      // Appends from now on go to the new file: the rename must survive a power cut as they do.
      syncFolder(dirname(this.path));
    } catch {
      try {
        if (fd !== null) closeSync(fd);
        rmSync(temporary, { force: true });
      } catch {
        // Nothing more to undo: the next rewrite starts the temporary file afresh.
      }
      this.compactionRetryAt = this.lines + 10_000;
      return false;
    }
    // The new file holds exactly what memory does: go on from its end instead of reading it again.
    for (const [id, record] of this.records) if (record.state !== 'SUBMITTING') this.owners.delete(id);
    this.seen = { inode: statSync(this.path).ino, offset: size };
    this.lines = this.records.size;
    this.linesRead = this.records.size;
    return true;
  }
}

function isUtf8(bytes: Buffer, { start, end }: { start: number; end: number }): boolean {
  try {
    strictUtf8.decode(bytes.subarray(start, end));
    return true;
  } catch {
    return false;
  }
}
