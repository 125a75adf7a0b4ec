import { create } from 'zustand';
import type { ClusterConnection, HostKeyProblem } from '../../shared/contract/connectionMethods';
import type { ContractClient } from '../../shared/contract/client';
import { reportIfDisconnected } from '../app/reportIfDisconnected';

type ConnectionsState = {
  byName: Record<string, ClusterConnection>;
  /** A refused host key the person has not dismissed yet: the alarming screen shows it. */
  refusedKey: HostKeyProblem | null;
  load: (client: ContractClient) => Promise<void>;
  update: (connection: ClusterConnection) => void;
  dismissRefusedKey: () => void;
  /** Puts a refused key's screen in front again (from the cluster's card). */
  showRefusedKey: (problem: HostKeyProblem) => void;
};

/** Every cluster's connection state: read once, then kept current by clusters.connection. */
export const useConnectionsStore = create<ConnectionsState>()((set) => ({
  byName: {},
  refusedKey: null,

  async load(client) {
    try {
      const { connections } = await client.call('clusters.connections', {});
      set((state) => ({ byName: { ...Object.fromEntries(connections.map((c) => [c.name, c])), ...newerOnly(state.byName, connections) } }));
    } catch (error) {
      // The list still works without states; a lost connection has its own banner.
      reportIfDisconnected(error);
    }
  },

  update(connection) {
    set((state) => {
      // The same state can arrive twice (its event, then the reply of clusters.connect).
      const isNew = state.byName[connection.name]?.since !== connection.since;
      return {
        byName: { ...state.byName, [connection.name]: connection },
        // Whatever triggered the connection (a submission, a refresh, the Connect button), a
        // changed or revoked key is put in front of the person.
        refusedKey: isNew && connection.hostKeyProblem ? connection.hostKeyProblem : state.refusedKey,
      };
    });
  },

  dismissRefusedKey() {
    set({ refusedKey: null });
  },

  showRefusedKey(problem) {
    set({ refusedKey: problem });
  },
}));

/** Events that arrived while the list was on its way are newer than the list. */
function newerOnly(current: Record<string, ClusterConnection>, listed: readonly ClusterConnection[]): Record<string, ClusterConnection> {
  const listedSince = new Map(listed.map((c) => [c.name, c.since]));
  return Object.fromEntries(Object.entries(current).filter(([name, c]) => (listedSince.get(name) ?? '') < c.since));
}
