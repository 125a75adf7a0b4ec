import { create } from 'zustand';
import type { ContractClient } from '../../shared/contract/client';
import type { TerminalEnd, TerminalInfo } from '../../shared/contract/terminalMethods';
import { reportIfDisconnected } from '../app/reportIfDisconnected';
import { createTerminalHandle, terminalHandle } from './terminalHandles';

export type TerminalRequest = { cluster: string; job: string | null; node: string | null };
export type TerminalTab = { info: TerminalInfo; request: TerminalRequest; ended: TerminalEnd | null };

type TerminalState = {
  tabs: TerminalTab[];
  active: string | null;
  opening: boolean;
  error: string | null;
  open: (client: ContractClient, request: TerminalRequest) => Promise<void>;
  close: (client: ContractClient, id: string) => void;
  /** After an end: a new shell where the old one was, in the same tab position. */
  reopen: (client: ContractClient, id: string) => Promise<void>;
  ended: (end: TerminalEnd) => void;
  select: (id: string) => void;
};

/** Terminal tabs of this window; each tab's screen lives in its xterm handle. */
export const useTerminalStore = create<TerminalState>()((set, get) => ({
  tabs: [],
  active: null,
  opening: false,
  error: null,

  async open(client, request) {
    set({ opening: true, error: null });
    try {
      const info = await client.call('terminal.open', { ...request, cols: 100, rows: 30 });
      createTerminalHandle(client, info.id);
      set((state) => ({ tabs: [...state.tabs, { info, request, ended: null }], active: info.id, opening: false }));
    } catch (error) {
      reportIfDisconnected(error);
      set({ opening: false, error: error instanceof Error ? error.message : 'The terminal could not be opened.' });
    }
  },

  close(client, id) {
    const tab = get().tabs.find((candidate) => candidate.info.id === id);
    if (tab && !tab.ended) client.call('terminal.close', { id }).catch(reportIfDisconnected);
    terminalHandle(id)?.dispose();
    set((state) => {
      const tabs = state.tabs.filter((candidate) => candidate.info.id !== id);
      return { tabs, active: state.active === id ? (tabs.at(-1)?.info.id ?? null) : state.active };
    });
  },

  async reopen(client, id) {
    const tab = get().tabs.find((candidate) => candidate.info.id === id);
    if (!tab) return;
    get().close(client, id);
    await get().open(client, tab.request);
  },

  ended(end) {
    set((state) => ({ tabs: state.tabs.map((tab) => (tab.info.id === end.id ? { ...tab, ended: end } : tab)) }));
  },

  select(id) {
    set({ active: id });
  },
}));
