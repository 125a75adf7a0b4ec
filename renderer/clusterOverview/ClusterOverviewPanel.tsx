import { useEffect, useMemo } from 'react';
import { Button, Tab, TabList, TabPanel, Tabs } from 'react-aria-components';
import type { ContractClient } from '../../shared/contract/client';
import { ClusterJobsSummary } from '../queue/ClusterJobsSummary';
import { emptyResources, useClusterResourcesStore } from './clusterResourcesStore';
import { partitionUse } from './nodeFigures';
import { NodesTable } from './NodesTable';
import { PartitionsTable } from './PartitionsTable';
import { ReservationsList } from './ReservationsList';
import { useClusterOverview } from './useClusterOverview';
import './clusterOverview.css';
import '../job/job.css';

const timeFormat = new Intl.DateTimeFormat(undefined, { hour: '2-digit', minute: '2-digit', second: '2-digit' });

/** A cluster at a glance: your jobs there, its partitions (where there is room, for how long), nodes and reservations. */
export function ClusterOverviewPanel({ client, cluster }: { client: ContractClient; cluster: string }) {
  const { overview, loading: overviewLoading, error, refresh: refreshOverview } = useClusterOverview(client, cluster);
  const resources = useClusterResourcesStore((state) => state.byCluster[cluster]) ?? emptyResources;
  const loading = overviewLoading || resources.loading;
  const use = useMemo(() => partitionUse(resources.nodes?.nodes ?? []), [resources.nodes]);
  const refresh = () => {
    refreshOverview();
    void useClusterResourcesStore.getState().refresh(client, cluster);
  };
  useEffect(() => {
    if (cluster !== '' && !useClusterResourcesStore.getState().byCluster[cluster]) void useClusterResourcesStore.getState().refresh(client, cluster);
  }, [client, cluster]);
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
      <ClusterJobsSummary cluster={cluster} />
      <Tabs className="cluster-overview-tabs" defaultSelectedKey="partitions">
        <TabList className="job-tab-list" aria-label={`What ${cluster} has`}>
          <Tab className="job-tab" id="partitions" data-testid={`overview-tab-partitions-${cluster}`}>
            Partitions
          </Tab>
          <Tab className="job-tab" id="nodes" data-testid={`overview-tab-nodes-${cluster}`}>
            Nodes{resources.nodes && resources.nodes.availability.available ? ` (${resources.nodes.nodes.length})` : ''}
          </Tab>
          <Tab className="job-tab" id="reservations" data-testid={`overview-tab-reservations-${cluster}`}>
            Reservations{resources.reservations && resources.reservations.availability.available ? ` (${resources.reservations.reservations.length})` : ''}
          </Tab>
        </TabList>
        <TabPanel id="partitions">
          {overview && overview.partitions.length === 0 && <p className="form-hint">The cluster reports no partitions.</p>}
          {overview && overview.partitions.length > 0 && <PartitionsTable partitions={overview.partitions} use={use} />}
          {!overview && overviewLoading && <p className="form-hint">Asking the cluster…</p>}
        </TabPanel>
        <TabPanel id="nodes">
          {resources.error && <p className="form-error">{resources.error}</p>}
          {resources.nodes &&
            (resources.nodes.availability.available ? (
              <NodesTable nodes={resources.nodes.nodes} />
            ) : (
              <p className="form-hint">{resources.nodes.availability.message ?? 'This cluster does not list its nodes.'}</p>
            ))}
          {!resources.nodes && resources.loading && <p className="form-hint">Asking the cluster…</p>}
        </TabPanel>
        <TabPanel id="reservations">
          {resources.error && <p className="form-error">{resources.error}</p>}
          {resources.reservations &&
            (resources.reservations.availability.available ? (
              <ReservationsList reservations={resources.reservations.reservations} />
            ) : (
              <p className="form-hint">{resources.reservations.availability.message ?? 'This cluster does not list reservations.'}</p>
            ))}
        </TabPanel>
      </Tabs>
    </section>
  );
}
