import { posix } from 'node:path';
import { AppError } from '../../../shared/errors';
import type { ClusterFiles, CommandRunner } from '../backends/types';
import { readRegularFileAsync } from '../fs/readRegularFile';
import { mapConcurrently, uploadLimits, type ProjectFile } from './projectFiles';

/**
 * The per-user cache on the cluster, beside the job folders (a job folder's name never starts
 * with a dot): `objects/` holds every uploaded file once, named by its SHA-256, and `venvs/` the
 * built environments. It sits under the job base, so the job folder checks cover it too.
 */
export function cacheFolder(baseDir: string): string {
  return posix.join(baseDir, '.slurmdesk-cache');
}

/** An object's name: the hash, with `.x` when the file is executable (a hard link shares its mode). */
export function objectName(file: Pick<ProjectFile, 'hash' | 'executable'>): string {
  return file.executable ? `${file.hash}.x` : file.hash;
}

const objectNamePattern = /^[0-9a-f]{64}(\.x)?$/;

/**
 * Read-only, so neither a job nor a person editing a job's copy can change the cache's object
 * behind every other job that links it (replacing a file still works: the folder is writable).
 */
const objectMode = { plain: 0o440, executable: 0o550 };

/** Prints the names read on stdin that are not in the objects folder: one command for all of them. */
const missingScript = 'umask 077; mkdir -p -- "$1" || exit 1; cd -- "$1" || exit 1; while IFS= read -r name; do [ -f "$name" ] || printf \'%s\\n\' "$name"; done';

/**
 * Builds the job's snapshot from `object<TAB>path` lines: hard links into the cache (a copy where
 * links cannot cross filesystems). Python makes 5,000 links in a blink; plain sh (two programs per
 * file) is the fallback where a cluster has no python3.
 */
const linkProgram = [
  'import os, shutil, sys',
  'objects, dest = sys.argv[1], sys.argv[2]',
  'made = set()',
  'for line in sys.stdin:',
  '    name, path = line.rstrip("\\n").split("\\t", 1)',
  '    target = os.path.join(dest, path)',
  '    folder = os.path.dirname(target)',
  '    if folder not in made:',
  '        os.makedirs(folder, 0o700, exist_ok=True)',
  '        made.add(folder)',
  '    try:',
  '        os.link(os.path.join(objects, name), target)',
  '    except OSError:',
  '        shutil.copy2(os.path.join(objects, name), target)',
].join('\n');
const linkScript = [
  'umask 077',
  'mkdir -p -- "$2" || exit 1',
  'if command -v python3 >/dev/null 2>&1; then exec python3 -c "$3" "$1" "$2"; fi',
  "tab=$(printf '\\t')",
  'while IFS="$tab" read -r name path; do',
  '  case $path in */*) mkdir -p -- "$2/${path%/*}" || exit 1 ;; esac',
  '  ln -- "$1/$name" "$2/$path" 2>/dev/null || cp -p -- "$1/$name" "$2/$path" || exit 1',
  'done',
].join('\n');

export type ShipReport = (file: { path: string; transferred: number; total: number; bytesPerSecond: number }) => void;
export type ShipSummary = { files: number; bytes: number; sentFiles: number; sentBytes: number };

/** Files sent at once: SFTP answers a channel's requests in order, so small files share round trips. */
const uploadsInFlight = 8;

/**
 * Ships a listed project into `destination` by content: one command asks which objects the cache
 * lacks, only those are sent (each atomically, so a cut upload never leaves half an object under
 * its final name), and one command links the job's own snapshot. Editing the project afterwards
 * changes neither the cache's objects nor this job's files.
 */
export async function shipProject(
  files: readonly ProjectFile[],
  target: { files: ClusterFiles; runner: CommandRunner; cacheDir: string; destination: string },
  report?: ShipReport,
): Promise<ShipSummary> {
  const objects = posix.join(target.cacheDir, 'objects');
  const byObject = new Map<string, ProjectFile>();
  for (const file of files) byObject.set(objectName(file), file);
  const missing = await askMissing(target.runner, objects, [...byObject.keys()]);
  const sending = missing.map((name) => ({ name, file: byObject.get(name)! }));

  const send = async ({ name, file }: (typeof sending)[number]) => {
    const remote = posix.join(objects, name);
    const mode = file.executable ? objectMode.executable : objectMode.plain;
    if (target.files.uploadFrom) {
      await target.files.uploadFrom(file.absolute, remote, mode, { onProgress: (progress) => report?.({ path: file.relative, ...progress }) });
    } else {
      await target.files.writeFileAtomic(remote, await readRegularFileAsync(file.absolute, uploadLimits.bytes, 'the upload'), mode);
      report?.({ path: file.relative, transferred: file.size, total: file.size, bytesPerSecond: 0 });
    }
  };
  await mapConcurrently(sending, uploadsInFlight, send);

  const manifest = files.map((file) => `${objectName(file)}\t${file.relative}\n`).join('');
  const linked = await target.runner.run(['sh', '-c', linkScript, 'sh', objects, target.destination, linkProgram], { stdin: manifest, timeoutMs: 300_000 });
  if (linked.exitCode !== 0) {
    throw new AppError('upload-failed', `upload: the project's files could not be placed in ${target.destination} on the cluster: ${firstLine(linked.stderr)}. Check the space and permissions of the job folder.`);
  }
  return {
    files: files.length,
    bytes: files.reduce((sum, file) => sum + file.size, 0),
    sentFiles: sending.length,
    sentBytes: sending.reduce((sum, { file }) => sum + file.size, 0),
  };
}

async function askMissing(runner: CommandRunner, objects: string, names: readonly string[]): Promise<string[]> {
  const outcome = await runner.run(['sh', '-c', missingScript, 'sh', objects], { stdin: names.map((name) => `${name}\n`).join(''), timeoutMs: 120_000 });
  if (outcome.exitCode !== 0) {
    throw new AppError('upload-failed', `upload: the file cache ${objects} on the cluster cannot be read: ${firstLine(outcome.stderr)}. Check that the job base folder is yours and writable.`);
  }
  const asked = new Set(names);
  // Only names that were asked about come back as missing: anything else is noise, never a path to send.
  return outcome.stdout.split('\n').filter((name) => objectNamePattern.test(name) && asked.has(name));
}

function firstLine(text: string): string {
  return text.trim().split('\n')[0] || 'no reason given';
}
