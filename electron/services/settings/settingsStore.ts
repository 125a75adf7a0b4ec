import Conf from 'conf';
import { AppSettingsSchema, defaultAppSettings, type AppSettings } from '../../../shared/settings/appSettings';

/** The few calls the app makes of a settings file; electron-store and conf both provide them. */
export type SettingsBackend = { get(key: string): unknown; set(key: string, value: unknown): void };

/**
 * App settings on disk, validated on the way in and out: a hand-edited file with a bad value falls
 * back to the default for that value instead of breaking the app.
 */
export class SettingsStore {
  constructor(private readonly backend: SettingsBackend) {}

  read(): AppSettings {
    const stored = { ...defaultAppSettings, ...(this.backend.get('app') as Partial<AppSettings> | undefined) };
    const parsed = AppSettingsSchema.safeParse(stored);
    if (parsed.success) return parsed.data;
    const fallback: Record<string, unknown> = { ...stored };
    for (const issue of parsed.error.issues) {
      const key = issue.path[0] as keyof AppSettings;
      fallback[key] = defaultAppSettings[key];
    }
    return AppSettingsSchema.parse(fallback);
  }

  write(changes: Partial<AppSettings>): AppSettings {
    const next = AppSettingsSchema.parse({ ...this.read(), ...changes });
    this.backend.set('app', next);
    return next;
  }
}

/** Node (browser mode, CLI): conf, electron-store's twin, in the data folder. */
export function openNodeSettingsBackend(dataDir: string): SettingsBackend {
  return new Conf({ cwd: dataDir, configName: 'settings', projectName: 'slurmdesk' });
}
