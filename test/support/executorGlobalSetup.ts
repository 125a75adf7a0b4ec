import { execFileSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildCli } from '../../build/scripts/build.mjs';
import { isSameProcess } from '../../electron/services/backends/embedded/taskProcess';

/** Inherited by the test workers, the CLIs and daemons they start: marks this run's daemons. */
const runMarker = 'SLURMDESK_TEST_RUN';

/**
 * The embedded executor runs as a daemon started from the built CLI (out/cli/main.mjs), so the
 * unit and integration runs build it first (esbuild, well under a second). Afterwards, daemons
 * that this run's tests left in their scratch folders are stopped by pid (on their own they
 * would idle for a minute); other runs' daemons on the same machine are left alone.
 */
export default async function setup(): Promise<() => Promise<void>> {
  const startedAt = Date.now();
  const run = (process.env[runMarker] ??= randomUUID());
  await buildCli();
  return async () => {
    const pids = leftoverDaemons(startedAt, `${runMarker}=${run}`);
    for (const pid of pids) {
      try {
        process.kill(pid, 'SIGTERM');
      } catch {
        // Gone meanwhile.
      }
    }
    const until = Date.now() + 10_000;
    while (pids.some((pid) => isSameProcess(pid, null)) && Date.now() < until) await new Promise((resolve) => setTimeout(resolve, 50));
  };
}

/** Executor daemons of this run: holders of state-folder locks in recent test scratch folders, with this run's marker. */
function leftoverDaemons(since: number, marker: string): number[] {
  const pids: number[] = [];
  for (const name of readdirSync(tmpdir())) {
    const root = join(tmpdir(), name);
    if (!name.startsWith('slurmdesk-') || mtimeOf(root) < since - 1000) continue;
    for (const lock of locksUnder(root, 3)) {
      const holder = readHolder(lock);
      if (holder === null || !isSameProcess(holder.pid, holder.start)) continue;
      if (commandOf(holder.pid).includes(' executor ') && environmentOf(holder.pid).includes(marker)) pids.push(holder.pid);
    }
  }
  return [...new Set(pids)];
}

function locksUnder(folder: string, depth: number): string[] {
  let entries;
  try {
    entries = readdirSync(folder, { withFileTypes: true });
  } catch {
    return [];
  }
  return entries.flatMap((entry) => {
    if (entry.isFile() && entry.name === 'lock') return [join(folder, entry.name)];
    return entry.isDirectory() && depth > 0 ? locksUnder(join(folder, entry.name), depth - 1) : [];
  });
}

function readHolder(path: string): { pid: number; start: string | null } | null {
  try {
    const value = JSON.parse(readFileSync(path, 'utf8')) as { pid?: unknown; start?: unknown };
    return typeof value.pid === 'number' ? { pid: value.pid, start: typeof value.start === 'string' ? value.start : null } : null;
  } catch {
    return null;
  }
}

function commandOf(pid: number): string {
  return procFile(pid, 'cmdline', ['-o', 'command=', '-p', String(pid)]);
}

/** Its environment as one string of `NAME=value` separated by NUL (Linux) or spaces (ps elsewhere). */
function environmentOf(pid: number): string {
  return procFile(pid, 'environ', ['eww', '-o', 'command=', '-p', String(pid)]);
}

function procFile(pid: number, name: string, psArgs: string[]): string {
  try {
    return readFileSync(`/proc/${pid}/${name}`, 'utf8').split('\0').join(' ');
  } catch {
    try {
      return execFileSync('ps', psArgs, { encoding: 'utf8' });
    } catch {
      return '';
    }
  }
}

function mtimeOf(path: string): number {
  try {
    return statSync(path).mtimeMs;
  } catch {
    return 0;
  }
}
