import { describe, expect, it } from 'vitest';
import { PackagingSchema } from '../../../../shared/jobs/packagingSpec';
import { packagingFromTable, SlurmfilePackagingSchema } from '../../../../shared/slurmfile/packagingTable';

const read = (table: unknown) => packagingFromTable(SlurmfilePackagingSchema.parse(table));

describe('[packaging] tables', () => {
  it("honours the Python SDK's type: none, wheel (with its python_version), container (run under Pyxis)", () => {
    expect(read({ type: 'none' }).packaging).toEqual({ python: 'system' });
    expect(read({ type: 'wheel', python_version: '3.9' })).toMatchObject({ packaging: { python: 'wheel' }, interpreter: 'python3.9', unused: [] });
    expect(read({ type: 'container', image: 'registry.io/app:v1', dockerfile: 'Dockerfile', push: true })).toEqual({
      packaging: { python: 'system', container: { runtime: 'pyxis', image: 'registry.io/app:v1' } },
      interpreter: null,
      unused: ['dockerfile', 'push'],
    });
  });

  it("reads Slurm Desk's own keys into a valid job spec packaging", () => {
    const { packaging } = read({ python: 'venv', requirements: 'requirements.txt', wheelhouse: 'wheels', exclude: ['data/raw/'], container: undefined });
    expect(PackagingSchema.parse(packaging)).toEqual({ python: 'venv', requirements: 'requirements.txt', wheelhouse: 'wheels', exclude: ['data/raw/'] });
  });

  it('refuses an unknown runtime, a venv inside a container, and an image a shell could split', () => {
    expect(SlurmfilePackagingSchema.safeParse({ container: { runtime: 'docker', image: 'x' } }).success).toBe(false);
    expect(PackagingSchema.safeParse({ python: 'venv', container: { runtime: 'podman', image: 'localhost/a:1' } }).success).toBe(false);
    expect(SlurmfilePackagingSchema.safeParse({ image: 'a b;rm -rf ~' }).success).toBe(false);
  });
});
