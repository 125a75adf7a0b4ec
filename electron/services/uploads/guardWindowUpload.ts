import { realpath } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import type { Handler, Handlers } from '../../../shared/contract/dispatcher';
import { UploadErrorCode } from '../../../shared/contract/uploadMethods';
import { AppError } from '../../../shared/errors';
import type { UploadSpec } from '../../../shared/jobs/jobSpec';
import { inside, usablePath, type UploadOwner } from './checkUpload';

async function realOrSelf(path: string): Promise<string> {
  return realpath(path).catch(() => resolve(path));
}

/**
 * A job spec from the window may name files on this computer to ship. The window has no file
 * access of its own, so what it names gets the same gate as `uploads.check`: the root and every
 * included path owned by the user, readable, no link, and nothing that holds ~/.ssh (a folder
 * included whole would carry the keys along, and a job's output could hand them back).
 */
export async function guardWindowUpload(upload: UploadSpec | undefined, owner: UploadOwner): Promise<void> {
  if (!upload) return;
  const root = await usablePath(upload.root, owner, 'list');
  if (!root.info.isDirectory()) throw new AppError(UploadErrorCode.unusable, `The upload root ${root.path} is not a folder.`);
  const keys = await realOrSelf(join(owner.homeDir, '.ssh'));
  for (const include of upload.include) {
    const picked = await usablePath(join(root.path, include), owner, 'ship');
    const real = await realOrSelf(picked.path);
    if (inside(keys, real) || (picked.info.isDirectory() && inside(real, keys))) {
      throw new AppError(UploadErrorCode.refused, `${picked.path} holds or is ~/.ssh, which holds keys: Slurm Desk never ships it. Pick the project folder or the files the job needs.`);
    }
  }
}

type GuardedMethods = 'jobs.submit' | 'jobs.preview' | 'slurmfiles.submit';

/** The window's submission doors, each checking the files a spec names before the engine sees it. */
export function guardUploadsOf(handlers: Pick<Handlers, GuardedMethods>, owner: UploadOwner): Pick<Handlers, GuardedMethods> {
  const guarded = <M extends GuardedMethods>(handler: Handler<M>): Handler<M> =>
    async (params, context) => {
      await guardWindowUpload(params.spec.upload, owner);
      return handler(params, context);
    };
  return {
    'jobs.submit': guarded(handlers['jobs.submit']),
    'jobs.preview': guarded(handlers['jobs.preview']),
    'slurmfiles.submit': guarded(handlers['slurmfiles.submit']),
  };
}
