import { BrowserWindow, type Session } from 'electron';
import { appEntryUrl } from './appOrigin';
import { hardenWebContents } from './hardenWebContents';
import { hardenedWindowOptions, type WindowOverrides } from './windowOptions';

/**
 * The only place windows are made. Options come from hardenedWindowOptions (tested on its own);
 * this adds what needs a live window: the navigation and popup blocks and the permission denials.
 */
export function createAppWindow(options: {
  preloadPath: string;
  openExternal: (url: string) => Promise<boolean>;
  overrides?: WindowOverrides;
}): BrowserWindow {
  const window = new BrowserWindow(hardenedWindowOptions(options.preloadPath, options.overrides));
  hardenWebContents(window.webContents, options.openExternal);
  denyAllPermissions(window.webContents.session);
  window.once('ready-to-show', () => window.show());
  void window.loadURL(appEntryUrl);
  return window;
}

/** Camera, microphone, geolocation, notifications-by-prompt…: nothing is granted to content. */
export function denyAllPermissions(session: Session): void {
  session.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
  session.setPermissionCheckHandler(() => false);
  session.setDevicePermissionHandler(() => false);
}
