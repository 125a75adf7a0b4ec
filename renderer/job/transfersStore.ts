import { create } from 'zustand';
import type { EventPayload } from '../../shared/contract/index';

export type TransferProgress = EventPayload<'transfer.progress'>;

type TransfersState = {
  /** Keyed by `direction:cluster:path`; the latest progress of each file on its way. */
  active: Record<string, TransferProgress>;
  report: (progress: TransferProgress) => void;
  clear: (key: string) => void;
};

export const transferKey = (progress: Pick<TransferProgress, 'direction' | 'cluster' | 'path'>) => `${progress.direction}:${progress.cluster}:${progress.path}`;

/** Files going to or from a cluster, fed by the contract's transfer.progress event. */
export const useTransfersStore = create<TransfersState>()((set) => ({
  active: {},
  report: (progress) => set((state) => ({ active: { ...state.active, [transferKey(progress)]: progress } })),
  clear: (key) =>
    set((state) => {
      const { [key]: _done, ...rest } = state.active;
      return { active: rest };
    }),
}));
