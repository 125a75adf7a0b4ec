import { statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { AppError } from '../../../shared/errors';
import { readRegularFile } from '../fs/readRegularFile';

/** The names a Slurmfile may have, in the order they are looked for in one folder. */
export const slurmfileNames = ['Slurmfile', 'Slurmfile.toml', 'slurmfile', 'slurmfile.toml'] as const;

/**
 * The Slurmfile of a folder: one of the names above, else a pyproject.toml with a
 * `[tool.slurm]` table. Null when the folder has neither.
 */
export function slurmfileInFolder(folder: string): string | null {
  return ownedSlurmfileInFolder(folder, null).file;
}

/** As above; with a uid, a candidate that uid does not own alone is skipped (and said) rather than read. */
function ownedSlurmfileInFolder(folder: string, uid: number | null): DiscoveredSlurmfile {
  const skipped: string[] = [];
  const usable = (candidate: string): boolean => {
    if (!isFile(candidate)) return false;
    const problem = uid === null ? null : unsafeFile(candidate, uid);
    if (problem) skipped.push(`did not read ${problem}; to use it anyway, give --slurmfile ${candidate}`);
    return problem === null;
  };
  for (const name of slurmfileNames) {
    const candidate = join(folder, name);
    if (usable(candidate)) return { file: candidate, skipped };
  }
  const pyproject = join(folder, 'pyproject.toml');
  if (usable(pyproject) && /^\s*\[tool\.slurm[\].]/m.test(readSmallText(pyproject))) return { file: pyproject, skipped };
  return { file: null, skipped };
}

/** A path the person gave (a Slurmfile or a project folder) as the Slurmfile to read. */
export function resolveSlurmfilePath(path: string, cwd: string = process.cwd()): string {
  const absolute = resolve(cwd, path);
  let stats;
  try {
    stats = statSync(absolute);
  } catch {
    throw new AppError('slurmfile-not-found', `${absolute} does not exist.`);
  }
  if (!stats.isDirectory()) return absolute;
  const found = slurmfileInFolder(absolute);
  if (!found) throw new AppError('slurmfile-not-found', `${absolute} has no Slurmfile (looked for ${slurmfileNames.join(', ')} and [tool.slurm] in pyproject.toml).`);
  return found;
}

/** The Slurmfile the CLI found (or none), and what it passed over on the way and why. */
export type DiscoveredSlurmfile = { file: string | null; skipped: string[] };

/**
 * The CLI's Slurmfile: `--slurmfile PATH`, else `$SLURMFILE` (the person named those), else the
 * nearest one walking up from the current folder. The walk reads only what the person alone
 * controls: it never enters a folder that others may write or that another user owns (`/tmp`, a
 * shared scratch folder), and never reads a Slurmfile or pyproject.toml that another user owns or
 * that others may write — anyone could have put it there. What was passed over is said.
 */
export function discoverSlurmfile(options: { explicit?: string | undefined; env?: NodeJS.ProcessEnv; cwd?: string; uid?: number | null }): DiscoveredSlurmfile {
  const cwd = options.cwd ?? process.cwd();
  if (options.explicit) return { file: resolveSlurmfilePath(options.explicit, cwd), skipped: [] };
  const fromEnv = (options.env ?? process.env).SLURMFILE?.trim();
  if (fromEnv) return { file: resolveSlurmfilePath(fromEnv, cwd), skipped: [] };
  const uid = options.uid === undefined ? (process.getuid?.() ?? null) : options.uid;
  const skipped: string[] = [];
  for (let folder = resolve(cwd); ; folder = dirname(folder)) {
    const folderProblem = uid === null ? null : unsafeFolder(folder, uid);
    if (folderProblem) {
      // Said only when there is something to pass over: a note on every command run in /tmp would be noise.
      const candidate = candidateAtOrAbove(folder);
      if (candidate) skipped.push(`did not look for a Slurmfile in ${folder} or above: ${folderProblem}, so anyone could have put ${candidate} there; to use it anyway, give --slurmfile ${candidate}`);
      return { file: null, skipped };
    }
    const found = ownedSlurmfileInFolder(folder, uid);
    skipped.push(...found.skipped);
    if (found.file) return { file: found.file, skipped };
    // The nearest one was not read: a Slurmfile further up must not silently stand in for it.
    if (found.skipped.length > 0) return { file: null, skipped };
    if (dirname(folder) === folder) return { file: null, skipped };
  }
}

/** The nearest file with a Slurmfile's name (or a pyproject.toml) from `folder` up, found by name alone: nothing is read. */
function candidateAtOrAbove(folder: string): string | null {
  for (let current = folder; ; current = dirname(current)) {
    const found = [...slurmfileNames, 'pyproject.toml'].map((name) => join(current, name)).find(isFile);
    if (found) return found;
    if (dirname(current) === current) return null;
  }
}

/** Why a folder is not the person's alone to write, or null when it is (owned by them or root, writable by no one else). */
function unsafeFolder(folder: string, uid: number): string | null {
  let stats;
  try {
    stats = statSync(folder);
  } catch {
    return 'it cannot be read';
  }
  if (stats.uid !== uid && stats.uid !== 0) return `it belongs to another user (uid ${stats.uid})`;
  if ((stats.mode & 0o022) !== 0) return `others may write in it (mode ${(stats.mode & 0o7777).toString(8)})`;
  return null;
}

/** Why a Slurmfile may not be read unasked, or null when it is the person's own and only theirs to write. */
function unsafeFile(path: string, uid: number): string | null {
  let stats;
  try {
    stats = statSync(path);
  } catch {
    return null;
  }
  if (stats.uid !== uid) return `${path} belongs to another user (uid ${stats.uid})`;
  if ((stats.mode & 0o022) !== 0) return `others may write ${path} (mode ${(stats.mode & 0o7777).toString(8)})`;
  return null;
}

/** The environment to use: given explicitly, else `$SLURM_ENV`, else `default`. */
export function chooseEnvironment(explicit: string | undefined, env: NodeJS.ProcessEnv = process.env): string {
  return explicit?.trim() || env.SLURM_ENV?.trim() || 'default';
}

function isFile(path: string): boolean {
  try {
    return statSync(path).isFile();
  } catch {
    return false;
  }
}

function readSmallText(path: string): string {
  const read = readRegularFile(path, 1024 * 1024);
  return read.ok ? read.bytes.toString('utf8') : '';
}
