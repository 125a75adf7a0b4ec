import Conf from 'conf';
import { AppError } from '../../../shared/errors';
import { privateFileMode, tightenPrivateFile } from '../fs/privateFolder';
import { AppSettingsSchema, defaultAppSettings, type AppSettings, type AppSettingsPatch } from '../../../shared/settings/appSettings';

export const SettingsErrorCode = { invalid: 'invalid-settings' } as const;

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

  /** All of the changes or none: one bad value saves nothing and names every bad field. */
  write(changes: AppSettingsPatch): AppSettings {
    const parsed = AppSettingsSchema.safeParse({ ...this.read(), ...changes });
    if (!parsed.success) {
      const details = parsed.error.issues.map((issue) => ({ path: issue.path.map(String).join('.') || '(root)', message: issue.message }));
      throw new AppError(SettingsErrorCode.invalid, `Settings not saved: ${details.map((detail) => `${detail.path}: ${detail.message}`).join('; ')}`, details);
    }
    this.backend.set('app', parsed.data);
    return parsed.data;
  }
}

/**
 * Node (browser mode, CLI): conf, electron-store's twin, in the data folder. The file holds
 * every cluster profile (hosts, users, key paths, jump hosts): conf writes it 0666 less the
 * umask unless told, so it is told 0600, and a file left 0644 by an older version is tightened.
 */
export function openNodeSettingsBackend(dataDir: string, onTightened?: (path: string, previousMode: number) => void): SettingsBackend {
  const store = new Conf({ cwd: dataDir, configName: 'settings', projectName: 'slurmdesk', configFileMode: privateFileMode });
  tightenPrivateFile(store.path, (mode) => onTightened?.(store.path, mode));
  return store;
}
