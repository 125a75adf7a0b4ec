import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { AppError } from '../../../../../../shared/errors';
import { readSshConfigFile, SshConfigErrorCode } from '../../../../../../electron/services/ssh/sshConfig/readSshConfigFile';

const temp = mkdtempSync(join(tmpdir(), 'slurmdesk-read-ssh-config-'));
afterAll(() => rmSync(temp, { recursive: true, force: true }));

describe('readSshConfigFile', () => {
  it('imports a real file, naming it in notes', async () => {
    const path = join(temp, 'config');
    writeFileSync(path, 'Host hpc\n  HostName login.hpc.example.org\n  User alice\n  IdentityFile id_hpc\nHost\n');
    const result = await readSshConfigFile(path, { home: '/home/alice' });
    expect(result.profiles).toEqual([
      expect.objectContaining({ name: 'hpc', host: 'login.hpc.example.org', user: 'alice' }),
    ]);
    expect(result.profiles[0]?.auth?.keyFiles).toEqual(['/home/alice/.ssh/id_hpc']);
    expect(result.notes[0]?.message).toMatch(new RegExp(`^${path.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')} line 5 cannot be read`));
  });

  it('returns an empty import when there is no config file', async () => {
    await expect(readSshConfigFile(join(temp, 'absent', 'config'))).resolves.toEqual({ profiles: [], skipped: [], notes: [] });
  });

  it('fails with a clear AppError when the path is a folder', async () => {
    const dir = join(temp, 'a-directory');
    mkdirSync(dir);
    const failure = await readSshConfigFile(dir).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(AppError);
    expect(failure).toMatchObject({ code: SshConfigErrorCode.notAFile, message: expect.stringContaining(`${dir} is a folder, not a regular file`) });
  });

  it('refuses a file far larger than any ssh config', async () => {
    const path = join(temp, 'huge');
    writeFileSync(path, '#'.repeat(2 * 1024 * 1024));
    await expect(readSshConfigFile(path)).rejects.toMatchObject({ code: SshConfigErrorCode.tooLarge });
  });
});
