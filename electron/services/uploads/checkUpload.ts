import { constants, type Stats } from 'node:fs';
import { access, lstat, readdir } from 'node:fs/promises';
import { dirname, isAbsolute, join, relative, resolve, sep } from 'node:path';
import { UploadErrorCode, type UploadCheck } from '../../../shared/contract/uploadMethods';
import { AppError } from '../../../shared/errors';
import { UploadSchema } from '../../../shared/jobs/jobSpec';
import { listProject } from '../packaging/projectFiles';

export type UploadOwner = { homeDir: string; uid: number | null };

const sampleSize = 50;
const pythonName = /^[A-Za-z_][A-Za-z0-9_]*$/;

/** `pkg/train.py` → `pkg.train`; null when a part is no Python name (then only the file path works). */
export function moduleNameOf(relativePath: string): string | null {
  if (!relativePath.endsWith('.py')) return null;
  const parts = relativePath.slice(0, -3).split('/');
  return parts.every((part) => pythonName.test(part)) ? parts.join('.') : null;
}

/** `path` is `folder` or somewhere below it. */
export const inside = (folder: string, path: string) => path === folder || path.startsWith(folder.endsWith(sep) ? folder : folder + sep);

/**
 * The one gate for a path the window wants to ship or list: a regular file or folder (never a
 * link, which could point anywhere), owned by the user (another user's files are not theirs to
 * copy off the machine), readable, and neither under ~/.ssh nor the whole home folder.
 */
export async function usablePath(path: string, owner: UploadOwner, what: 'ship' | 'list'): Promise<{ path: string; info: Stats }> {
  const absolute = resolve(path);
  if (!isAbsolute(path)) throw new AppError(UploadErrorCode.unusable, `${path} is not an absolute path; give one like ${join(owner.homeDir, 'project')}.`);
  if (inside(join(owner.homeDir, '.ssh'), absolute)) throw new AppError(UploadErrorCode.refused, `${absolute} is in ~/.ssh, which holds keys: Slurm Desk never ships or lists it.`);
  if (what === 'ship' && absolute === resolve(owner.homeDir)) throw new AppError(UploadErrorCode.refused, `${absolute} is your whole home folder; pick the project folder or the files the job needs.`);
  const info = await lstat(absolute).catch(() => null);
  if (!info) throw new AppError(UploadErrorCode.unusable, `${absolute} does not exist on this computer.`);
  if (info.isSymbolicLink()) throw new AppError(UploadErrorCode.unusable, `${absolute} is a symbolic link; pick the file or folder it points to.`);
  if (!info.isFile() && !info.isDirectory()) throw new AppError(UploadErrorCode.unusable, `${absolute} is neither a regular file nor a folder.`);
  if (owner.uid !== null && info.uid !== owner.uid) throw new AppError(UploadErrorCode.notOwned, `${absolute} belongs to another user; copy it into a folder of yours first.`);
  try {
    await access(absolute, info.isDirectory() ? constants.R_OK | constants.X_OK : constants.R_OK);
  } catch {
    throw new AppError(UploadErrorCode.unusable, `${absolute} cannot be read; check its permissions.`);
  }
  return { path: absolute, info };
}

/**
 * What shipping `path` with a job would copy: root defaults to the file's folder (or the folder
 * itself), the same file list and limits the submission applies, and the module a .py file is.
 */
export async function checkUpload(request: { path: string; root?: string | undefined }, owner: UploadOwner): Promise<UploadCheck> {
  const picked = await usablePath(request.path, owner, 'ship');
  const kind = picked.info.isDirectory() ? 'folder' : 'file';
  const root = request.root === undefined ? (kind === 'folder' ? picked.path : dirname(picked.path)) : (await usablePath(request.root, owner, 'list')).path;
  if (request.root !== undefined && !(await lstat(root)).isDirectory()) throw new AppError(UploadErrorCode.unusable, `The upload root ${root} is not a folder.`);
  if (!inside(root, picked.path)) throw new AppError(UploadErrorCode.outsideRoot, `${picked.path} is not inside the upload root ${root}; pick a root that holds it.`);
  const relativePath = relative(root, picked.path).split(sep).join('/') || '.';
  const { files } = await listProject(UploadSchema.parse({ root, include: [relativePath] }), [], { hash: false });
  return {
    path: picked.path,
    root,
    kind,
    relative: relativePath,
    module: kind === 'file' ? moduleNameOf(relativePath) : null,
    files: files.length,
    bytes: files.reduce((sum, file) => sum + file.size, 0),
    sample: files.slice(0, sampleSize).map((file) => file.relative || relativePath),
  };
}

const maxListed = 2000;

/** A folder's regular files and subfolders, folders first; links, devices and ~/.ssh are left out. */
export async function browseFolder(folder: string | undefined, owner: UploadOwner) {
  const { path } = await usablePath(folder ?? owner.homeDir, owner, 'list');
  if (!(await lstat(path)).isDirectory()) throw new AppError(UploadErrorCode.unusable, `${path} is not a folder.`);
  const entries: { name: string; kind: 'file' | 'folder' }[] = [];
  for (const entry of await readdir(path, { withFileTypes: true })) {
    if (entry.isDirectory() && !inside(join(owner.homeDir, '.ssh'), join(path, entry.name))) entries.push({ name: entry.name, kind: 'folder' });
    else if (entry.isFile()) entries.push({ name: entry.name, kind: 'file' });
  }
  entries.sort((a, b) => (a.kind === b.kind ? a.name.localeCompare(b.name) : a.kind === 'folder' ? -1 : 1));
  const parent = dirname(path);
  return { folder: path, parent: parent === path ? null : parent, entries: entries.slice(0, maxListed), truncated: entries.length > maxListed };
}
