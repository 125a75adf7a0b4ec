import { posix } from 'node:path';
import { AppError } from '../../../shared/errors';
import type { ClusterFiles, CommandRunner, FileOwnership } from '../backends/types';

/** The stable code of a refusal to write a job where another user could swap its files. */
export const unsafeJobFolderCode = 'job-folder-unsafe';

/**
 * Slurm runs a job's script as the person who submitted it, and that script reads the runner, the
 * arguments and the project from the job folder. Whoever can rename a folder on the way there can
 * put their own files in its place and have them run as that person. So, before anything is
 * written and again once the folders exist:
 * - the base folder and every folder under it (the job's own) belong to the person and are not
 *   writable by group or others;
 * - every folder above the base belongs to the person or to root and is not writable by group or
 *   others, unless it is root's and sticky (/tmp): there nobody but root and the owner of an entry
 *   can rename it.
 * Both the path as written and the path with every link resolved are judged, so a link on the way
 * can neither lead somewhere unsafe nor sit in a folder where someone else could replace it.
 */
export async function checkJobFolders(input: { files: ClusterFiles; userId: number; baseDir: string; jobDir: string; cluster: string }): Promise<void> {
  const { files, userId, baseDir, jobDir } = input;
  const literal = folderChain(jobDir);
  const literalOwners = await Promise.all(literal.map((path) => files.ownership(path)));
  // Folders not made yet are checked on the second pass, once made (by this app, with its mode).
  const existing = literalOwners.findIndex((owner) => owner === null);
  const deepest = literal[(existing === -1 ? literal.length : existing) - 1]!;
  const [realDeepest, realBase] = await Promise.all([files.realPath(deepest), files.realPath(baseDir)]);

  const judged = new Map<string, 'own' | 'ancestor'>();
  const add = (path: string, base: string | null) => {
    const zone = base !== null && isWithin(path, base) ? 'own' : 'ancestor';
    if (judged.get(path) !== 'own') judged.set(path, zone);
  };
  for (const path of literal.slice(0, existing === -1 ? literal.length : existing)) add(path, baseDir);
  if (realDeepest !== null) for (const path of folderChain(realDeepest)) add(path, realBase);

  const paths = [...judged.keys()];
  // The folders as written were asked about already; only those met through a link are new.
  const known = new Map(literal.map((path, index) => [path, literalOwners[index]] as const));
  const owners = await Promise.all(paths.map((path) => (known.has(path) ? known.get(path) : files.ownership(path))));
  paths.forEach((path, index) => {
    const owner = owners[index];
    if (owner === null || owner === undefined) return; // removed meanwhile: the next pass or mkdir says so
    const problem = folderProblem(owner, userId, judged.get(path)!);
    if (problem !== null) {
      throw new AppError(
        unsafeJobFolderCode,
        `The folder ${path} on ${input.cluster} ${problem}, so another user could replace a job's files there and have them run as you. ` +
          'Nothing was written. Make it yours and private (chown, chmod go-w), or choose another job base folder in Settings or in the cluster\'s profile.',
      );
    }
  });
}

/** Why this folder is unsafe for its place in the chain, or null when it is fine. */
export function folderProblem(owner: FileOwnership, userId: number, zone: 'own' | 'ancestor'): string | null {
  const mode = `mode ${owner.mode.toString(8).padStart(4, '0')}`;
  if (!owner.isDirectory) return `is not a folder (${mode})`;
  const writableByOthers = (owner.mode & 0o022) !== 0;
  if (zone === 'own') {
    if (owner.uid !== userId) return `belongs to uid ${owner.uid}, not to you (uid ${userId}; ${mode})`;
    if (writableByOthers) return `is writable by its group or by others (${mode}, owner uid ${owner.uid})`;
    return null;
  }
  if (owner.uid !== userId && owner.uid !== 0) return `belongs to uid ${owner.uid}, neither to you (uid ${userId}) nor to root (${mode})`;
  const rootsSticky = owner.uid === 0 && (owner.mode & 0o1000) !== 0;
  if (writableByOthers && !rootsSticky) return `is writable by its group or by others without the sticky bit (${mode}, owner uid ${owner.uid})`;
  return null;
}

/** `/`, `/a`, `/a/b`… down to `path` itself. */
export function folderChain(path: string): string[] {
  const parts = posix.normalize(path).split('/').filter((part) => part !== '');
  return ['/', ...parts.map((_, index) => `/${parts.slice(0, index + 1).join('/')}`)];
}

function isWithin(path: string, base: string): boolean {
  return path === base || path.startsWith(base.endsWith('/') ? base : `${base}/`);
}

const userIds = new WeakMap<CommandRunner, Promise<number>>();

/** The numeric user id jobs run as where this runner runs (`id -u`, asked once per backend). */
export function clusterUserId(runner: CommandRunner): Promise<number> {
  let known = userIds.get(runner);
  if (!known) {
    known = runner.run(['id', '-u'], { timeoutMs: 30_000 }).then((result) => {
      const id = Number(result.stdout.trim());
      if (result.exitCode !== 0 || !Number.isInteger(id) || id < 0) {
        throw new AppError(unsafeJobFolderCode, `Could not learn your user id on the cluster (\`id -u\` said ${JSON.stringify(result.stdout.trim().slice(0, 80))}); the job folder cannot be checked, so nothing was written.`);
      }
      return id;
    });
    known.catch(() => userIds.delete(runner));
    userIds.set(runner, known);
  }
  return known;
}
