import { create } from 'zustand';
import type { ContractClient } from '../../shared/contract/client';
import type { AppSettings } from '../../shared/settings/appSettings';
import { reportIfDisconnected } from '../app/reportIfDisconnected';

type SettingsState = {
  /** Null until settings.get answered. */
  settings: AppSettings | null;
  loadError: string | null;
  load: (client: ContractClient) => Promise<void>;
  /** What main saved, from a reply or a settings.changed event. */
  saved: (settings: AppSettings) => void;
};

/** The app settings as main last reported them; every window follows settings.changed. */
export const useSettingsStore = create<SettingsState>()((set) => ({
  settings: null,
  loadError: null,

  async load(client) {
    try {
      set({ settings: await client.call('settings.get', {}), loadError: null });
    } catch (error) {
      reportIfDisconnected(error);
      set({ loadError: error instanceof Error ? error.message : 'The settings could not be read.' });
    }
  },

  saved(settings) {
    set({ settings, loadError: null });
  },
}));
