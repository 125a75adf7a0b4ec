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
  for (const name of slurmfileNames) {
    const candidate = join(folder, name);
    if (isFile(candidate)) return candidate;
  }
  const pyproject = join(folder, 'pyproject.toml');
  if (isFile(pyproject) && /^\s*\[tool\.slurm[\].]/m.test(readSmallText(pyproject))) return pyproject;
  return null;
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

/**
 * The CLI's Slurmfile: `--slurmfile PATH`, else `$SLURMFILE`, else the nearest one walking up
 * from the current folder. Null when there is none.
 */
export function discoverSlurmfile(options: { explicit?: string | undefined; env?: NodeJS.ProcessEnv; cwd?: string }): string | null {
  const cwd = options.cwd ?? process.cwd();
  if (options.explicit) return resolveSlurmfilePath(options.explicit, cwd);
  const fromEnv = (options.env ?? process.env).SLURMFILE?.trim();
  if (fromEnv) return resolveSlurmfilePath(fromEnv, cwd);
  for (let folder = resolve(cwd); ; folder = dirname(folder)) {
    const found = slurmfileInFolder(folder);
    if (found) return found;
    if (dirname(folder) === folder) return null;
  }
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
