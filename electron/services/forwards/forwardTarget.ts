import type { Backend } from '../backends/types';
import { chooseNode, jobPlacement, type JobTarget } from '../terminal/jobShell';

/**
 * Where a forward connects, as the cluster's end sees it: a running job's node (the chosen one of
 * several), or the login node itself. Jobs of this computer's executor run here: 127.0.0.1.
 */
export async function forwardTargetHost(backend: Backend, job: JobTarget | null, node: string | null): Promise<string> {
  if (!job) return 'localhost';
  if (backend.kind === 'embedded') return '127.0.0.1';
  return chooseNode((await jobPlacement(backend.runner, job.slurmId)) ?? { state: '', nodes: [] }, job.slurmId, node);
}
