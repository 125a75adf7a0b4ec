import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import type { Stats } from 'node:fs';
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

  const tooLarge = () =>
    new AppError('upload-too-large', `upload: ${upload.root} holds more than ${uploadLimits.files} files or 2 GiB; include only what the job needs, or add exclude patterns.`);

  // First the folders, in order (a readdir each; the entries' types come with it), then every file's stat at once.
  const candidates: { absolute: string; rel: string; link: boolean }[] = [];
  const walk = async (absolute: string, rel: string, layers: readonly IgnoreLayer[]): Promise<void> => {
    const own = await readFile(join(absolute, '.gitignore'), 'utf8').catch(() => null);
    const inner = own === null ? layers : [...layers, { prefix: rel, rules: ignore().add(own) }];
    const entries = (await readdir(absolute, { withFileTypes: true })).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    for (const entry of entries) {
      const child = rel === '' ? entry.name : `${rel}/${entry.name}`;
      if (isIgnored(inner, child, entry.isDirectory())) continue;
      if (entry.isDirectory()) await walk(join(absolute, entry.name), child, inner);
      else if (entry.isFile() || entry.isSymbolicLink()) candidates.push({ absolute: join(absolute, entry.name), rel: child, link: entry.isSymbolicLink() });
      if (candidates.length > uploadLimits.files) throw tooLarge();
    }
  };
  for (const include of upload.include) {
    const rel = include === '.' ? '' : include.replace(/\/+$/, '');
    const absolute = join(root, rel);
    const info = await lstat(absolute).catch(() => null);
    if (!info) throw new AppError('upload-missing', `upload: ${absolute} does not exist on this computer.`);
    if (info.isDirectory()) await walk(absolute, rel, [base]);
    else candidates.push({ absolute, rel: rel === '' ? absolute.split(sep).pop()! : rel, link: info.isSymbolicLink() });
  }

  const examined = await mapConcurrently(candidates, 64, async ({ absolute, rel, link }) => {
    if (!link) return { absolute, rel, info: await lstat(absolute) };
    // A link is followed only to a regular file inside the project (never to ~/.ssh, never to a folder).
    const target = await realpath(absolute).catch(() => null);
    const info = target ? await stat(target).catch(() => null) : null;
    return target && info?.isFile() && isInside(root, target) ? { absolute: target, rel, info } : { absolute, rel, info: null };
  });
  for (const { absolute, rel, info } of examined) {
    if (!info) {
      listing.skipped.push({ path: rel, reason: 'a link to a folder, or to something outside the project' });
      continue;
    }
    if (!info.isFile()) continue;
    const problem = safeProjectPath(rel);
    if (problem) {
      listing.skipped.push({ path: rel, reason: problem });
      continue;
    }
    const file = { absolute, relative: rel, size: info.size, executable: (info.mode & 0o100) !== 0, hash: '' };
    stamps.set(file, stampOf(info));
    listing.files.push(file);
    listing.bytes += info.size;
    if (listing.bytes > uploadLimits.bytes) throw tooLarge();
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
/** What the listing's own stat said of each file, so hashing needs no second stat. */
const stamps = new WeakMap<ProjectFile, string>();

function stampOf(info: Stats): string {
  return `${info.ino}:${info.size}:${info.mtimeMs}:${info.ctimeMs}`;
}

async function hashAll(files: ProjectFile[]): Promise<void> {
  await mapConcurrently(files, 8, async (file) => {
    const key = stamps.get(file) ?? stampOf(await stat(file.absolute));
    const known = knownHashes.get(file.absolute);
    file.hash = known?.key === key ? known.hash : await hashFile(file.absolute);
    knownHashes.set(file.absolute, { key, hash: file.hash });
  });
}

/** `work` on every item, at most `limit` at a time; results in the items' order. */
export async function mapConcurrently<T, R>(items: readonly T[], limit: number, work: (item: T) => Promise<R>): Promise<R[]> {
  const results = new Array<R>(items.length);
  let next = 0;
  const worker = async () => {
    for (let index = next++; index < items.length; index = next++) results[index] = await work(items[index]!);
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return results;
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
