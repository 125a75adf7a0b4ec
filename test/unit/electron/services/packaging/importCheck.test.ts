import { describe, expect, it } from 'vitest';
import { checkImportable } from '../../../../../electron/services/packaging/importCheck';
import type { ProjectFile } from '../../../../../electron/services/packaging/projectFiles';

const files = (...paths: string[]): ProjectFile[] => paths.map((relative) => ({ relative, absolute: `/p/${relative}`, size: 1, executable: false, hash: '0'.repeat(64) }));
const task = (target: string) => ({ kind: 'python' as const, target, args: [], kwargs: {}, interpreter: 'python3', setup: [] });

describe('checkImportable', () => {
  const project = files('mypkg/__init__.py', 'mypkg/core.py', 'mypkg/sub/__init__.py', 'src/other/api.py', 'tools/run.py');

  it('accepts targets the upload holds: modules, subpackages, src/ layouts, files', () => {
    for (const target of ['mypkg.core:run', 'mypkg:run', 'mypkg.sub:run', 'other.api:run', 'tools/run.py:main']) expect(() => checkImportable(task(target), project)).not.toThrow();
  });

  it('leaves a top-level name the upload lacks to the cluster (it may be installed there)', () => {
    expect(() => checkImportable(task('numpy.linalg:norm'), project)).not.toThrow();
  });

  it('refuses a module missing from a package the upload has, and a file that was left out', () => {
    expect(() => checkImportable(task('mypkg.missing:run'), project)).toThrow(expect.objectContaining({ code: 'target-not-uploaded', message: expect.stringContaining('mypkg/missing.py') }));
    expect(() => checkImportable(task('tools/gone.py:main'), project)).toThrow(expect.objectContaining({ code: 'target-not-uploaded' }));
  });
});
