import { useState } from 'react';
import type { ContractClient } from '../../shared/contract/client';
import { AppError } from '../../shared/errors';
import { reportIfDisconnected } from '../app/reportIfDisconnected';
import { buildClusterProfile } from './buildClusterProfile';
import { clusterFieldErrorsFromDetails } from './clusterFieldErrors';
import { type ClusterFieldErrors, type ClusterFields, useClusterFormStore } from './clusterFormStore';
import { useClustersStore } from './clustersStore';

export type SaveProblems = { message: string; fieldErrors: ClusterFieldErrors };

/** What main said about a save, and the fields it said it about: once they change, it no longer holds. */
type Refusal = { of: ClusterFields; message: string; fieldErrors: ClusterFieldErrors };

const fixFields = 'Fix the highlighted fields: nothing was saved.';

/**
 * Save: the form's own checks first (nothing is sent if they fail), then clusters.save. After a
 * first try the checks run on every change, so each error goes as soon as its field is right,
 * and the banner goes with the last of them.
 */
export function useSaveCluster(client: ContractClient, onSaved: (name: string) => void) {
  const [busy, setBusy] = useState(false);
  const [tried, setTried] = useState(false);
  const [refusal, setRefusal] = useState<Refusal | null>(null);
  const fields = useClusterFormStore((state) => state.fields);

  const built = tried ? buildClusterProfile(fields) : null;
  const localErrors = built && !built.ok ? built.errors : {};
  const current = refusal?.of === fields ? refusal : null;
  const fieldErrors = { ...current?.fieldErrors, ...localErrors };
  const message = Object.keys(fieldErrors).length > 0 ? fixFields : (current?.message ?? '');
  const problems: SaveProblems = { message, fieldErrors };

  async function save() {
    setTried(true);
    const submitted = useClusterFormStore.getState().fields;
    const checked = buildClusterProfile(submitted);
    if (!checked.ok) return;
    setBusy(true);
    setRefusal(null);
    try {
      const saved = await client.call('clusters.save', { profile: checked.profile });
      useClustersStore.getState().remember(saved);
      useClusterFormStore.getState().reset();
      setTried(false);
      onSaved(saved.name);
    } catch (error) {
      reportIfDisconnected(error);
      if (error instanceof AppError) {
        const errors = clusterFieldErrorsFromDetails(error.details ?? []);
        setRefusal({ of: submitted, message: error.message, fieldErrors: errors });
      } else {
        setRefusal({ of: submitted, message: 'The cluster could not be saved, and Slurm Desk gave no reason.', fieldErrors: {} });
      }
    } finally {
      setBusy(false);
    }
  }

  return {
    busy,
    problems,
    onSave: () => void save(),
    clearProblems: () => {
      setTried(false);
      setRefusal(null);
    },
  };
}
