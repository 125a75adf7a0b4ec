import type { PartitionOverview } from '../../../../shared/clusters/partitionOverview';

export const embeddedPartitionName = 'embedded';

/**
 * "This computer" as one partition: its CPUs, no GPUs (the executor does not hand them out), no
 * time limit. The node is idle, mixed or allocated by the CPUs that running tasks hold.
 */
export function embeddedPartition(maxCpus: number, usedCpus: number): PartitionOverview {
  const used = Math.min(maxCpus, Math.max(0, usedCpus));
  const state = used === 0 ? 'idle' : used >= maxCpus ? 'allocated' : 'mixed';
  return {
    name: embeddedPartitionName,
    isDefault: true,
    available: 'up',
    timeLimit: 'infinite',
    maxTimeMinutes: null,
    nodes: { total: 1, idle: 0, mixed: 0, allocated: 0, down: 0, other: 0, [state]: 1 },
    cpus: { idle: maxCpus - used, total: maxCpus },
    gpus: { free: 0, total: 0 },
  };
}
