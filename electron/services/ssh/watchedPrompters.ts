import type { AuthPrompter } from './authPrompter';
import type { ConnectionStates } from './connectionStates';
import type { HostKeyPrompter } from './hostKeyVerifier';

/**
 * The prompters one cluster's connection uses, wrapped so that while a question waits for the
 * person the cluster reads "needs input" (and "connecting" again once answered).
 */
export function promptersWatchedFor(
  cluster: string,
  states: ConnectionStates,
  prompters: { auth: AuthPrompter; hostKey: HostKeyPrompter },
): { auth: AuthPrompter; hostKey: HostKeyPrompter } {
  const whileWaiting = async <T>(ask: () => Promise<T>): Promise<T> => {
    states.set(cluster, 'needs-input');
    try {
      return await ask();
    } finally {
      states.set(cluster, 'connecting');
    }
  };
  return {
    auth: { ask: (request, signal) => whileWaiting(() => prompters.auth.ask(request, signal)), cannotAsk: () => prompters.auth.cannotAsk?.() ?? null },
    hostKey: { ask: (question, signal) => whileWaiting(() => prompters.hostKey.ask(question, signal)) },
  };
}
