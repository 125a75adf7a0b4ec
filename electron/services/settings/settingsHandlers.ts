import type { Handlers } from '../../../shared/contract/dispatcher';
import type { EventHub } from '../../../shared/contract/eventHub';
import type { SettingsStore } from './settingsStore';

/** settings.get and settings.set; every window hears about a saved change. */
export function createSettingsHandlers(settings: SettingsStore, hub: EventHub): Pick<Handlers, 'settings.get' | 'settings.set'> {
  return {
    'settings.get': () => settings.read(),
    'settings.set': (patch) => {
      const saved = settings.write(patch);
      hub.emit('settings.changed', saved);
      return saved;
    },
  };
}
