import { BrowserWindow } from 'electron';
import { appEntryUrl } from './appOrigin';
import { hardenWebContents } from './hardenWebContents';
import { applyPermissionPolicy } from './permissionPolicy';
import { hardenedWindowOptions, type WindowOverrides } from './windowOptions';

/**
 * The only place windows are made. Options come from hardenedWindowOptions (tested on its own);
 * this adds what needs a live window: the navigation and popup blocks and the permission policy.
 */
export function createAppWindow(options: {
  preloadPath: string;
  openExternal: (url: string) => Promise<boolean>;
  overrides?: WindowOverrides;
}): BrowserWindow {
  const window = new BrowserWindow(hardenedWindowOptions(options.preloadPath, options.overrides));
  hardenWebContents(window.webContents, options.openExternal);
  applyPermissionPolicy(window.webContents.session);
  window.once('ready-to-show', () => window.show());
  void window.loadURL(appEntryUrl);
  return window;
}
