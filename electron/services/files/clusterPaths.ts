import { posix } from 'node:path';
import { AppError } from '../../../shared/errors';
import { remotePathProblem } from '../../../shared/files/remotePath';
import type { Backend, ClusterFiles } from '../backends/types';

/**
 * A path the window sent, checked again (the contract did already: a second caller, the CLI, must
 * not open a hole) and made absolute: `~` is the cluster account's home folder.
 */
export async function absolutePath(files: ClusterFiles, path: string, field = 'path'): Promise<string> {
  const problem = remotePathProblem(path);
  if (problem) throw new AppError('invalid-path', `${JSON.stringify(path)} is refused: ${problem}`, [{ path: field, message: problem }]);
  if (path === '~' || path.startsWith('~/')) return posix.join(await files.homeDir(), path.slice(1)).replace(/\/$/, '') || '/';
  return path.length > 1 ? path.replace(/\/$/, '') : path;
}

/** The path with its links resolved, or an error that names it when nothing is there. */
export async function existingPath(files: ClusterFiles, path: string, cluster: string): Promise<string> {
  const real = await files.realPath(path);
  if (real === null) throw new AppError('file-not-found', `${path} does not exist on ${cluster}, or you cannot reach it.`, [{ path: 'path', message: 'Nothing is there.' }]);
  return real;
}

/**
 * Where browsing starts: home, the job folder base, and the folders sites announce in the
 * environment ($SCRATCH, $WORK, $PROJECT), read with one command; those unset or missing are left out.
 */
export async function browsePlaces(backend: Backend, jobBaseDir: string): Promise<{ label: string; path: string }[]> {
  const home = await backend.files.homeDir();
  const places = [{ label: 'Home', path: home }];
  const jobs = jobBaseDir === '~' || jobBaseDir.startsWith('~/') ? posix.join(home, jobBaseDir.slice(1)) : jobBaseDir;
  if (await backend.files.stat(jobs)) places.push({ label: 'Jobs', path: jobs });
  const announced = await backend.runner.run(['sh', '-c', 'printf "%s\\n" "${SCRATCH:-}" "${WORK:-}" "${PROJECT:-}"'], { timeoutMs: 15_000 }).catch(() => null);
  const labels = ['Scratch', 'Work', 'Project'];
  for (const [index, line] of (announced?.stdout.split('\n') ?? []).slice(0, 3).entries()) {
    const path = line.trim();
    if (path.startsWith('/') && remotePathProblem(path) === null && !places.some((place) => place.path === path)) places.push({ label: labels[index]!, path });
  }
  return places;
}
