import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';

/**
 * Opens the browser-mode address in the person's default browser when there is one to open: a
 * desktop session (not a headless login node or CI). Arguments go as argv, never through a shell.
 */
export function openDefaultBrowser(url: string, env: NodeJS.ProcessEnv = process.env): boolean {
  const command = browserOpener(env);
  if (!command) return false;
  const child = execFile(command.file, [...command.args, url], { windowsHide: true }, () => {});
  child.unref();
  return true;
}

function browserOpener(env: NodeJS.ProcessEnv): { file: string; args: string[] } | null {
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
