import { create } from 'zustand';
import type { ForwardInfo } from '../../shared/contract/forwardMethods';

type ForwardsState = {
  forwards: ForwardInfo[];
  /** An opened web app's address and token, by forward id: shown to the person, kept nowhere else. */
  webApps: Record<string, { url: string; token: string; job: string }>;
  replaceAll: (forwards: ForwardInfo[]) => void;
  changed: (forward: ForwardInfo) => void;
  webAppOpened: (forward: ForwardInfo, url: string, token: string, job: string) => void;
};

/** This window's port forwards, as main reports them (closed ones leave the list). */
export const useForwardsStore = create<ForwardsState>()((set) => ({
  forwards: [],
  webApps: {},
  replaceAll: (forwards) => set({ forwards }),
  changed: (forward) =>
    set((state) => {
      const others = state.forwards.filter((known) => known.id !== forward.id);
      if (forward.state !== 'closed') return { forwards: [...others, forward] };
      const webApps = Object.fromEntries(Object.entries(state.webApps).filter(([id]) => id !== forward.id));
      return { forwards: others, webApps };
    }),
  webAppOpened: (forward, url, token, job) =>
    set((state) => ({
      forwards: [...state.forwards.filter((known) => known.id !== forward.id), forward],
      webApps: { ...state.webApps, [forward.id]: { url, token, job } },
    })),
}));
