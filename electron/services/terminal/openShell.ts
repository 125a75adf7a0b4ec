import { homedir } from 'node:os';
import { AppError } from '../../../shared/errors';
import type { Backend } from '../backends/types';
import { shellCommand } from '../slurm/shellQuote';
import { isSshBackend } from '../ssh/sshBackend';
import { chooseNode, jobPlacement, jobShellArgv, type JobTarget } from './jobShell';
import { spawnLocalPty } from './localPty';
import type { PtyProcess, PtySize } from './ptyProcess';
import { openSshPty } from './sshPty';

export type ShellRequest = { backend: Backend; job: JobTarget | null; node: string | null; size: PtySize };
/** `connectionLost` says, once it ended, whether the SSH connection under it dropped. */
export type OpenedShell = { pty: PtyProcess; node: string | null; connectionLost: () => boolean };

/**
 * A shell where the person asked: the login node (SSH), this computer (local and built-in), or
 * inside a running job through `srun --overlap --pty` on the chosen node.
 */
export async function openShell(request: ShellRequest): Promise<OpenedShell> {
  const { backend, job, size } = request;
  if (job && backend.kind === 'embedded') {
    throw new AppError('no-job-shell', 'This computer runs jobs without Slurm, on this same machine: open a shell on This computer instead.');
  }
  const node = job ? chooseNode((await jobPlacement(backend.runner, job.slurmId)) ?? { state: '', nodes: [] }, job.slurmId, request.node) : null;
  const step = job && node ? jobShellArgv(job.slurmId, node) : null;
  if (isSshBackend(backend)) {
    const session = await backend.connection.current();
    // `$SHELL` is the remote login shell's own variable: the one word left for it to expand.
    const command = step ? `${shellCommand(step)} "\${SHELL:-/bin/sh}" -l` : null;
    return { pty: await openSshPty(session, command, size), node, connectionLost: () => session.closed };
  }
  const shell = process.env.SHELL || '/bin/sh';
  return { pty: await spawnLocalPty(step ? [...step, shell, '-l'] : [shell, '-l'], size, { cwd: homedir() }), node, connectionLost: () => false };
}
