import { chmodSync, chownSync, mkdirSync, mkdtempSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createLocalFiles } from '../../../../../electron/services/backends/local/localFiles';
import { checkJobFolders, folderChain, folderProblem } from '../../../../../electron/services/jobs/jobFolderSafety';

const me = process.getuid!();
const someoneElse = me + 4242;
const files = createLocalFiles();
const check = (baseDir: string, jobDir = join(baseDir, 'name', '20260101_000000_00000000')) =>
  checkJobFolders({ files, userId: me, baseDir, jobDir, cluster: 'here' });

describe('the job folder checks', () => {
  it('judge the base and below strictly, folders above it by OpenSSH-like rules', () => {
    const mine = { uid: me, isDirectory: true };
    expect(folderProblem({ ...mine, mode: 0o700 }, me, 'own')).toBeNull();
    expect(folderProblem({ ...mine, mode: 0o775 }, me, 'own')).toMatch(/writable by its group or by others \(mode 0775/);
    expect(folderProblem({ uid: 0, isDirectory: true, mode: 0o1777 }, me + 1, 'own')).toMatch(/belongs to uid 0, not to you/);
    expect(folderProblem({ uid: 0, isDirectory: true, mode: 0o1777 }, me + 1, 'ancestor')).toBeNull();
    expect(folderProblem({ uid: someoneElse, isDirectory: true, mode: 0o1777 }, me, 'ancestor')).toMatch(/neither to you .* nor to root/);
    expect(folderProblem({ uid: 0, isDirectory: true, mode: 0o777 }, me, 'ancestor')).toMatch(/without the sticky bit \(mode 0777/);
    expect(folderChain('/a/b/')).toEqual(['/', '/a', '/a/b']);
  });

  it('accept a private base under a sticky /tmp, made or not yet made', async () => {
    const base = mkdtempSync(join(tmpdir(), 'slurmdesk-safe-'));
    await expect(check(base)).resolves.toBeUndefined();
    await expect(check(join(base, 'not-yet'))).resolves.toBeUndefined();
  });

  it('refuse a base that belongs to someone else, naming it, its owner and its mode', async () => {
    const base = mkdtempSync(join(tmpdir(), 'slurmdesk-theirs-'));
    chownSync(base, someoneElse, someoneElse);
    await expect(check(base)).rejects.toMatchObject({ code: 'job-folder-unsafe', message: expect.stringContaining(`${base} on here belongs to uid ${someoneElse}, not to you (uid ${me}; mode 0700)`) });
  });

  it('refuse a group-writable base, and a job name folder someone else made in it', async () => {
    const base = mkdtempSync(join(tmpdir(), 'slurmdesk-shared-'));
    chmodSync(base, 0o770);
    await expect(check(base)).rejects.toThrow(/writable by its group or by others \(mode 0770/);
    chmodSync(base, 0o700);
    mkdirSync(join(base, 'name'));
    chownSync(join(base, 'name'), someoneElse, someoneElse);
    await expect(check(base)).rejects.toThrow(`${join(base, 'name')} on here belongs to uid ${someoneElse}`);
  });

  it('refuse a base reached through a link into a folder others can rename', async () => {
    const shared = mkdtempSync(join(tmpdir(), 'slurmdesk-open-'));
    chmodSync(shared, 0o777);
    const target = join(shared, 'jobs');
    mkdirSync(target, { mode: 0o700 });
    const home = mkdtempSync(join(tmpdir(), 'slurmdesk-home-'));
    symlinkSync(target, join(home, 'slurm_jobs'));
    await expect(check(join(home, 'slurm_jobs'))).rejects.toThrow(`${shared} on here is writable by its group or by others without the sticky bit`);
  });
});
