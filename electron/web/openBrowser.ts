import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { isAbsolute } from 'node:path';

/**
 * Opens the launch page in the person's default browser when there is one to open: a desktop
 * session (not a headless login node or CI). `SLURMDESK_BROWSER_OPENER` names another program
 * (an absolute path) to run instead, wherever the app runs. The address is a file URL with no
 * secret in it — every local user can read an opener's command line — and goes as argv, never
 * through a shell.
 */
export function openDefaultBrowser(address: string, env: NodeJS.ProcessEnv = process.env): boolean {
  const command = browserOpener(env);
  if (!command) return false;
  const child = execFile(command.file, [...command.args, address], { windowsHide: true }, () => {});
  child.unref();
  return true;
}

function browserOpener(env: NodeJS.ProcessEnv): { file: string; args: string[] } | null {
  const chosen = env.SLURMDESK_BROWSER_OPENER?.trim();
  if (chosen) return isAbsolute(chosen) && existsSync(chosen) ? { file: chosen, args: [] } : null;
  if (env.CI) return null;
  switch (process.platform) {
    case 'darwin':
      return { file: '/usr/bin/open', args: [] };
    case 'win32':
      return { file: 'rundll32.exe', args: ['url.dll,FileProtocolHandler'] };
    default: {
      if (!env.DISPLAY && !env.WAYLAND_DISPLAY) return null;
      const opener = ['/usr/bin/xdg-open', '/usr/local/bin/xdg-open'].find((path) => existsSync(path));
      return opener ? { file: opener, args: [] } : null;
    }
  }
}
