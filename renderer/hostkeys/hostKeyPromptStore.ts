import { create } from 'zustand';
import type { EventPayload } from '../../shared/contract/index';

export type HostKeyPrompt = EventPayload<'hostKey.prompt'>;

type HostKeyPromptState = {
  /** Oldest first; the dialog shows the first. */
  queue: HostKeyPrompt[];
  add: (prompt: HostKeyPrompt) => void;
  close: (id: string) => void;
};

export const useHostKeyPromptStore = create<HostKeyPromptState>()((set) => ({
  queue: [],
  add: (prompt) => {
    set((state) => ({ queue: [...state.queue.filter((p) => p.id !== prompt.id), prompt] }));
  },
  close: (id) => {
    set((state) => ({ queue: state.queue.filter((p) => p.id !== id) }));
  },
}));
