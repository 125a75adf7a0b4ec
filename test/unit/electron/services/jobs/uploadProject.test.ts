import { mkdirSync, mkdtempSync, readFileSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createLocalFiles } from '../../../../../electron/services/backends/local/localFiles';
import { listUpload, uploadProject } from '../../../../../electron/services/jobs/uploadProject';
import { UploadSchema } from '../../../../../shared/jobs/jobSpec';

function project() {
  const root = mkdtempSync(join(tmpdir(), 'slurmdesk-project-'));
  for (const [path, content] of Object.entries({
    'train.py': 'print(1)\n',
    'lib/model.py': 'X = 1\n',
    'lib/__pycache__/model.cpython-311.pyc': 'bytecode',
    'node_modules/big/index.js': 'x',
    '.git/HEAD': 'ref',
    'data/notes.tmp': 'scratch',
    'run.sh': '#!/bin/sh\n',
  })) {
    mkdirSync(join(root, path, '..'), { recursive: true });
    writeFileSync(join(root, path), content);
  }
  statSync(join(root, 'run.sh'));
  return root;
}

describe('uploads', () => {
  it('copy what is included, keep relative paths, and leave out the ignore patterns', async () => {
    const root = project();
    symlinkSync('/etc/passwd', join(root, 'lib', 'passwd-link'));
    const upload = UploadSchema.parse({ root, ignore: ['.git', 'node_modules', '__pycache__', '*.tmp'] });
    expect((await listUpload(upload)).map((file) => file.relative).sort()).toEqual(['lib/model.py', 'run.sh', 'train.py']);
    const destination = join(mkdtempSync(join(tmpdir(), 'slurmdesk-dest-')), 'project');
    expect(await uploadProject(upload, createLocalFiles(), destination, 0o700)).toBe(3);
    expect(readFileSync(join(destination, 'lib', 'model.py'), 'utf8')).toBe('X = 1\n');
  });

  it('takes only the named files when include is given', async () => {
    const root = project();
    const files = await listUpload(UploadSchema.parse({ root, include: ['train.py'] }));
    expect(files.map((file) => file.relative)).toEqual(['train.py']);
  });

  it('says which path is missing', async () => {
    const root = project();
    await expect(listUpload(UploadSchema.parse({ root, include: ['nope.py'] }))).rejects.toMatchObject({ code: 'upload-missing', message: expect.stringContaining('nope.py') });
  });
});
