import { z } from 'zod';

export const maxRemotePathLength = 4096;

/**
 * Why a path on a cluster, as the window sends it for browsing, is refused, or null. An absolute
 * POSIX path or one under the home folder (`~`, `~/…`); no NUL or control character (they garble
 * messages and logs and never belong in a name a person browses to), no `.` or `..` part (the
 * answer names the real folder instead), no empty part but a trailing slash.
 */
export function remotePathProblem(path: string): string | null {
  if (path.length === 0) return 'The path is empty.';
  if (path.length > maxRemotePathLength) return `The path is longer than ${maxRemotePathLength} characters.`;
  if ([...path].some((character) => character < ' ' || character === '\u007f')) return 'The path contains a control character.';
  if (!(path.startsWith('/') || path === '~' || path.startsWith('~/'))) return 'The path must start with / or ~/.';
  const parts = path.replace(/\/$/, '').split('/').slice(1);
  if (parts.includes('..') || parts.includes('.')) return 'The path may not contain "." or ".." parts.';
  if (path !== '/' && parts.some((part) => part === '')) return 'The path has an empty part (//).';
  return null;
}

export const RemotePathSchema = z
  .string()
  .max(maxRemotePathLength)
  .superRefine((path, context) => {
    const problem = remotePathProblem(path);
    if (problem) context.addIssue({ code: 'custom', message: problem });
  });

/** A single file or folder name (a rename's new name, an upload's name): no slash, no control character. */
export function fileNameProblem(name: string): string | null {
  if (name.length === 0) return 'The name is empty.';
  if (name.length > 255) return 'The name is longer than 255 characters.';
  if (name === '.' || name === '..') return 'The name cannot be "." or "..".';
  if (name.includes('/')) return 'The name may not contain a slash.';
  if ([...name].some((character) => character < ' ' || character === '\u007f')) return 'The name contains a control character.';
  return null;
}

export const FileNameSchema = z
  .string()
  .max(255)
  .superRefine((name, context) => {
    const problem = fileNameProblem(name);
    if (problem) context.addIssue({ code: 'custom', message: problem });
  });

/** `/a/b` under `/a` → `b`; `/a` itself → ''; null when `inner` is not inside `outer`. */
export function relativeInside(outer: string, inner: string): string | null {
  if (inner === outer) return '';
  const base = outer.endsWith('/') ? outer : `${outer}/`;
  return inner.startsWith(base) ? inner.slice(base.length) : null;
}
