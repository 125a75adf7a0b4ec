import { shell } from 'electron';
import { checkExternalUrl } from '../../shared/security/externalUrl';

/** The one place the app hands a URL to the operating system. Lint forbids every other path. */
export async function openExternalChecked(url: string): Promise<boolean> {
  const verdict = checkExternalUrl(url);
  if (!verdict.ok) return false;
  await shell.openExternal(verdict.url);
  return true;
}

/** The other thing the app asks of the OS shell: show one of its own files (the log) in the file manager. */
export function showOwnFileInFolder(path: string): void {
  shell.showItemInFolder(path);
}
