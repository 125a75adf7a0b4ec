/** What the cluster said of a file when its download began, kept beside the partial copy. */
export type RemoteVersion = { size: number; mtimeMs: number };

/**
 * Where a download continues: the partial copy's length, when the file on the cluster is still the
 * one it was copied from (same size and modification time as recorded) and the copy is not longer
 * than it; otherwise from the start, since bytes of another version would be spliced in.
 */
export function resumeOffset(partialSize: number | null, recorded: RemoteVersion | null, remote: RemoteVersion): number {
  if (partialSize === null || recorded === null) return 0;
  if (recorded.size !== remote.size || recorded.mtimeMs !== remote.mtimeMs) return 0;
  if (partialSize > remote.size) return 0;
  return partialSize;
}

/** The recorded version, from the text of its sidecar file, or null when it is missing or not ours. */
export function parseRemoteVersion(text: string | null): RemoteVersion | null {
  if (text === null) return null;
  try {
    const value = JSON.parse(text) as { size?: unknown; mtimeMs?: unknown };
    return typeof value.size === 'number' && typeof value.mtimeMs === 'number' ? { size: value.size, mtimeMs: value.mtimeMs } : null;
  } catch {
    return null;
  }
}
