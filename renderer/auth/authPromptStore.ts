import { create } from 'zustand';
import type { EventPayload } from '../../shared/contract/index';

/** The request only: it never carries a secret, and answers are never stored here. */
export type AuthPrompt = EventPayload<'auth.prompt'>;

type AuthPromptState = {
  /** Oldest first; the dialog shows the first. */
  queue: AuthPrompt[];
  add: (prompt: AuthPrompt) => void;
  close: (id: string) => void;
};

export const useAuthPromptStore = create<AuthPromptState>()((set) => ({
  queue: [],
  add: (prompt) => {
    set((state) => ({ queue: [...state.queue.filter((p) => p.id !== prompt.id), prompt] }));
  },
  close: (id) => {
    set((state) => ({ queue: state.queue.filter((p) => p.id !== id) }));
  },
}));
