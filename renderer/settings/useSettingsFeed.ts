import { useEffect } from 'react';
import type { ContractClient } from '../../shared/contract/client';
import { useSettingsStore } from './settingsStore';

/** For the whole window (notifications need the settings in every view): read once, then follow. */
export function useSettingsFeed(client: ContractClient): void {
  useEffect(() => {
    const { load, saved } = useSettingsStore.getState();
    const unsubscribe = client.on('settings.changed', saved);
    void load(client);
    return unsubscribe;
  }, [client]);
}
