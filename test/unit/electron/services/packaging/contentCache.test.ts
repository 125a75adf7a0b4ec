import { chmodSync, mkdirSync, mkdtempSync, readFileSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createExecFileRunner } from '../../../../../electron/services/backends/local/execFileRunner';
import { createLocalFiles } from '../../../../../electron/services/backends/local/localFiles';
import { listUpload, uploadProject } from '../../../../../electron/services/jobs/uploadProject';
import { UploadSchema } from '../../../../../shared/jobs/jobSpec';
import { PackagingSchema } from '../../../../../shared/jobs/packagingSpec';

function project(files: Record<string, string>) {
  const root = mkdtempSync(join(tmpdir(), 'slurmdesk-project-'));
  for (const [path, content] of Object.entries(files)) {
    mkdirSync(join(root, path, '..'), { recursive: true });
    writeFileSync(join(root, path), content);
  }
  return root;
}

const backend = { files: createLocalFiles(), runner: createExecFileRunner() };

describe('project listing', () => {
  it('honours the ignore names, .gitignore files at every level and the exclude patterns', async () => {
    const root = project({
      'train.py': 'print(1)\n',
      'lib/model.py': 'X = 1\n',
      'lib/__pycache__/model.cpython-311.pyc': 'bytecode',
      'node_modules/big/index.js': 'x',
      '.git/HEAD': 'ref',
      '.gitignore': 'outputs/\n*.log\n',
      'outputs/big.bin': 'x',
      'run.log': 'x',
      'data/.gitignore': 'raw/\n!keep.log\n',
      'data/raw/a.csv': 'x',
      'data/keep.log': 'kept',
      'data/table.csv': 'a,b\n',
      'notes/draft.md': 'x',
    });
    const listing = await listUpload(UploadSchema.parse({ root }), PackagingSchema.parse({ exclude: ['notes/'] }));
    expect(listing.files.map((file) => file.relative)).toEqual(['.gitignore', 'data/.gitignore', 'data/keep.log', 'data/table.csv', 'lib/model.py', 'train.py']);
    expect(listing.files.find((file) => file.relative === 'train.py')?.hash).toMatch(/^[0-9a-f]{64}$/);
  });

  it('follows a link only to a file inside the project, and skips names the cluster side could not take', async () => {
    const root = project({ 'a.py': 'A = 1\n', 'sub/b.py': 'B = 2\n' });
    symlinkSync('/etc/passwd', join(root, 'passwd'));
    symlinkSync(join(root, 'sub'), join(root, 'sub-link'));
    symlinkSync(join(root, 'sub', 'b.py'), join(root, 'b-link.py'));
    writeFileSync(join(root, 'bad\nname.py'), 'x');
    const listing = await listUpload(UploadSchema.parse({ root }));
    expect(listing.files.map((file) => file.relative)).toEqual(['a.py', 'b-link.py', 'sub/b.py']);
    expect(listing.skipped.map((entry) => entry.path).sort()).toEqual(['bad\nname.py', 'passwd', 'sub-link']);
  });

  it('says which included path is missing', async () => {
    const root = project({ 'a.py': '' });
    await expect(listUpload(UploadSchema.parse({ root, include: ['nope.py'] }))).rejects.toMatchObject({ code: 'upload-missing', message: expect.stringContaining('nope.py') });
  });
});

describe('content-addressed upload', () => {
  it('sends only what the cache lacks, and gives each job a snapshot later edits do not reach', async () => {
    const root = project({ 'pkg/__init__.py': '', 'pkg/core.py': 'V = 1\n', 'pkg/data.txt': 'data\n', 'run.sh': '#!/bin/sh\necho hi\n' });
    chmodSync(join(root, 'run.sh'), 0o755);
    const base = mkdtempSync(join(tmpdir(), 'slurmdesk-base-'));
    const upload = UploadSchema.parse({ root });

    const first = await uploadProject((await listUpload(upload)).files, backend, base, join(base, 'job1', 'project'));
    expect(first).toEqual({ files: 4, bytes: 29, sentFiles: 4, sentBytes: 29 });
    expect(readFileSync(join(base, 'job1', 'project', 'pkg', 'core.py'), 'utf8')).toBe('V = 1\n');
    expect(statSync(join(base, 'job1', 'project', 'run.sh')).mode & 0o777).toBe(0o550);
    expect(statSync(join(base, 'job1', 'project', 'pkg', 'core.py')).nlink).toBe(2); // linked to the cache, not copied

    writeFileSync(join(root, 'pkg', 'core.py'), 'V = 22\n');
    const second = await uploadProject((await listUpload(upload)).files, backend, base, join(base, 'job2', 'project'));
    expect(second).toMatchObject({ files: 4, sentFiles: 1, sentBytes: 7 });
    expect(readFileSync(join(base, 'job2', 'project', 'pkg', 'core.py'), 'utf8')).toBe('V = 22\n');
    expect(readFileSync(join(base, 'job1', 'project', 'pkg', 'core.py'), 'utf8')).toBe('V = 1\n');
    expect(statSync(join(base, 'job1', 'project', 'pkg', 'core.py')).mode & 0o777).toBe(0o440); // read-only: a job cannot write into the cache
  });
});
