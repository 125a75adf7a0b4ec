import { useEffect, useState } from 'react';
import type { ClusterProfile } from '../../shared/clusters/clusterProfile';
import type { ContractClient } from '../../shared/contract/client';
import { reportIfDisconnected } from '../app/reportIfDisconnected';

export type ClusterChoice = { id: string; label: string; defaults: ClusterProfile['defaults'] };

const builtInLabels: Record<string, string> = {
  embedded: 'This computer (embedded)',
  local: 'Slurm on this computer (local)',
};

/** The built-in clusters and the saved profiles, read each time the form is shown. */
export function useClusterChoices(client: ContractClient): { choices: ClusterChoice[]; error: string | null } {
  const [choices, setChoices] = useState<ClusterChoice[]>(() => Object.entries(builtInLabels).map(([id, label]) => ({ id, label, defaults: {} })));
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    let current = true;
    client.call('clusters.list', {}).then(
      ({ builtIn, profiles }) => {
        if (!current) return;
        setChoices([
          ...builtIn.map((cluster) => ({ id: cluster.name, label: builtInLabels[cluster.name] ?? cluster.name, defaults: {} })),
          ...profiles.map((profile) => ({ id: profile.name, label: `${profile.name} (${profile.user}@${profile.host})`, defaults: profile.defaults })),
        ]);
      },
      (failure: unknown) => {
        reportIfDisconnected(failure);
        if (current) setError(failure instanceof Error ? failure.message : 'The saved clusters could not be read.');
      },
    );
    return () => {
      current = false;
    };
  }, [client]);
  return { choices, error };
}
