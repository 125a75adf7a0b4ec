import { readFile } from 'node:fs/promises';
import { homedir, userInfo } from 'node:os';
import { AppError } from '../../../../shared/errors';
import { importSshConfig, type SshConfigImport, type SshConfigImportOptions } from './importSshConfig';

// A real ssh_config is a few KB; anything this large is not one, and is not worth holding in memory.
const maxConfigBytes = 1024 * 1024;

export const SshConfigErrorCode = { unreadable: 'ssh-config-unreadable', tooLarge: 'ssh-config-too-large' } as const;

/**
 * Reads and imports an ssh_config file. No file is a normal state (many people have none), so it
 * yields an empty import; a file that exists but cannot be read is an error the person must fix.
 */
export async function readSshConfigFile(
  path: string,
  options: Partial<Omit<SshConfigImportOptions, 'configPath'>> = {},
): Promise<SshConfigImport> {
  let data: Buffer;
  try {
    data = await readFile(path);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') return { profiles: [], skipped: [], notes: [] };
    throw new AppError(
      SshConfigErrorCode.unreadable,
      `The SSH config ${path} cannot be read (${code ?? 'unknown error'}): check that it is a file you can read.`,
    );
  }
  if (data.length > maxConfigBytes) {
    throw new AppError(SshConfigErrorCode.tooLarge, `The SSH config ${path} is larger than 1 MB, so it is not an ssh_config file.`);
  }
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
