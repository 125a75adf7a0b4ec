import { existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { homedir, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createLocalBackend } from '../../../../../electron/services/backends/local/localBackend';
import type { AuditEvent } from '../../../../../electron/services/audit/auditLog';
import { createFilesHandlers } from '../../../../../electron/services/files/filesHandlers';

const context = { signal: new AbortController().signal, transport: 'memory' as const };

function handlers() {
  const backend = createLocalBackend();
  const audited: AuditEvent[] = [];
  const downloads = mkdtempSync(join(tmpdir(), 'files-downloads-'));
  const files = createFilesHandlers({
    backend: () => backend,
    jobBaseDir: () => '~/slurm_jobs',
    downloadRoot: () => downloads,
    stagingDir: mkdtempSync(join(tmpdir(), 'files-staging-')),
    onTransfer: () => {},
    audit: { record: (event) => audited.push(event) },
  });
  return { files, audited, downloads };
}

describe('files handlers on this computer', () => {
  it('lists a folder with links marked, and reads a byte range', async () => {
    const { files } = handlers();
    const folder = mkdtempSync(join(tmpdir(), 'files-list-'));
    writeFileSync(join(folder, 'a.txt'), 'héllo world');
    const listed = await files['files.list']({ cluster: 'local', path: folder }, context);
    expect(listed.entries.map((entry) => [entry.name, entry.isDirectory, entry.isLink])).toEqual([['a.txt', false, false]]);
    const read = await files['files.read']({ cluster: 'local', path: join(folder, 'a.txt'), offset: 0, length: 2, encoding: 'text' }, context);
    // Two bytes end inside "é": only whole characters come back, and the next read starts there.
    expect(read).toMatchObject({ text: 'h', nextOffset: 1, size: 12 });
  });

  it('renames within the folder, never over an existing name, and audits it', async () => {
    const { files, audited } = handlers();
    const folder = mkdtempSync(join(tmpdir(), 'files-rename-'));
    writeFileSync(join(folder, 'a.txt'), 'a');
    writeFileSync(join(folder, 'b.txt'), 'b');
    await expect(files['files.rename']({ cluster: 'local', path: join(folder, 'a.txt'), name: 'b.txt' }, context)).rejects.toThrow(/already exists/);
    expect(readFileSync(join(folder, 'b.txt'), 'utf8')).toBe('b');
    expect((await files['files.rename']({ cluster: 'local', path: join(folder, 'a.txt'), name: 'c.txt' }, context)).path).toBe(join(folder, 'c.txt'));
    expect(audited).toEqual([{ event: 'file-change', cluster: 'local', action: 'rename', path: join(folder, 'a.txt'), to: join(folder, 'c.txt'), outcome: 'done' }]);
  });

  it('deletes a folder with its contents, but never the home folder or what holds it', async () => {
    const { files } = handlers();
    const folder = mkdtempSync(join(tmpdir(), 'files-delete-'));
    mkdirSync(join(folder, 'inner'));
    writeFileSync(join(folder, 'inner', 'x'), 'x');
    await files['files.delete']({ cluster: 'local', path: folder }, context);
    expect(existsSync(folder)).toBe(false);
    for (const path of ['/', homedir(), dirname(homedir()), '~']) {
      await expect(files['files.delete']({ cluster: 'local', path }, context)).rejects.toThrow(/does not delete/);
    }
  });

  it('uploads a file in chunks into a folder, and downloads a folder into the downloads folder', async () => {
    const { files, downloads } = handlers();
    const folder = mkdtempSync(join(tmpdir(), 'files-upload-'));
    const data = Buffer.from('0123456789');
    await files['files.upload']({ cluster: 'local', folder, name: 'n.txt', offset: 0, size: 10, dataBase64: data.subarray(0, 6).toString('base64'), final: false }, context);
    const done = await files['files.upload']({ cluster: 'local', folder, name: 'n.txt', offset: 6, size: 10, dataBase64: data.subarray(6).toString('base64'), final: true }, context);
    expect(done).toEqual({ received: 10, done: true, path: join(folder, 'n.txt') });
    expect(readFileSync(join(folder, 'n.txt'), 'utf8')).toBe('0123456789');
    const outcome = await files['files.download']({ cluster: 'local', path: folder, resume: false }, context);
    expect(outcome.localPath.startsWith(join(downloads, 'local'))).toBe(true);
    expect(readFileSync(join(outcome.localPath, 'n.txt'), 'utf8')).toBe('0123456789');
  });
});
