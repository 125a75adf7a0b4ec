import { useEffect, useState } from 'react';
import { Button } from 'react-aria-components';
import type { ContractClient } from '../../shared/contract/client';
import { useConnectionStore } from '../app/connectionStore';
import { ClusterProfileForm } from './ClusterProfileForm';
import { FirstRunCard } from './FirstRunCard';
import { useSettingsStore } from '../settings/settingsStore';
import { useClusterFormStore } from './clusterFormStore';
import { ClusterList } from './ClusterList';
import { useClustersStore } from './clustersStore';
import { ImportSshConfigPanel } from './ImportSshConfigPanel';
import './clusters.css';

/** The view is shown only once connected, so the client is there. */
export function ClustersView() {
  const client = useConnectionStore((state) => state.client);
  return client ? <Clusters client={client} /> : null;
}

function Clusters({ client }: { client: ContractClient }) {
  const load = useClustersStore((state) => state.load);
  const firstRun = useClustersStore((state) => state.loaded && state.profiles.length === 0);
  const [formOpen, setFormOpen] = useState(false);
  const closeForm = () => {
    useClusterFormStore.getState().reset();
    setFormOpen(false);
  };
  useEffect(() => {
    void load(client);
  }, [client, load]);

  return (
    <div className="clusters-view">
      <div className="section-heading">
        <h1 className="view-title">Clusters</h1>
        {!formOpen && (
          <Button
            className="button button-primary"
            onPress={() => {
              useClusterFormStore.getState().reset(useSettingsStore.getState().settings?.defaultHostKeyPolicy);
              setFormOpen(true);
            }}
            data-testid="add-cluster"
          >
            Add cluster
          </Button>
        )}
      </div>
      {firstRun && !formOpen && <FirstRunCard client={client} />}
      {formOpen && <ClusterProfileForm client={client} onClose={closeForm} />}
      <ClusterList client={client} onEdit={() => setFormOpen(true)} />
      <ImportSshConfigPanel client={client} />
    </div>
  );
}
