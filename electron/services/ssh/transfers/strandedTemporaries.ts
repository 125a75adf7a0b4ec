import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname, posix } from 'node:path';
import { withFileLock } from '../../jobs/fileLock';

/** The only names this ever removes: what the app's own atomic writes call their temporaries. */
const temporaryName = /^\.tmp-[0-9a-f]{12}-/;

export function isAppTemporary(path: string): boolean {
  return posix.isAbsolute(path) && temporaryName.test(posix.basename(path));
}

type Ledger = Record<string, string[]>;

/**
 * Temporary files an upload made beside its target on a cluster and could not remove, because
 * the connection was cut: recorded under the cluster's `user@host:port` in the data folder (a
 * restart must not forget them; the app and the CLI share the file under a lock), and removed
 * on the next connection. Without a file (tests) they are kept in memory only.
 */
export class StrandedTemporaries {
  private memory: string[] = [];
  /** Goes up with every path recorded here, so a connection knows when to sweep again. */
  private added = 0;

  constructor(
    private readonly host: string,
    private readonly file: string | null,
  ) {}

  get version(): number {
    return this.added;
  }

  /** Never throws: it runs while a failure is being reported, which it must not replace. */
  record(path: string): void {
    if (!isAppTemporary(path)) return;
    this.added += 1;
    try {
      this.change((paths) => (paths.includes(path) ? paths : [...paths, path]));
    } catch {
      // The data folder cannot take it (full disk): this process still removes it when it reconnects.
      if (!this.memory.includes(path)) this.memory.push(path);
    }
  }

  list(): string[] {
    const saved = this.file ? (readLedger(this.file)[this.host] ?? []) : [];
    return [...new Set([...saved, ...this.memory])];
  }

  /**
   * Removes every recorded temporary with `unlink` (true when it is gone, already gone included);
   * those it could not remove stay recorded for the next time. Answers how many were removed.
   */
  async sweep(unlink: (path: string) => Promise<boolean>): Promise<number> {
    const gone: string[] = [];
    for (const path of this.list()) {
      if (!isAppTemporary(path) || (await unlink(path).catch(() => false))) gone.push(path);
    }
    if (gone.length > 0) {
      this.memory = this.memory.filter((path) => !gone.includes(path));
      // Not forgotten on disk (a full data folder): the next sweep finds them gone and tries again.
      try {
        this.change((paths) => paths.filter((path) => !gone.includes(path)));
      } catch {
        // Removing an already removed file is harmless.
      }
    }
    return gone.filter(isAppTemporary).length;
  }

  private change(edit: (paths: string[]) => string[]): void {
    const file = this.file;
    if (!file) {
      this.memory = edit(this.memory);
      return;
    }
    mkdirSync(dirname(file), { recursive: true, mode: 0o700 });
    withFileLock(`${file}.lock`, () => {
      const ledger = readLedger(file);
      const paths = edit(ledger[this.host] ?? []);
      if (paths.length > 0) ledger[this.host] = paths;
      else delete ledger[this.host];
      const temporary = `${file}.${process.pid}.tmp`;
      writeFileSync(temporary, `${JSON.stringify(ledger, null, 2)}\n`, { mode: 0o600 });
      renameSync(temporary, file);
    });
  }
}

function readLedger(file: string): Ledger {
  let parsed: unknown;
  try {
    parsed = JSON.parse(readFileSync(file, 'utf8'));
  } catch {
    return {}; // none yet, or damaged: it only ever lists files to tidy away
  }
  const ledger: Ledger = {};
  if (parsed && typeof parsed === 'object') {
    for (const [host, paths] of Object.entries(parsed)) {
      if (Array.isArray(paths)) ledger[host] = paths.filter((path): path is string => typeof path === 'string');
    }
  }
  return ledger;
}
