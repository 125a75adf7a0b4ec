import { homedir } from 'node:os';
import { join } from 'node:path';

/** Where downloads go on this computer: the setting, else ~/Downloads/Slurm Desk. */
export function downloadRoot(setting: string | undefined | null): string {
  return setting ?? join(homedir(), 'Downloads', 'Slurm Desk');
}
