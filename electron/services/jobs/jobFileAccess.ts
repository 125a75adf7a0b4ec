import { posix } from 'node:path';
import { AppError } from '../../../shared/errors';
import { jobFilePathProblem } from '../../../shared/jobs/jobFilePath';
import type { ClusterFiles } from '../backends/types';

/** `inner` is `outer` itself or somewhere below it (plain string paths, already resolved). */
export function isInsideFolder(outer: string, inner: string, allowSame = false): boolean {
  const base = outer.endsWith('/') ? outer : `${outer}/`;
  return inner.startsWith(base) || (allowSame && inner === outer);
}

function refused(field: string, relative: string, jobDir: string, why: string): AppError {
  return new AppError('invalid-path', `${JSON.stringify(relative)} is not a file of the job folder ${jobDir}: ${why}`, [{ path: field, message: why }]);
}

/**
 * Where a window-supplied path into a job folder really is. Checked again here although the
 * contract checked it already (a second caller, the CLI, or a schema slip must not open a hole),
 * then resolved with every link followed: a link that leads out of the job folder is refused, so
 * a job cannot hand the desktop another file of the cluster account. `mustExist: false` is for a
 * file about to be written: its folder must exist inside the job folder.
 */
export async function resolveJobFile(files: ClusterFiles, jobDir: string, relative: string, options: { field: string; mustExist: boolean }): Promise<string> {
  const problem = jobFilePathProblem(relative);
  if (problem) throw refused(options.field, relative, jobDir, problem);
  const joined = posix.join(jobDir, relative);
  if (!isInsideFolder(jobDir, joined)) throw refused(options.field, relative, jobDir, 'it leads outside the job folder.');

  const realDir = await files.realPath(jobDir);
  if (realDir === null) throw new AppError('job-folder-missing', `The job folder ${jobDir} is not there any more.`);
  const realTarget = await files.realPath(joined);
  if (realTarget !== null) {
    if (!isInsideFolder(realDir, realTarget)) throw refused(options.field, relative, jobDir, 'it is a link to somewhere outside the job folder, which Slurm Desk does not follow.');
    return realTarget;
  }
  if (options.mustExist) throw new AppError('file-not-found', `${relative} is not in the job folder ${jobDir}.`, [{ path: options.field, message: 'No such file.' }]);
  const realParent = await files.realPath(posix.dirname(joined));
  if (realParent === null) throw refused(options.field, relative, jobDir, `its folder ${posix.dirname(relative)} does not exist.`);
  if (!isInsideFolder(realDir, realParent, true)) throw refused(options.field, relative, jobDir, 'its folder is a link to somewhere outside the job folder.');
  return posix.join(realParent, posix.basename(joined));
}
