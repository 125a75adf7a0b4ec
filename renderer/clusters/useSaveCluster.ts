import { useState } from 'react';
import type { ContractClient } from '../../shared/contract/client';
import { AppError } from '../../shared/errors';
import { reportIfDisconnected } from '../app/reportIfDisconnected';
import { buildClusterProfile } from './buildClusterProfile';
import { clusterFieldErrorsFromDetails } from './clusterFieldErrors';
import { type ClusterFieldErrors, useClusterFormStore } from './clusterFormStore';
import { useClustersStore } from './clustersStore';

export type SaveProblems = { message: string; fieldErrors: ClusterFieldErrors };

const noProblems: SaveProblems = { message: '', fieldErrors: {} };

/** Save: the form's own checks first (nothing is sent if they fail), then clusters.save. */
export function useSaveCluster(client: ContractClient, onSaved: (name: string) => void) {
  const [busy, setBusy] = useState(false);
  const [problems, setProblems] = useState<SaveProblems>(noProblems);

  async function save() {
    const built = buildClusterProfile(useClusterFormStore.getState().fields);
    if (!built.ok) {
      setProblems({ message: 'Fix the highlighted fields: nothing was saved.', fieldErrors: built.errors });
      return;
    }
    setBusy(true);
    setProblems(noProblems);
    try {
      const saved = await client.call('clusters.save', { profile: built.profile });
      useClustersStore.getState().remember(saved);
      useClusterFormStore.getState().reset();
      onSaved(saved.name);
    } catch (error) {
      reportIfDisconnected(error);
      if (error instanceof AppError) {
        const fieldErrors = clusterFieldErrorsFromDetails(error.details ?? []);
        // The field messages say it better than the contract's one-line summary of them.
        const message = Object.keys(fieldErrors).length > 0 ? 'Fix the highlighted fields: nothing was saved.' : error.message;
        setProblems({ message, fieldErrors });
      } else {
        setProblems({ message: 'The cluster could not be saved, and Slurm Desk gave no reason.', fieldErrors: {} });
      }
    } finally {
      setBusy(false);
    }
  }

  return { busy, problems, onSave: () => void save(), clearProblems: () => setProblems(noProblems) };
}
