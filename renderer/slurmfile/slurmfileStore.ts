import { create } from 'zustand';
import type { SlurmfileView } from '../../shared/contract/slurmfileMethods';

export type RecentSlurmfile = { file: string; openedAt: string };

type SlurmfileState = {
  /** What the person typed: a project folder or a Slurmfile. */
  pathInput: string;
  /** The open Slurmfile as main last read it; null outside Slurmfile mode. */
  view: SlurmfileView | null;
  busy: 'open' | 'trust' | 'template' | null;
  /** Why the last open, trust or template failed, shown next to the bar. */
  error: string | null;
  /** The file changed between being shown and being trusted. */
  changed: boolean;
  /** The template the form was filled from, sent along with the job. */
  template: string | null;
  recent: RecentSlurmfile[];
  setPathInput: (value: string) => void;
  setBusy: (busy: SlurmfileState['busy']) => void;
  /** A fresh read of the file; a template stays chosen only while the same environment offers it. */
  showView: (view: SlurmfileView, options?: { changed?: boolean }) => void;
  fail: (message: string | null) => void;
  chooseTemplate: (name: string | null) => void;
  setRecent: (recent: RecentSlurmfile[]) => void;
  /** "Close project": back to plain submission. */
  close: () => void;
};

/** A store rather than component state, so the open project survives a visit to another view. */
export const useSlurmfileStore = create<SlurmfileState>()((set) => ({
  pathInput: '',
  view: null,
  busy: null,
  error: null,
  changed: false,
  template: null,
  recent: [],
  setPathInput: (pathInput) => set({ pathInput }),
  setBusy: (busy) => set({ busy }),
  showView: (view, options) =>
    set((state) => {
      const sameEnvironment = state.view?.file === view.file && state.view.chosen === view.chosen;
      const keepTemplate = sameEnvironment && view.trusted && view.templates.some((entry) => entry.name === state.template);
      return { view, error: null, changed: options?.changed ?? false, template: keepTemplate ? state.template : null };
    }),
  fail: (error) => set({ error }),
  chooseTemplate: (template) => set({ template }),
  setRecent: (recent) => set({ recent }),
  close: () => set({ view: null, error: null, changed: false, template: null }),
}));
