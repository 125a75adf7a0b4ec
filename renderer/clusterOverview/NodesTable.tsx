import type { NodeInfo } from '../../shared/queue/clusterResources';
import { formatBytes } from '../../shared/queue/efficiency';
import { nodeStateFamily, nodeStateText } from './nodeFigures';

const usedOf = (used: number, total: number) => (total === 0 ? '—' : `${used} / ${total}`);

/** Every node with its state and why it is out (an admin's Reason), and what is used of it. */
export function NodesTable({ nodes }: { nodes: readonly NodeInfo[] }) {
  if (nodes.length === 0) return <p className="form-hint">The cluster reports no nodes.</p>;
  return (
    <div className="cluster-overview-scroll">
      <table className="cluster-overview-table" data-testid="nodes-table">
        <thead>
          <tr>
            <th scope="col">Node</th>
            <th scope="col">State</th>
            <th scope="col" className="overview-number">
              <abbr title="CPUs allocated of total">CPUs used</abbr>
            </th>
            <th scope="col" className="overview-number">
              <abbr title="Memory allocated of total">Memory used</abbr>
            </th>
            <th scope="col" className="overview-number">
              <abbr title="GPUs in use of total">GPUs used</abbr>
            </th>
            <th scope="col">Partitions</th>
          </tr>
        </thead>
        <tbody>
          {nodes.map((node) => (
            <tr key={node.name} data-testid={`node-${node.name}`}>
              <th scope="row" className="overview-name mono">
                {node.name}
              </th>
              <td>
                <span className="node-state-word" data-family={nodeStateFamily(node)}>
                  {nodeStateText(node)}
                </span>
                {node.reason && <span className="node-reason"> — {node.reason}</span>}
              </td>
              <td className="overview-number">{usedOf(node.cpus.allocated, node.cpus.total)}</td>
              <td className="overview-number">{node.memory.totalBytes === 0 ? '—' : `${formatBytes(node.memory.allocatedBytes)} / ${formatBytes(node.memory.totalBytes)}`}</td>
              <td className="overview-number">{usedOf(node.gpus.used, node.gpus.total)}</td>
              <td className="mono">{node.partitions.join(', ')}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
