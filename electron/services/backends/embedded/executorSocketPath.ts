import { createHash } from 'node:crypto';
import { lstatSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { isAbsolute, join } from 'node:path';
import { readRegularFile } from '../../fs/readRegularFile';
import { ensurePrivateFolder, isPrivateFolderOfThisUser } from '../../fs/privateFolder';
import { writePrivateFileAtomicSync } from '../../fs/writePrivateFile';
import { executorSocketName } from './executorProtocol';

/** Where the daemon wrote the folder of its socket when the state folder's path was too long. */
export const socketFolderRecordName = 'executor-socket-folder';

/**
 * A Unix socket path has a short limit (108 bytes on Linux, 104 on macOS). A state folder too
 * deep for it gets its socket in `$XDG_RUNTIME_DIR/slurmdesk` when that folder is this user's
 * and private, else in a folder with a random name under the temporary folder, whose path the
 * daemon records in the (private) state folder. Nothing in /tmp has a name another user can
 * guess, so nobody can pre-create it to stop the executor or to stand in for it.
 */
function fits(path: string): boolean {
  return Buffer.byteLength(path) <= 100;
}

/** The socket a client connects to, or null when no daemon has chosen one yet (start one). */
export function executorSocketPath(stateDir: string, env: NodeJS.ProcessEnv = process.env): string | null {
  const inFolder = join(stateDir, executorSocketName);
  if (fits(inFolder)) return inFolder;
  const runtime = runtimeSocketPath(stateDir, env);
  if (runtime) return runtime;
  const recorded = recordedSocketFolder(stateDir);
  return recorded ? join(recorded, executorSocketName) : null;
}

/** The socket the daemon listens on, creating its private folder when it needs one. */
export function executorListenPath(stateDir: string, env: NodeJS.ProcessEnv = process.env): string {
  const inFolder = join(stateDir, executorSocketName);
  if (fits(inFolder)) return inFolder;
  const runtime = runtimeSocketPath(stateDir, env);
  if (runtime) {
    ensurePrivateFolder(join(runtime, '..'));
    return runtime;
  }
  const recorded = recordedSocketFolder(stateDir);
  if (recorded) return join(recorded, executorSocketName);
  // mkdtemp makes the folder 0700 with a name nobody can know beforehand.
  const folder = mkdtempSync(join(tmpdir(), 'slurmdesk-'));
  writePrivateFileAtomicSync(join(stateDir, socketFolderRecordName), folder);
  return join(folder, executorSocketName);
}

/** `$XDG_RUNTIME_DIR/slurmdesk/<hash>.sock`, when that runtime folder is this user's and 0700. */
function runtimeSocketPath(stateDir: string, env: NodeJS.ProcessEnv): string | null {
  const runtimeDir = env.XDG_RUNTIME_DIR?.trim();
  if (!runtimeDir || !isAbsolute(runtimeDir) || !isPrivateFolderOfThisUser(runtimeDir)) return null;
  const path = join(runtimeDir, 'slurmdesk', `${createHash('sha256').update(stateDir).digest('hex').slice(0, 24)}.sock`);
  return fits(path) ? path : null;
}

/** The recorded folder, only while it is still a real folder (not a link) of this user, 0700. */
function recordedSocketFolder(stateDir: string): string | null {
  const read = readRegularFile(join(stateDir, socketFolderRecordName), 4096);
  if (!read.ok) return null;
  const folder = read.bytes.toString('utf8').trim();
  if (!isAbsolute(folder) || !fits(join(folder, executorSocketName))) return null;
  try {
    if (!lstatSync(folder).isDirectory()) return null;
  } catch {
    return null;
  }
  return isPrivateFolderOfThisUser(folder) ? folder : null;
}
