import { describe, expect, it } from 'vitest';
import type { CommandRunner } from '../../../../../electron/services/backends/types';
import { checkContainer } from '../../../../../electron/services/packaging/containerChecks';
import { JobSpecSchema } from '../../../../../shared/jobs/jobSpec';
import type { ContainerSpec } from '../../../../../shared/jobs/packagingSpec';

/** A fake login node (named so): answers which programs and images it has, and records what was asked. */
function loginNode(has: { programs: string[]; images: string[]; files: string[]; pyxis: boolean }) {
  const asked: string[][] = [];
  const runner: CommandRunner = {
    run: async (argv) => {
      asked.push([...argv]);
      const script = argv[2] ?? '';
      if (argv[0] === 'sh' && script.startsWith('command -v')) return { exitCode: has.programs.includes(argv[4]!) ? 0 : 1, stdout: '', stderr: '' };
      if (argv[0] === 'sh' && script.includes('--container-image')) return { exitCode: has.pyxis ? 0 : 1, stdout: '', stderr: '' };
      if (argv[0] === 'podman') return { exitCode: has.images.includes(argv[3]!) ? 0 : 1, stdout: '', stderr: '' };
      if (argv[0] === 'test') return { exitCode: has.files.includes(argv[2]!) ? 0 : 1, stdout: '', stderr: '' };
      return { exitCode: 127, stdout: '', stderr: '' };
    },
  };
  return { runner, asked };
}

const spec = (setup: string[] = []) => JobSpecSchema.parse({ name: 'c', cluster: 'hpc', task: { kind: 'python', target: 'm:f', setup } });
const check = (node: ReturnType<typeof loginNode>, container: ContainerSpec, setup: string[] = []) => checkContainer({ runner: node.runner }, spec(setup), container);

describe('container checks before queueing', () => {
  const node = loginNode({ programs: ['podman', 'apptainer'], images: ['localhost/app:1'], files: ['/images/app.sif'], pyxis: false });

  it('passes what is there', async () => {
    await expect(check(node, { runtime: 'podman', image: 'localhost/app:1' })).resolves.toBeUndefined();
    await expect(check(node, { runtime: 'apptainer', image: '/images/app.sif' })).resolves.toBeUndefined();
    await expect(check(node, { runtime: 'apptainer', image: 'docker://python:3.11' })).resolves.toBeUndefined(); // fetched on the node: only the job can tell
  });

  it('refuses a missing runtime, a Pyxis-less srun, a missing image or image file, naming the cluster', async () => {
    await expect(check(node, { runtime: 'singularity', image: '/images/app.sif' })).rejects.toMatchObject({ code: 'container-runtime-missing', message: expect.stringContaining('on hpc, singularity is not installed') });
    await expect(check(node, { runtime: 'pyxis', image: 'nvcr.io#nvidia/pytorch:24.01-py3' })).rejects.toMatchObject({ code: 'container-runtime-missing', message: expect.stringContaining('Pyxis') });
    await expect(check(node, { runtime: 'podman', image: 'localhost/other:2' })).rejects.toMatchObject({ code: 'container-image-missing' });
    await expect(check(node, { runtime: 'apptainer', image: '/images/gone.sif' })).rejects.toMatchObject({ code: 'container-image-missing' });
  });

  it('leaves the check to the job when setup lines may provide the runtime', async () => {
    const before = node.asked.length;
    await expect(check(node, { runtime: 'singularity', image: '/x.sif' }, ['module load singularity'])).resolves.toBeUndefined();
    expect(node.asked.length).toBe(before);
  });
});
