import { join, posix } from 'node:path';
import type { Handlers } from '../../../shared/contract/dispatcher';
import type { EventPayload } from '../../../shared/contract/index';
import { maxListedEntries } from '../../../shared/contract/filesMethods';
import { AppError } from '../../../shared/errors';
import type { AuditLog } from '../audit/auditLog';
import type { Backend } from '../backends/types';
import { sanitizeJobName } from '../jobs/jobFolder';
import { readByteRange } from '../jobs/readByteRange';
import { UploadStaging } from '../jobs/uploadStaging';
import { absolutePath, browsePlaces, existingPath } from './clusterPaths';
import { downloadTree } from './downloadTree';

type FileMethods = 'files.places' | 'files.list' | 'files.read' | 'files.download' | 'files.upload' | 'files.rename' | 'files.delete';

export type FilesDeps = {
  backend: (cluster: string) => Backend;
  jobBaseDir: (cluster: string) => string;
  /** The downloads folder on this computer, read at each download (a setting, never a parameter). */
  downloadRoot: () => string;
  stagingDir: string;
  onTransfer: (progress: EventPayload<'transfer.progress'>) => void;
  audit?: AuditLog;
};

/**
 * Any folder the cluster account can read: listed, read by byte range, downloaded whole with
 * resume, written to by upload, renamed and deleted. The cluster's own permissions decide what
 * is possible; every change goes to the audit log.
 */
export function createFilesHandlers(deps: FilesDeps): Pick<Handlers, FileMethods> {
  const staging = new UploadStaging(deps.stagingDir);
  const filesOf = (cluster: string) => deps.backend(cluster).files;
  return {
    'files.places': async ({ cluster }) => ({ places: await browsePlaces(deps.backend(cluster), deps.jobBaseDir(cluster)) }),
    'files.list': async ({ cluster, path }) => {
      const files = filesOf(cluster);
      const folder = await existingPath(files, await absolutePath(files, path), cluster);
      const info = await files.stat(folder);
      if (!info?.isDirectory) throw new AppError('not-a-folder', `${folder} is a file on ${cluster}; open it instead.`, [{ path: 'path', message: 'This is a file.' }]);
      const entries = await files.list(folder);
      return { path: folder, entries: entries.slice(0, maxListedEntries).map((entry) => ({ ...entry, isLink: entry.isLink ?? false })), truncated: entries.length > maxListedEntries };
    },
    'files.read': async ({ cluster, path, offset, length, encoding }) => {
      const files = filesOf(cluster);
      const target = await existingPath(files, await absolutePath(files, path), cluster);
      return readByteRange(files, target, `${target} on ${cluster}`, { offset, length, encoding });
    },
    'files.download': async ({ cluster, path, resume }, context) => {
      const files = filesOf(cluster);
      const source = await existingPath(files, await absolutePath(files, path), cluster);
      const root = join(deps.downloadRoot(), sanitizeJobName(cluster));
      try {
        const outcome = await downloadTree({ files, source, root, resume, signal: context.signal, onProgress: (progress) => deps.onTransfer({ cluster, direction: 'download', path, ...progress }) });
        deps.audit?.record({ event: 'transfer', cluster, direction: 'download', path: source, bytes: outcome.bytes, outcome: 'done' });
        return outcome;
      } catch (error) {
        deps.audit?.record({ event: 'transfer', cluster, direction: 'download', path: source, bytes: 0, outcome: error instanceof AppError ? error.code : 'failed' });
        throw error;
      }
    },
    'files.upload': async ({ cluster, folder, name, offset, size, dataBase64, final }) => {
      const files = filesOf(cluster);
      const into = await existingPath(files, await absolutePath(files, folder, 'folder'), cluster);
      const received = await staging.append(`${cluster}:${into}`, name, { offset, size, data: Buffer.from(dataBase64, 'base64') });
      const target = posix.join(into, name);
      deps.onTransfer({ cluster, direction: 'upload', path: target, transferred: received, total: size, bytesPerSecond: 0 });
      if (!final) return { received, done: false, path: null };
      if ((await files.stat(target))?.isDirectory) throw new AppError('not-a-file', `${target} is a folder; choose another name.`, [{ path: 'name', message: 'A folder has this name.' }]);
      const staged = staging.finish(`${cluster}:${into}`, name, size);
      try {
        await staged.moveTo(files, target, (progress) => deps.onTransfer({ cluster, direction: 'upload', path: target, ...progress }));
        deps.audit?.record({ event: 'transfer', cluster, direction: 'upload', path: target, bytes: size, outcome: 'done' });
      } finally {
        await staged.discard();
      }
      return { received: size, done: true, path: target };
    },
    'files.rename': async ({ cluster, path, name }) => {
      const backend = deps.backend(cluster);
      const from = await absolutePath(backend.files, path);
      if (!(await backend.files.stat(from))) throw new AppError('file-not-found', `${from} does not exist on ${cluster}.`);
      const to = posix.join(posix.dirname(from), name);
      if (await backend.files.stat(to)) throw new AppError('name-taken', `${to} already exists on ${cluster}; choose another name.`, [{ path: 'name', message: 'This name is taken.' }]);
      const moved = await backend.runner.run(['mv', '-n', '--', from, to], { timeoutMs: 60_000 });
      if (moved.exitCode !== 0 || !(await backend.files.stat(to))) throw new AppError('rename-failed', `Renaming ${from} on ${cluster} failed: ${moved.stderr.trim() || 'the new name did not appear'}.`);
      deps.audit?.record({ event: 'file-change', cluster, action: 'rename', path: from, to, outcome: 'done' });
      return { path: to };
    },
    'files.delete': async ({ cluster, path }) => {
      const backend = deps.backend(cluster);
      const target = await absolutePath(backend.files, path);
      const home = await backend.files.homeDir();
      // The home folder and the folders above it hold everything: no single click removes those.
      if (target === '/' || home === target || home.startsWith(`${target}/`)) throw new AppError('refused', `Slurm Desk does not delete ${target}: it holds your home folder.`);
      if (!(await backend.files.stat(target))) throw new AppError('file-not-found', `${target} does not exist on ${cluster}.`);
      const removed = await backend.runner.run(['rm', '-r', '--', target], { timeoutMs: 300_000 });
      deps.audit?.record({ event: 'file-change', cluster, action: 'delete', path: target, to: null, outcome: removed.exitCode === 0 ? 'done' : 'failed' });
      if (removed.exitCode !== 0) throw new AppError('delete-failed', `Deleting ${target} on ${cluster} failed: ${removed.stderr.trim().slice(0, 500) || `rm exited with ${removed.exitCode}`}.`);
      return { deleted: target };
    },
  };
}
