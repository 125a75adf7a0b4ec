import type { PartitionOverview } from '../../shared/clusters/partitionOverview';
import { formatBytes } from '../../shared/queue/efficiency';
import type { PartitionUse } from './nodeFigures';
import { NodeStateBar } from './NodeStateBar';

function freeOf(free: number, total: number): string {
  return total === 0 ? '—' : `${free} / ${total}`;
}

function memoryFree(use: PartitionUse | undefined): string {
  if (!use || use.memoryTotalBytes === 0) return '—';
  return `${formatBytes(use.memoryTotalBytes - use.memoryAllocatedBytes)} / ${formatBytes(use.memoryTotalBytes)}`;
}

function PartitionRow({ partition, use }: { partition: PartitionOverview; use: PartitionUse | undefined }) {
  return (
    <tr data-testid={`partition-${partition.name}`}>
      <th scope="row" className="overview-name">
        <div className="overview-name-cell">
          <span className="mono">{partition.name}</span>
          {partition.isDefault && <span className="overview-tag">default</span>}
          {partition.available !== 'up' && <span className="overview-tag overview-tag-warning">{partition.available}</span>}
        </div>
      </th>
      <td>
        <NodeStateBar nodes={partition.nodes} />
      </td>
      <td className="overview-number">{freeOf(partition.cpus.idle, partition.cpus.total)}</td>
      <td className="overview-number">{freeOf(partition.gpus.free, partition.gpus.total)}</td>
      <td className="overview-number">{memoryFree(use)}</td>
      <td className="overview-number mono">{partition.timeLimit}</td>
    </tr>
  );
}

/** The partitions with their nodes by state, what is free of CPUs, GPUs and memory, and the time limit. */
export function PartitionsTable({ partitions, use }: { partitions: readonly PartitionOverview[]; use: ReadonlyMap<string, PartitionUse> }) {
  return (
    <div className="cluster-overview-scroll">
      <table className="cluster-overview-table cluster-partitions-table">
        <thead>
          <tr>
            <th scope="col">Partition</th>
            <th scope="col">Nodes</th>
            <th scope="col" className="overview-number">
              <abbr title="CPUs free of total">CPUs</abbr>
            </th>
            <th scope="col" className="overview-number">
              <abbr title="GPUs free of total">GPUs</abbr>
            </th>
            <th scope="col" className="overview-number">
              <abbr title="Memory not allocated of total, summed over the partition's nodes">Memory</abbr>
            </th>
            <th scope="col" className="overview-number">
              Limit
            </th>
          </tr>
        </thead>
        <tbody>
          {partitions.map((partition) => (
            <PartitionRow key={partition.name} partition={partition} use={use.get(partition.name)} />
          ))}
        </tbody>
      </table>
    </div>
  );
}
