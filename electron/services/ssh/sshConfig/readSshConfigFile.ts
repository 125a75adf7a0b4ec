import { homedir, userInfo } from 'node:os';
import { AppError } from '../../../../shared/errors';
import { readRegularFile } from '../../fs/readRegularFile';
import { importSshConfig, type SshConfigImport, type SshConfigImportOptions } from './importSshConfig';

// A real ssh_config is a few KB; anything this large is not one, and is not worth holding in memory.
const maxConfigBytes = 1024 * 1024;

export const SshConfigErrorCode = {
  unreadable: 'ssh-config-unreadable',
  tooLarge: 'ssh-config-too-large',
  notAFile: 'ssh-config-not-a-file',
} as const;

/**
 * Reads and imports an ssh_config file. No file is a normal state (many people have none), so it
 * yields an empty import; a file that exists but cannot be read is an error the person must fix.
 */
export async function readSshConfigFile(
  path: string,
  options: Partial<Omit<SshConfigImportOptions, 'configPath'>> = {},
): Promise<SshConfigImport> {
  // Through the one bounded reader: a path from the window or the command line may name
  // /dev/zero or a FIFO, which must be refused at once rather than read until memory runs out.
  const read = readRegularFile(path, maxConfigBytes);
  if (!read.ok) {
    if (read.problem === 'unreadable' && read.code === 'ENOENT') return { profiles: [], skipped: [], notes: [] };
    if (read.problem === 'unreadable') {
      throw new AppError(SshConfigErrorCode.unreadable, `The SSH config ${path} cannot be read (${read.code}): check that it is a file you can read.`);
    }
    if (read.problem === 'not-a-file') {
      throw new AppError(SshConfigErrorCode.notAFile, `The SSH config ${path} is a ${read.kind}, not a regular file: name your ssh_config file (usually ~/.ssh/config).`);
    }
    throw new AppError(
      SshConfigErrorCode.tooLarge,
      `The SSH config ${path} is ${read.size} bytes, larger than the ${maxConfigBytes} bytes (1 MB) an ssh_config file can be; name your ssh_config file.`,
    );
  }
  const data = read.bytes;
  return importSshConfig(data.toString('utf8'), {
    home: options.home ?? homedir(),
    configPath: path,
    localUser: options.localUser ?? localUserName(),
    defaultUser: options.defaultUser,
  });
}

function localUserName(): string | undefined {
  try {
    return userInfo().username;
  } catch {
    // userInfo() throws for a uid with no passwd entry (some containers): %u then stays unexpanded.
    return undefined;
  }
}
