import type { Handlers } from '../../../shared/contract/dispatcher';
import type { ClusterConnection } from '../../../shared/contract/connectionMethods';
import { builtInClusters } from '../backends/clusterBackends';
import type { Backend } from '../backends/types';
import type { ClusterProfiles } from '../settings/clusterProfiles';
import type { ConnectionStates } from './connectionStates';
import { keyFileCandidates } from './keyFileCandidates';
import { isSshBackend } from './sshBackend';

type ConnectionMethods = 'clusters.connections' | 'clusters.connect' | 'clusters.disconnect' | 'clusters.keyFiles';

export type ConnectionHandlerDeps = {
  states: ConnectionStates;
  profiles: ClusterProfiles;
  backend: (cluster: string) => Backend;
};

function builtIn(name: string): ClusterConnection {
  return { name, state: 'ready', message: null, hostKeyProblem: null, since: new Date(0).toISOString() };
}

export function createConnectionHandlers(deps: ConnectionHandlerDeps): Pick<Handlers, ConnectionMethods> {
  return {
    'clusters.connections': () => ({
      connections: [...Object.keys(builtInClusters).map(builtIn), ...deps.profiles.list().profiles.map((profile) => deps.states.get(profile.name))],
    }),
    // A failure is an outcome, not an error: the state says what happened and what to do.
    'clusters.connect': async ({ name }) => {
      const backend = deps.backend(name);
      if (!isSshBackend(backend)) return builtIn(name);
      try {
        await backend.connection.connectNow();
        return deps.states.set(name, 'connected');
      } catch {
        return deps.states.get(name);
      }
    },
    'clusters.keyFiles': () => ({ files: keyFileCandidates() }),
    'clusters.disconnect': ({ name }) => {
      const backend = deps.backend(name);
      if (!isSshBackend(backend)) return builtIn(name);
      backend.connection.close();
      return deps.states.set(name, 'disconnected');
    },
  };
}
