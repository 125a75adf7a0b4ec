import { chownSync, mkdirSync, mkdtempSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { UploadErrorCode } from '../../../../../shared/contract/uploadMethods';
import { browseFolder, checkUpload, moduleNameOf } from '../../../../../electron/services/uploads/checkUpload';

function home() {
  const homeDir = mkdtempSync(join(tmpdir(), 'slurmdesk-upload-check-'));
  mkdirSync(join(homeDir, 'project', 'src', 'pkg'), { recursive: true });
  writeFileSync(join(homeDir, 'project', 'src', 'pkg', 'train.py'), 'def main():\n    return 1\n');
  writeFileSync(join(homeDir, 'project', 'src', 'pkg', '__init__.py'), '');
  mkdirSync(join(homeDir, '.ssh'));
  writeFileSync(join(homeDir, '.ssh', 'id_ed25519'), 'key');
  return { homeDir, uid: process.getuid?.() ?? null };
}

describe('checkUpload', () => {
  it('defaults the root to the file\'s folder and names the module from the root given', async () => {
    const owner = home();
    const file = join(owner.homeDir, 'project', 'src', 'pkg', 'train.py');
    expect(await checkUpload({ path: file }, owner)).toMatchObject({ root: join(owner.homeDir, 'project', 'src', 'pkg'), relative: 'train.py', module: 'train', files: 1, kind: 'file' });
    expect(await checkUpload({ path: file, root: join(owner.homeDir, 'project') }, owner)).toMatchObject({ relative: 'src/pkg/train.py', module: 'src.pkg.train' });
    expect(await checkUpload({ path: file, root: join(owner.homeDir, 'project', 'src') }, owner)).toMatchObject({ relative: 'pkg/train.py', module: 'pkg.train' });
  });

  it('ships a whole folder as "." of itself, counting its files', async () => {
    const owner = home();
    const folder = join(owner.homeDir, 'project');
    expect(await checkUpload({ path: folder }, owner)).toMatchObject({ root: folder, relative: '.', kind: 'folder', files: 2, module: null });
  });

  it('refuses ~/.ssh, the home folder, links, other users\' files and paths outside the root', async () => {
    const owner = home();
    const code = (promise: Promise<unknown>) => promise.then(() => 'accepted', (error: { code?: string }) => error.code);
    expect(await code(checkUpload({ path: join(owner.homeDir, '.ssh', 'id_ed25519') }, owner))).toBe(UploadErrorCode.refused);
    expect(await code(checkUpload({ path: owner.homeDir }, owner))).toBe(UploadErrorCode.refused);
    symlinkSync(join(owner.homeDir, '.ssh'), join(owner.homeDir, 'project', 'keys'));
    expect(await code(checkUpload({ path: join(owner.homeDir, 'project', 'keys') }, owner))).toBe(UploadErrorCode.unusable);
    expect(await code(checkUpload({ path: join(owner.homeDir, 'project', 'src'), root: join(owner.homeDir, 'project', 'src', 'pkg') }, owner))).toBe(UploadErrorCode.outsideRoot);
    expect(await code(checkUpload({ path: '/dev/null' }, owner))).toBe(UploadErrorCode.unusable);
    if (owner.uid === 0) {
      const theirs = join(owner.homeDir, 'project', 'theirs.py');
      writeFileSync(theirs, '');
      chownSync(theirs, 65534, 65534);
      expect(await code(checkUpload({ path: theirs }, owner))).toBe(UploadErrorCode.notOwned);
    }
    expect(await code(browseFolder(join(owner.homeDir, '.ssh'), owner))).toBe(UploadErrorCode.refused);
  });

  it('lists folders first and leaves ~/.ssh out of the home folder', async () => {
    const owner = home();
    writeFileSync(join(owner.homeDir, 'notes.txt'), '');
    const listing = await browseFolder(undefined, owner);
    expect(listing.entries).toEqual([
      { name: 'project', kind: 'folder' },
      { name: 'notes.txt', kind: 'file' },
    ]);
  });
});

describe('moduleNameOf', () => {
  it('names a module only when every part is a Python name', () => {
    expect(moduleNameOf('pkg/train.py')).toBe('pkg.train');
    expect(moduleNameOf('my-pkg/train.py')).toBeNull();
    expect(moduleNameOf('data.csv')).toBeNull();
  });
});
