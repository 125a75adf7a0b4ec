import { create } from 'zustand';
import type { ContractClient } from '../../shared/contract/client';
import { connectToMain } from '../contract/connect';

/**
 * connecting: no answer yet (first start, or reconnecting after a loss);
 * connected: the client works; disconnected: it worked and then a call found the link gone;
 * failed: connecting did not succeed, and the person has to act.
 */
export type ConnectionStatus = 'connecting' | 'connected' | 'disconnected' | 'failed';

type ConnectionState = {
  status: ConnectionStatus;
  /** Kept while disconnected or reconnecting, so the frame stays on screen. */
  client: ContractClient | null;
  /** Written for a person: why connecting failed or the link was lost. */
  errorMessage: string | null;
  connect: () => Promise<void>;
  markDisconnected: (message: string) => void;
};

const unknownFailure = 'Slurm Desk could not connect, and gave no reason.';

// A newer attempt wins: a slow, stale attempt must not overwrite its result.
let latestAttempt = 0;

export const useConnectionStore = create<ConnectionState>()((set, get) => ({
  status: 'connecting',
  client: null,
  errorMessage: null,

  async connect() {
    const attempt = ++latestAttempt;
    set({ status: 'connecting', errorMessage: null });
    try {
      const client = await connectToMain();
      if (attempt !== latestAttempt) return;
      client.onDisconnect((message) => get().markDisconnected(message));
      set({ status: 'connected', client, errorMessage: null });
    } catch (error) {
      if (attempt !== latestAttempt) return;
      const message = error instanceof Error && error.message ? error.message : unknownFailure;
      set({ status: 'failed', client: null, errorMessage: message });
    }
  },

  markDisconnected(message) {
    if (get().status === 'connected') set({ status: 'disconnected', errorMessage: message });
  },
}));
