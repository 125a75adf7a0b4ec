import { create } from 'zustand';
import type { ClusterProfile } from '../../shared/clusters/clusterProfile';
import type { ContractClient } from '../../shared/contract/client';
import { reportIfDisconnected } from '../app/reportIfDisconnected';

export type BuiltInCluster = { name: string; description: string };

type ClustersState = {
  profiles: ClusterProfile[];
  builtIn: BuiltInCluster[];
  problems: string[];
  loading: boolean;
  /** The list has been read at least once (so "no profiles" means none, not "not yet"). */
  loaded: boolean;
  loadError: string | null;
  load: (client: ContractClient) => Promise<void>;
  remember: (profile: ClusterProfile) => void;
  forget: (name: string) => void;
};

function byName(a: ClusterProfile, b: ClusterProfile): number {
  return a.name.localeCompare(b.name);
}

/** Built-in clusters and saved profiles as clusters.list last reported, plus this window's changes. */
export const useClustersStore = create<ClustersState>()((set) => ({
  profiles: [],
  builtIn: [],
  problems: [],
  loading: false,
  loaded: false,
  loadError: null,

  async load(client) {
    set({ loading: true, loadError: null });
    try {
      const { profiles, builtIn, problems } = await client.call('clusters.list', {});
      set({ profiles: [...profiles].sort(byName), builtIn, problems, loading: false, loaded: true });
    } catch (error) {
      reportIfDisconnected(error);
      set({ loading: false, loadError: error instanceof Error ? error.message : 'The cluster list could not be read.' });
    }
  },

  remember(profile) {
    set((state) => ({ profiles: [...state.profiles.filter((p) => p.name !== profile.name), profile].sort(byName) }));
  },

  forget(name) {
    set((state) => ({ profiles: state.profiles.filter((p) => p.name !== name) }));
  },
}));
