import { watch, type FSWatcher } from 'node:fs';
import { basename, dirname } from 'node:path';
import type { Logger } from '../log';

/** Appends come in bursts (a submission writes two lines): one look after the burst is enough. */
const settleMs = 50;
/** Where the folder cannot be watched (inotify limits, some network filesystems): a stat this often. */
const fallbackPollMs = 2_000;

/**
 * Tells when another process (the CLI, a second app on the same data folder) may have written
 * the journal, so the open window shows its jobs without a reload. The folder is watched, not
 * the file: a compaction replaces the file by a rename, which a watch on the old file would miss.
 * The caller reads only what was appended (JobJournal.takeExternalChanges), so a spurious event
 * costs one stat. The refresh loop also looks on every tick, should an event be lost.
 */
export class JournalWatch {
  private watcher: FSWatcher | null = null;
  private poll: NodeJS.Timeout | null = null;
  private pending: NodeJS.Timeout | null = null;

  constructor(
    private readonly file: string,
    private readonly onChange: () => void,
    private readonly log: Logger,
  ) {}

  start(): void {
    const name = basename(this.file);
    try {
      this.watcher = watch(dirname(this.file), { persistent: false }, (_event, changed) => {
        if (changed === null || changed === name) this.soon();
      });
      this.watcher.on('error', (error) => this.fallBack(error));
    } catch (error) {
      this.fallBack(error);
    }
  }

  stop(): void {
    this.watcher?.close();
    this.watcher = null;
    for (const timer of [this.poll, this.pending]) if (timer) clearTimeout(timer);
    this.poll = null;
    this.pending = null;
  }

  private soon(): void {
    if (this.pending) return;
    this.pending = setTimeout(() => {
      this.pending = null;
      this.onChange();
    }, settleMs);
    this.pending.unref();
  }

  private fallBack(error: unknown): void {
    this.log.warn(`watching ${dirname(this.file)} failed (${error instanceof Error ? error.message : String(error)}); looking for other processes' jobs every ${fallbackPollMs / 1000} s instead`);
    this.watcher?.close();
    this.watcher = null;
    if (this.poll) return;
    this.poll = setInterval(() => this.onChange(), fallbackPollMs);
    this.poll.unref();
  }
}
