import { AppError } from '../../../shared/errors';

/**
 * The batch script's path ends sbatch's argv. Absolute means it starts with '/', so it can never be
 * read as an option; control characters have no place in a path and would garble logs and messages.
 */
export function checkedScriptPath(path: string): string {
  if (!path.startsWith('/') || [...path].some(isControl)) {
    throw new AppError('invalid-script-path', `The job script path must be absolute and contain no control characters: "${path.slice(0, 200)}"`);
  }
  return path;
}

function isControl(character: string): boolean {
  const code = character.codePointAt(0)!;
  return code < 0x20 || code === 0x7f;
}
