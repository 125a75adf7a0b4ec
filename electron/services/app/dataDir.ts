import { homedir } from 'node:os';
import { join } from 'node:path';

/**
 * Where the app keeps its settings, journal and audit log. `SLURMDESK_HOME` wins (tests, several
 * installs side by side); otherwise the platform's usual per-user data folder. The Electron shell
 * passes app.getPath('userData') instead, which is the same folder.
 */
export function resolveDataDir(
  env: NodeJS.ProcessEnv = process.env,
  platform: NodeJS.Platform = process.platform,
  home: string = homedir(),
): string {
  const override = env.SLURMDESK_HOME?.trim();
  if (override) return override;
  switch (platform) {
    case 'darwin':
      return join(home, 'Library', 'Application Support', 'Slurm Desk');
    case 'win32':
      return join(env.APPDATA ?? join(home, 'AppData', 'Roaming'), 'Slurm Desk');
    default:
      return join(env.XDG_CONFIG_HOME?.trim() || join(home, '.config'), 'Slurm Desk');
  }
}
