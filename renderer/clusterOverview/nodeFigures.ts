import type { NodeInfo } from '../../shared/queue/clusterResources';

/** Memory and GPUs of a partition summed over its nodes (sinfo's partition summary has no memory). */
export type PartitionUse = { memoryTotalBytes: number; memoryAllocatedBytes: number; gpusTotal: number; gpusUsed: number };

export function partitionUse(nodes: readonly NodeInfo[]): Map<string, PartitionUse> {
  const byPartition = new Map<string, PartitionUse>();
  for (const node of nodes) {
    for (const partition of node.partitions) {
      const use = byPartition.get(partition) ?? { memoryTotalBytes: 0, memoryAllocatedBytes: 0, gpusTotal: 0, gpusUsed: 0 };
      use.memoryTotalBytes += node.memory.totalBytes;
      use.memoryAllocatedBytes += node.memory.allocatedBytes;
      use.gpusTotal += node.gpus.total;
      use.gpusUsed += node.gpus.used;
      byPartition.set(partition, use);
    }
  }
  return byPartition;
}

/** Slurm's state with its flags, in lower case as a person reads it: `mixed`, `idle, drain`. */
export function nodeStateText(node: Pick<NodeInfo, 'state' | 'flags'>): string {
  return [node.state, ...node.flags].map((word) => word.replaceAll('_', ' ').toLowerCase()).join(', ');
}

/** How a node's state reads at a glance: usable, busy, or out of service. */
export function nodeStateFamily(node: Pick<NodeInfo, 'state' | 'flags'>): 'free' | 'busy' | 'down' | 'other' {
  const words = [node.state, ...node.flags].map((word) => word.toUpperCase());
  if (words.some((word) => ['DOWN', 'DRAIN', 'DRAINED', 'DRAINING', 'FAIL', 'FAILING', 'NOT_RESPONDING', 'POWERED_DOWN', 'INVAL'].includes(word))) return 'down';
  if (words[0] === 'IDLE') return 'free';
  if (words[0] === 'MIXED' || words[0] === 'ALLOCATED' || words[0] === 'COMPLETING') return 'busy';
  return 'other';
}
