import type { Handlers } from '../../../shared/contract/dispatcher';
import type { Backend } from '../backends/types';

/** `clusters.overview`: whatever runs the cluster's jobs (Slurm or the embedded executor) describes its partitions. */
export function createClusterOverviewHandlers(backend: (cluster: string) => Backend): Pick<Handlers, 'clusters.overview'> {
  return {
    'clusters.overview': async ({ name }) => {
      const fetchedAt = new Date().toISOString();
      const partitions = await backend(name).scheduler.overview();
      return { cluster: name, fetchedAt, partitions };
    },
  };
}
