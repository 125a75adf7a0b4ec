import type { ContractClient } from '../../shared/contract/client';
import { Fragment, useState } from 'react';
import { Button, ToggleButton } from 'react-aria-components';
import { ClusterOverviewPanel } from '../clusterOverview/ClusterOverviewPanel';
import { Icon } from '../theme/Icon';
import { ConnectButton } from './ConnectButton';
import { ConnectionStateBadge } from './ConnectionStateBadge';
import { ConnectionMessage } from './ConnectionMessage';
import { useConnectionsStore } from './connectionsStore';
import { useClusterFormStore } from './clusterFormStore';
import { useClustersStore } from './clustersStore';
import { describeProfile } from './describeProfile';
import { hostKeyPolicyText } from './HostKeyPolicySelect';
import { RemoveClusterButton } from './RemoveClusterButton';

export function ClusterList({ client, onEdit }: { client: ContractClient; onEdit: () => void }) {
  const connections = useConnectionsStore((state) => state.byName);
  const [overviewOf, setOverviewOf] = useState<string | null>(null);
  const partitionsToggle = (name: string) => (
    <ToggleButton
      className="button button-small"
      isSelected={overviewOf === name}
      onChange={(on) => setOverviewOf(on ? name : null)}
      aria-label={`Partitions of ${name}`}
      data-testid={`show-partitions-${name}`}
    >
      Partitions
    </ToggleButton>
  );
  const overview = (name: string) =>
    overviewOf === name && (
      <li className="cluster-item-overview">
        <ClusterOverviewPanel client={client} cluster={name} />
      </li>
    );
  const profiles = useClustersStore((state) => state.profiles);
  const builtIn = useClustersStore((state) => state.builtIn);
  const problems = useClustersStore((state) => state.problems);
  const loadError = useClustersStore((state) => state.loadError);

  return (
    <section className="cluster-list-section" aria-labelledby="cluster-list-title">
      <h2 className="section-title" id="cluster-list-title">
        Your clusters
      </h2>
      {loadError && (
        <p className="form-error" role="alert">
          {loadError}
        </p>
      )}
      <ul className="cluster-list" data-testid="cluster-list">
        {builtIn.map((cluster) => (
          <Fragment key={cluster.name}>
            <li className="cluster-item" data-testid={`cluster-${cluster.name}`}>
              <Icon name="clusters" />
              <div className="cluster-item-text">
                <span className="cluster-item-name">
                  {cluster.name} <span className="cluster-badge">built in</span>
                </span>
                <span className="cluster-item-detail">{cluster.description}</span>
              </div>
              <div className="cluster-item-actions">{partitionsToggle(cluster.name)}</div>
            </li>
            {overview(cluster.name)}
          </Fragment>
        ))}
        {profiles.map((profile) => (
          <Fragment key={profile.name}>
            <li className="cluster-item" data-testid={`cluster-${profile.name}`}>
              <Icon name="clusters" />
              <div className="cluster-item-text">
                <span className="cluster-item-name">{profile.name}</span>
                <span className="cluster-item-detail mono">{describeProfile(profile)}</span>
                <span className="cluster-item-detail">Unknown host keys: {hostKeyPolicyText[profile.hostKeyPolicy].label.toLowerCase()}</span>
                <ConnectionStateBadge name={profile.name} connection={connections[profile.name]} />
                <ConnectionMessage name={profile.name} connection={connections[profile.name]} />
              </div>
              <div className="cluster-item-actions">
                {partitionsToggle(profile.name)}
                <ConnectButton client={client} name={profile.name} />
                <Button
                  className="button button-small"
                  aria-label={`Edit ${profile.name}`}
                  data-testid={`edit-cluster-${profile.name}`}
                  onPress={() => {
                    useClusterFormStore.getState().startEditing(profile);
                    onEdit();
                  }}
                >
                  Edit
                </Button>
                <RemoveClusterButton client={client} name={profile.name} />
              </div>
            </li>
            {overview(profile.name)}
          </Fragment>
        ))}
      </ul>
      {profiles.length === 0 && <p className="form-hint">No saved clusters yet: add one, or import your ~/.ssh/config.</p>}
      {problems.length > 0 && (
        <ul className="cluster-problems" data-testid="cluster-problems">
          {problems.map((problem) => (
            <li key={problem}>{problem}</li>
          ))}
        </ul>
      )}
    </section>
  );
}
