import { useState } from 'react';
import { Button } from 'react-aria-components';
import type { ClusterProfile } from '../../shared/clusters/clusterProfile';
import type { ContractClient } from '../../shared/contract/client';
import { reportIfDisconnected } from '../app/reportIfDisconnected';
import { useClustersStore } from './clustersStore';
import { describeProfile } from './describeProfile';

export function ImportedProfileRow({ client, profile }: { client: ContractClient; profile: ClusterProfile }) {
  const saved = useClustersStore((state) => state.profiles.some((p) => p.name === profile.name));
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  async function save() {
    setBusy(true);
    setError(null);
    try {
      useClustersStore.getState().remember(await client.call('clusters.save', { profile }));
    } catch (caught) {
      reportIfDisconnected(caught);
      setError(caught instanceof Error ? caught.message : `${profile.name} could not be saved.`);
    } finally {
      setBusy(false);
    }
  }

  return (
    <li className="cluster-item" data-testid={`import-${profile.name}`}>
      <div className="cluster-item-text">
        <span className="cluster-item-name">{profile.name}</span>
        <span className="cluster-item-detail mono">{describeProfile(profile)}</span>
        {error && (
          <span className="form-error" role="alert">
            {error}
          </span>
        )}
      </div>
      {saved ? (
        <span className="cluster-badge" data-testid={`import-${profile.name}-saved`}>
          saved
        </span>
      ) : (
        <Button className="button button-small" onPress={() => void save()} isDisabled={busy} data-testid={`import-save-${profile.name}`}>
          Save
        </Button>
      )}
    </li>
  );
}
