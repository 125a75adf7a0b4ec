import { create } from 'zustand';

export const viewIds = ['clusters', 'submit', 'jobs', 'interactive', 'files', 'settings'] as const;
export type ViewId = (typeof viewIds)[number];

export function isViewId(key: unknown): key is ViewId {
  return typeof key === 'string' && (viewIds as readonly string[]).includes(key);
}

type NavigationState = {
  view: ViewId;
  showView: (view: ViewId) => void;
};

/** Which main view is on screen; a store so any feature can send the person elsewhere. */
export const useNavigationStore = create<NavigationState>()((set) => ({
  view: 'clusters',
  showView: (view) => {
    set({ view });
  },
}));
