import { Button } from 'react-aria-components';
import type { PartitionOverview } from '../../shared/clusters/partitionOverview';
import type { ContractClient } from '../../shared/contract/client';
import { NodeStateBar } from './NodeStateBar';
import { useClusterOverview } from './useClusterOverview';
import './clusterOverview.css';

const timeFormat = new Intl.DateTimeFormat(undefined, { hour: '2-digit', minute: '2-digit', second: '2-digit' });

function freeOf(free: number, total: number): string {
  return total === 0 ? '—' : `${free} / ${total}`;
}

function PartitionRow({ partition }: { partition: PartitionOverview }) {
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
      <td className="overview-number mono">{partition.timeLimit}</td>
    </tr>
  );
}

/** A cluster's partitions at a glance: where there is room, and for how long a job may run. */
export function ClusterOverviewPanel({ client, cluster }: { client: ContractClient; cluster: string }) {
  const { overview, loading, error, refresh } = useClusterOverview(client, cluster);
  const titleId = `cluster-overview-title-${cluster}`;
  return (
    <section className="cluster-overview" aria-labelledby={titleId} aria-busy={loading} data-testid="cluster-overview">
      <header className="cluster-overview-header">
        <div className="cluster-overview-heading">
          <h2 id={titleId} className="cluster-overview-title">
            Partitions of <span className="mono">{cluster}</span>
          </h2>
          {overview && (
            <span className="form-hint" data-testid="cluster-overview-fetched">
              Fetched at {timeFormat.format(new Date(overview.fetchedAt))}
            </span>
          )}
        </div>
        <Button className="button button-small" onPress={refresh} isDisabled={loading} data-testid="cluster-overview-refresh">
          {loading ? 'Refreshing…' : 'Refresh'}
        </Button>
      </header>
      {error && (
        <p className="form-error" role="alert" data-testid="cluster-overview-error">
          {error}
        </p>
      )}
      {overview && overview.partitions.length === 0 && <p className="form-hint">The cluster reports no partitions.</p>}
      {overview && overview.partitions.length > 0 && (
        <div className="cluster-overview-scroll">
          <table className="cluster-overview-table">
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
                  Limit
                </th>
              </tr>
            </thead>
            <tbody>
              {overview.partitions.map((partition) => (
                <PartitionRow key={partition.name} partition={partition} />
              ))}
            </tbody>
          </table>
        </div>
      )}
      {!overview && loading && <p className="form-hint">Asking the cluster…</p>}
    </section>
  );
}
