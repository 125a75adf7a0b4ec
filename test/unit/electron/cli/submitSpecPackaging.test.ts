import { describe, expect, it } from 'vitest';
import { specFromFlags, type SubmitFlags } from '../../../../electron/cli/submitSpec';
import { JobSpecSchema } from '../../../../shared/jobs/jobSpec';

const base: SubmitFlags = { setup: [], cluster: 'embedded', directive: [], after: [], afterany: [], afternotok: [], env: [], upload: [], exclude: [] };

describe('submit flags for packaging', () => {
  it('--project ships the whole folder with its environment and exclude patterns', () => {
    const spec = specFromFlags({ ...base, python: 'mypkg.main:run', project: 'proj', 'python-env': 'venv', wheelhouse: 'wheels', exclude: ['data/'] }, '/home/me');
    expect(JobSpecSchema.parse(spec)).toMatchObject({
      upload: { root: '/home/me/proj', include: ['.'] },
      packaging: { python: 'venv', wheelhouse: 'wheels', exclude: ['data/'] },
    });
  });

  it('--container RUNTIME:IMAGE splits at the first colon, so the image keeps its tag', () => {
    const spec = specFromFlags({ ...base, python: 'pkg.mod:run', container: 'podman:localhost/app:1' }, '/home/me');
    expect(spec.packaging).toMatchObject({ container: { runtime: 'podman', image: 'localhost/app:1' } });
    expect(() => specFromFlags({ ...base, python: 'pkg.mod:run', container: 'localhost' }, '/')).toThrow(/RUNTIME:IMAGE/);
  });

  it('an environment without a project folder is a usage error', () => {
    expect(() => specFromFlags({ ...base, python: 'pkg.mod:run', 'python-env': 'venv' }, '/')).toThrow(/--project/);
  });
});
