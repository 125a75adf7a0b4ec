import { lstatSync, mkdtempSync, readdirSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { homedir, tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createLocalFiles } from '../../../../../../electron/services/backends/local/localFiles';

// The real filesystem, no Slurm needed. Lives here until test/unit/electron/services/backends/local/
// exists (that folder belongs to another change); it mirrors electron/services/backends/local/.
const root = mkdtempSync(join(tmpdir(), 'slurmdesk-localfiles-'));
const files = createLocalFiles();
afterAll(() => rmSync(root, { recursive: true, force: true }));

describe('createLocalFiles', () => {
  it('knows the home folder', async () => {
    expect(await files.homeDir()).toBe(homedir());
  });

  it('creates folders and parents with exactly the mode asked, whatever the umask', async () => {
    const previous = process.umask(0o077);
    try {
      await files.mkdir(join(root, 'a', 'b', 'c'), 0o750);
    } finally {
      process.umask(previous);
    }
    for (const path of ['a', 'a/b', 'a/b/c']) expect(statSync(join(root, path)).mode & 0o777).toBe(0o750);
    await expect(files.mkdir(join(root, 'a', 'b', 'c'), 0o700)).resolves.toBeUndefined(); // exists: fine, untouched
    expect(statSync(join(root, 'a/b/c')).mode & 0o777).toBe(0o750);
  });

  it('writes atomically: the file appears whole with its mode, no temp file left behind', async () => {
    const path = join(root, 'job.sh');
    await files.writeFileAtomic(path, '#!/bin/bash\necho one\n', 0o750);
    await files.writeFileAtomic(path, new TextEncoder().encode('#!/bin/bash\necho two\n'), 0o700);
    expect(new TextDecoder().decode((await files.readFile(path))!)).toBe('#!/bin/bash\necho two\n');
    expect(statSync(path).mode & 0o777).toBe(0o700);
    expect(readdirSync(root).filter((name) => name.endsWith('.tmp'))).toEqual([]);
  });

  it('leaves nothing behind when the write fails', async () => {
    await expect(files.writeFileAtomic(join(root, 'missing-folder', 'x'), 'x', 0o600)).rejects.toThrow();
    await expect(files.writeFileAtomic(join(root, 'a'), 'x', 0o600)).rejects.toThrow(); // a folder is in the way
    expect(readdirSync(root).filter((name) => name.endsWith('.tmp'))).toEqual([]);
  });

  it('reads a byte range, fewer bytes at the end, and null for a missing file', async () => {
    const path = join(root, 'log.txt');
    writeFileSync(path, '0123456789');
    expect(new TextDecoder().decode((await files.readFile(path, { offset: 2, length: 3 }))!)).toBe('234');
    expect(new TextDecoder().decode((await files.readFile(path, { offset: 8, length: 100 }))!)).toBe('89');
    expect((await files.readFile(path, { offset: 50, length: 10 }))!.length).toBe(0);
    expect(await files.readFile(join(root, 'nope.txt'))).toBeNull();
    expect(await files.readFile(join(root, 'nope.txt'), { offset: 0, length: 1 })).toBeNull();
  });

  it('stats files and folders, null when missing', async () => {
    expect(await files.stat(join(root, 'log.txt'))).toMatchObject({ size: 10, isDirectory: false });
    expect(await files.stat(join(root, 'a'))).toMatchObject({ isDirectory: true, mode: 0o750 });
    expect(await files.stat(join(root, 'nope'))).toBeNull();
  });

  it('lists a folder sorted by name, describing a symlink rather than following it', async () => {
    const folder = join(root, 'listing');
    await files.mkdir(folder, 0o700);
    writeFileSync(join(folder, 'b.txt'), 'bb');
    writeFileSync(join(folder, 'a.txt'), 'a');
    symlinkSync('/etc', join(folder, 'link'));
    const entries = await files.list(folder);
    expect(entries.map((entry) => [entry.name, entry.size, entry.isDirectory])).toEqual([
      ['a.txt', 1, false],
      ['b.txt', 2, false],
      ['link', lstatSync(join(folder, 'link')).size, false],
    ]);
  });
});
