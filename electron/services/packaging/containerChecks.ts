import { AppError } from '../../../shared/errors';
import type { JobSpec } from '../../../shared/jobs/jobSpec';
import type { ContainerSpec } from '../../../shared/jobs/packagingSpec';
import type { Backend } from '../backends/types';
import { runtimeMissingMessage, runtimeProgram } from './containerCommand';

/**
 * What can be known before queueing, asked where jobs are submitted from: is the runtime there
 * (Pyxis: does srun know --container-image), and is the image there when it is a local one
 * (a Podman image, or an Apptainer image file). A registry image is fetched on the node, so only
 * the job can tell. With setup lines (module load apptainer …) the runtime may come later: the
 * job checks again and says so in its error.
 */
export async function checkContainer(backend: Pick<Backend, 'runner'>, spec: JobSpec, container: ContainerSpec): Promise<void> {
  const setup = spec.task.kind === 'python' ? spec.task.setup : [];
  if (setup.length > 0) return;
  const run = (argv: string[]) => backend.runner.run(argv, { timeoutMs: 30_000 }).catch(() => ({ exitCode: 127, stdout: '', stderr: '' }));
  const program = runtimeProgram(container.runtime);
  const present =
    container.runtime === 'pyxis'
      ? (await run(['sh', '-c', 'srun --help 2>/dev/null | grep -q -- --container-image'])).exitCode === 0
      : (await run(['sh', '-c', 'command -v "$1"', 'sh', program])).exitCode === 0;
  if (!present) throw new AppError('container-runtime-missing', `packaging.container: on ${spec.cluster}, ${runtimeMissingMessage(container.runtime)}.`);
  const image = container.image;
  if (container.runtime === 'podman' && !image.includes('://')) {
    if ((await run(['podman', 'image', 'exists', image])).exitCode !== 0) {
      throw new AppError('container-image-missing', `packaging.container: the image ${image} is not on ${spec.cluster}; pull or import it there (podman pull / podman import) first.`);
    }
  } else if ((container.runtime === 'apptainer' || container.runtime === 'singularity') && (image.startsWith('/') || image.startsWith('~/'))) {
    const found = image.startsWith('~/') ? await run(['sh', '-c', 'test -f "$HOME/$1"', 'sh', image.slice(2)]) : await run(['test', '-f', image]);
    if (found.exitCode !== 0) throw new AppError('container-image-missing', `packaging.container: the image file ${image} is not on ${spec.cluster}; copy or build it there first.`);
  }
}
