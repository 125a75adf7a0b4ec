import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { lstat, readdir, readFile, realpath, stat } from 'node:fs/promises';
import { join, relative, sep } from 'node:path';
import ignore, { type Ignore } from 'ignore';
import { AppError } from '../../../shared/errors';
import type { UploadSpec } from '../../../shared/jobs/jobSpec';
import { hasControlCharacter } from '../../../shared/security/controlCharacters';

/** Guards against uploading a home folder by mistake; a real project that needs more says so. */
export const uploadLimits = { files: 20_000, bytes: 2 * 1024 * 1024 * 1024 };

export type ProjectFile = {
  absolute: string;
  /** Path inside the project, `/`-separated, checked by safeProjectPath. */
  relative: string;
  size: number;
  executable: boolean;
  /** SHA-256 of the content, hex: the file's name in the cluster's content cache. */
  hash: string;
};

export type SkippedFile = { path: string; reason: string };
export type ProjectListing = { files: ProjectFile[]; bytes: number; skipped: SkippedFile[] };

/**
 * A path the cluster side may join under the job's folder: relative, no `..` or empty parts, and
 * no control character (the manifest sent to the cluster is one line per file, tab-separated).
 */
export function safeProjectPath(path: string): string | null {
  if (path === '' || path.startsWith('/')) return 'it is not relative to the project';
  if (hasControlCharacter(path)) return 'its name has a control character';
  if (path.split('/').some((part) => part === '' || part === '.' || part === '..')) return 'it has an empty, "." or ".." part';
  return null;
}

type IgnoreLayer = { prefix: string; rules: Ignore };

/**
 * What an upload copies: `include` under `root`, minus the upload's ignore names, the packaging
 * `exclude` patterns and every .gitignore on the way (gitignore semantics, via the `ignore`
 * package). A link is followed only to a regular file inside the project (a link to ~/.ssh or to
 * a folder is listed as skipped), and a name the cluster side could not take safely is skipped too.
 */
export async function listProject(upload: UploadSpec, exclude: readonly string[] = [], options: { hash?: boolean } = {}): Promise<ProjectListing> {
  const root = await realpath(upload.root).catch(() => {
    throw new AppError('upload-missing', `upload: ${upload.root} does not exist on this computer.`);
  });
  const base: IgnoreLayer = { prefix: '', rules: ignore().add(upload.ignore.map((name) => (name.includes('/') ? name : `**/${name}`))).add([...exclude]) };
  const listing: ProjectListing = { files: [], bytes: 0, skipped: [] };

  // As git decides: the deepest .gitignore with a rule for the path wins (a `!name` there re-includes).
  const isIgnored = (layers: readonly IgnoreLayer[], rel: string, folder: boolean) => {
    for (const { prefix, rules } of [...layers].reverse()) {
      const inside = prefix === '' ? rel : rel.slice(prefix.length + 1);
      const verdict = rules.test(folder ? `${inside}/` : inside);
      if (verdict.ignored) return true;
      if (verdict.unignored) return false;
    }
    return false;
  };

  const addFile = async (absolute: string, rel: string, size: number, mode: number) => {
    const problem = safeProjectPath(rel);
    if (problem) {
      listing.skipped.push({ path: rel, reason: problem });
      return;
    }
    listing.files.push({ absolute, relative: rel, size, executable: (mode & 0o100) !== 0, hash: '' });
    listing.bytes += size;
    if (listing.files.length > uploadLimits.files || listing.bytes > uploadLimits.bytes) {
      throw new AppError(
        'upload-too-large',
        `upload: ${upload.root} holds more than ${uploadLimits.files} files or 2 GiB; include only what the job needs, or add exclude patterns.`,
      );
    }
  };

  const visit = async (absolute: string, rel: string, layers: readonly IgnoreLayer[]): Promise<void> => {
    const info = await lstat(absolute).catch(() => null);
    if (!info) throw new AppError('upload-missing', `upload: ${absolute} does not exist on this computer.`);
    if (info.isSymbolicLink()) {
      const target = await realpath(absolute).catch(() => null);
      const targetInfo = target ? await stat(target).catch(() => null) : null;
      if (!target || !targetInfo?.isFile() || !isInside(root, target)) {
        listing.skipped.push({ path: rel, reason: 'a link to a folder, or to something outside the project' });
        return;
      }
      return addFile(target, rel, targetInfo.size, targetInfo.mode);
    }
    if (info.isDirectory()) {
      const own = await readFile(join(absolute, '.gitignore'), 'utf8').catch(() => null);
      const inner = own === null ? layers : [...layers, { prefix: rel, rules: ignore().add(own) }];
      for (const name of (await readdir(absolute)).sort()) {
        const child = rel === '' ? name : `${rel}/${name}`;
        const childInfo = await lstat(join(absolute, name)).catch(() => null);
        if (!isIgnored(inner, child, childInfo?.isDirectory() ?? false)) await visit(join(absolute, name), child, inner);
      }
      return;
    }
    if (info.isFile()) await addFile(absolute, rel === '' ? absolute.split(sep).pop()! : rel, info.size, info.mode);
  };

  for (const include of upload.include) {
    const rel = include === '.' ? '' : include.replace(/\/+$/, '');
    await visit(join(root, rel), rel, [base]);
  }
  if (options.hash !== false) await hashAll(listing.files);
  return listing;
}

function isInside(root: string, path: string): boolean {
  const rel = relative(root, path);
  return rel !== '' && !rel.startsWith('..') && !rel.startsWith(sep) && !rel.includes(`..${sep}`);
}

/**
 * Hashes of unchanged files (same inode, size and change time) are remembered for the life of
 * the process: a second submit from the same window re-reads only what changed.
 */
const knownHashes = new Map<string, { key: string; hash: string }>();

async function hashAll(files: ProjectFile[]): Promise<void> {
  const queue = files.slice();
  const worker = async () => {
    for (let file = queue.shift(); file !== undefined; file = queue.shift()) {
      const info = await stat(file.absolute);
      const key = `${info.ino}:${info.size}:${info.mtimeMs}:${info.ctimeMs}`;
      const known = knownHashes.get(file.absolute);
      file.hash = known?.key === key ? known.hash : await hashFile(file.absolute);
      knownHashes.set(file.absolute, { key, hash: file.hash });
    }
  };
  await Promise.all(Array.from({ length: Math.min(8, queue.length) }, worker));
}

export function hashFile(path: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const hash = createHash('sha256');
    createReadStream(path)
      .on('data', (chunk) => hash.update(chunk))
      .on('error', reject)
      .on('end', () => resolve(hash.digest('hex')));
  });
}
