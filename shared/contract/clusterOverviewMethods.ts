import { z } from 'zod';
import { ClusterOverviewSchema } from '../clusters/partitionOverview';
import { ClusterNameSchema } from '../jobs/jobSpec';
import { method } from './define';

export const clusterOverviewMethods = {
  'clusters.overview': method({
    summary: "A cluster's partitions with node states, free CPUs and GPUs and time limits (one sinfo call).",
    params: z.strictObject({ name: ClusterNameSchema }),
    result: ClusterOverviewSchema,
  }),
};
