import { AppError } from '../../../shared/errors';
import type { Task } from '../../../shared/jobs/jobSpec';
import type { ProjectFile } from './projectFiles';

/** Folders the runner's sys.path reaches a project's top-level package from: the project, and a src/ layout. */
const packageRoots = ['', 'src/'];

/**
 * Catches a target the job could never import, before anything is sent: a .py file target that
 * is not in the upload, or a module whose top-level package is in the upload while the module
 * itself is not. A top-level name absent from the upload may be installed on the cluster, so
 * that is left to the runner, which reports it with the upload's file list.
 */
export function checkImportable(task: Extract<Task, { kind: 'python' }>, files: readonly ProjectFile[]): void {
  const modulePart = task.target.slice(0, task.target.lastIndexOf(':'));
  const paths = new Set(files.map((file) => file.relative));
  if (modulePart.endsWith('.py')) {
    if (!paths.has(modulePart.replace(/^\.\//, ''))) {
      throw new AppError('target-not-uploaded', `task.target: ${modulePart} is not in the upload (not included, or left out by .gitignore or an exclude pattern); the job could not import it.`);
    }
    return;
  }
  const parts = modulePart.split('.');
  for (const root of packageRoots) {
    const top = `${root}${parts[0]}`;
    const topPresent = paths.has(`${top}.py`) || files.some((file) => file.relative.startsWith(`${top}/`));
    if (!topPresent) continue;
    const path = `${root}${parts.join('/')}`;
    const found = paths.has(`${path}.py`) || files.some((file) => file.relative.startsWith(`${path}/`)) || (parts.length === 1 && topPresent);
    if (!found) {
      throw new AppError('target-not-uploaded', `task.target: the package ${parts[0]} is in the upload but ${modulePart} is not (no ${path}.py or ${path}/ was uploaded); check the name, .gitignore and exclude patterns.`);
    }
    return;
  }
}
