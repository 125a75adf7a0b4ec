import { z } from 'zod';

export const maxJobFilePathLength = 1024;

/**
 * Why a path into a job folder is refused, or null when it is acceptable. Such paths come from
 * the window, so they are checked twice: here (the contract) and again where the file is opened,
 * which also resolves links. Only plain relative paths pass: no absolute path, no `..`, no NUL,
 * no backslash (a Windows separator on one side is a name on the other), no empty or `.` parts.
 */
export function jobFilePathProblem(path: string): string | null {
  if (path.length === 0) return 'The path is empty.';
  if (path.length > maxJobFilePathLength) return `The path is longer than ${maxJobFilePathLength} characters.`;
  if (path.includes('\0')) return 'The path contains a NUL character.';
  // Control characters have no business in a file name and would garble messages and logs.
  if ([...path].some((character) => character < ' ' || character === '\u007f')) return 'The path contains a control character.';
  if (path.includes('\\')) return 'The path contains a backslash; use / between folders.';
  if (path.startsWith('/') || path.startsWith('~') || /^[A-Za-z]:/.test(path)) return 'The path must be relative to the job folder, not absolute.';
  const parts = path.split('/');
  if (parts.includes('..')) return 'The path may not contain "..".';
  if (parts.some((part) => part === '' || part === '.')) return 'The path has an empty or "." part.';
  return null;
}

/** A path relative to a job folder, as the contract accepts it. */
export const JobFilePathSchema = z
  .string()
  .max(maxJobFilePathLength)
  .superRefine((path, context) => {
    const problem = jobFilePathProblem(path);
    if (problem) context.addIssue({ code: 'custom', message: problem });
  });
