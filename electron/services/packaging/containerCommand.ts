import type { ContainerRuntime, ContainerSpec } from '../../../shared/jobs/packagingSpec';
import { shellQuote } from '../slurm/shellQuote';

/** Slurm's variables a task inside a container still needs (Apptainer and srun pass the environment on their own; Podman does not). */
const slurmVariables = ['SLURM_JOB_ID', 'SLURM_ARRAY_JOB_ID', 'SLURM_ARRAY_TASK_ID', 'SLURM_CPUS_PER_TASK', 'SLURM_NTASKS', 'SLURM_JOB_NODELIST'];

/** The program a runtime needs on the node, for the checks before queueing and in the job. */
export function runtimeProgram(runtime: ContainerRuntime): string {
  return runtime === 'pyxis' ? 'srun' : runtime;
}

/**
 * Bash lines that check the runtime on the node and set the array `__slurmdesk_container`: the
 * words before the task's command. The job folder is mounted at the same path, the working folder
 * is the same, so the runner and every path in job.sh mean the same inside. Syntax as documented:
 * - Apptainer/Singularity: `apptainer exec --bind SRC --pwd DIR IMAGE CMD…` (a bind without `:`
 *   mounts at the same path; the environment passes through by default).
 * - Pyxis (Slurm's plugin for enroot): `srun --container-image=IMAGE
 *   --container-mounts=SRC:DST --container-workdir=DIR CMD…`, one task inside the allocation.
 * - Podman: `podman run --rm --network=host -v SRC:DST -w DIR [-e NAME]… IMAGE CMD…`, rootless
 *   users keeping their uid (`--userns=keep-id`) so files the job writes stay theirs.
 */
export function containerCommandLines(container: ContainerSpec, environmentNames: readonly string[]): string[] {
  const image = shellQuote(container.image);
  const missing = `__slurmdesk_fail ${shellQuote(JSON.stringify({ type: 'ContainerRuntimeMissing', message: runtimeMissingMessage(container.runtime), traceback: '' }))}`;
  switch (container.runtime) {
    case 'apptainer':
    case 'singularity':
      return [
        `command -v ${container.runtime} >/dev/null 2>&1 || ${missing}`,
        `__slurmdesk_container=(${container.runtime} exec --bind "$__slurmdesk_dir" --pwd "$PWD" ${image})`,
      ];
    case 'pyxis':
      return [
        `srun --help 2>/dev/null | grep -q -- --container-image || ${missing}`,
        `__slurmdesk_container=(srun --ntasks=1 --nodes=1 --container-image=${image} --container-mounts="$__slurmdesk_dir:$__slurmdesk_dir" --container-workdir="$PWD")`,
      ];
    case 'podman': {
      const passed = [...slurmVariables, ...environmentNames].map((name) => `-e ${name}`).join(' ');
      return [
        `command -v podman >/dev/null 2>&1 || ${missing}`,
        `__slurmdesk_container=(podman run --rm --network=host -v "$__slurmdesk_dir:$__slurmdesk_dir" -w "$PWD" ${passed})`,
        '[ "$EUID" = 0 ] || __slurmdesk_container+=(--userns=keep-id)',
        `__slurmdesk_container+=(${image})`,
      ];
    }
  }
}

export function runtimeMissingMessage(runtime: ContainerRuntime): string {
  return runtime === 'pyxis'
    ? 'srun on this node has no --container-image option: the Pyxis plugin is not installed; ask the site, or choose another runtime'
    : `${runtime} is not installed on this node; load it (setup line) or choose another runtime`;
}
