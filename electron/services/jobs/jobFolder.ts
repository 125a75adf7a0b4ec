import { randomBytes } from 'node:crypto';
import { posix } from 'node:path';

/** Names of the files in a job folder; the runner and the tracker agree on them. */
export const jobFiles = {
  script: 'job.sh',
  userScript: 'script.sh',
  spec: 'spec.json',
  args: 'args.json',
  items: 'items.json',
  runner: 'slurmdesk_runner.py',
  project: 'project',
  stdout: (task: number | null) => `stdout${suffix(task)}.txt`,
  stderr: (task: number | null) => `stderr${suffix(task)}.txt`,
  result: (task: number | null) => `result${suffix(task)}.json`,
  resultPickle: (task: number | null) => `result${suffix(task)}.pkl`,
  resultRepr: (task: number | null) => `result${suffix(task)}.repr.txt`,
  error: (task: number | null) => `error${suffix(task)}.json`,
  started: (task: number | null) => `started${suffix(task)}.json`,
  ended: (task: number | null) => `ended${suffix(task)}.json`,
} as const;

/** Slurm filename patterns for --output/--error: one file per array task. */
export const outputPatterns = (isArray: boolean) => ({
  stdout: isArray ? 'stdout.%a.txt' : 'stdout.txt',
  stderr: isArray ? 'stderr.%a.txt' : 'stderr.txt',
});

function suffix(task: number | null): string {
  return task === null ? '' : `.${task}`;
}

export const defaultJobBaseDir = '~/slurm_jobs';
export const defaultFolderMode = 0o700;
export const defaultScriptMode = 0o750;

/** A job name made safe as one folder name: each unusual character becomes `_`, never a dot first. */
export function sanitizeJobName(name: string): string {
  const cleaned = name.replace(/[^A-Za-z0-9_.-]/g, '_').replace(/^\.+/, '_').slice(0, 64);
  return cleaned === '' ? 'job' : cleaned;
}

/**
 * `{base}/{sanitized-name}/{YYYYMMDD_HHMMSS}_{8hex}`, base `~`-expanded against the cluster's home.
 * The random part keeps two submissions in the same second apart.
 */
export function jobFolderPath(options: { baseDir: string; homeDir: string; name: string; now: Date; random?: string }): string {
  const base = expandBaseDir(options.baseDir, options.homeDir);
  const stamp = options.now.toISOString().replace(/[-:]/g, '').replace('T', '_').slice(0, 15);
  const random = options.random ?? randomBytes(4).toString('hex');
  return posix.join(base, sanitizeJobName(options.name), `${stamp}_${random}`);
}

/** The base folder as an absolute path on the cluster: `~` is the cluster's home. */
export function expandBaseDir(baseDir: string, homeDir: string): string {
  const base = baseDir === '~' || baseDir.startsWith('~/') ? posix.join(homeDir, baseDir.slice(1)) : posix.normalize(baseDir);
  if (!base.startsWith('/')) throw new Error(`The job base folder must be absolute or start with ~/, not ${JSON.stringify(baseDir)}`);
  return base;
}
