import type { BrowserWindowConstructorOptions, WebPreferences } from 'electron';

/**
 * The web preferences every window gets. Callers may add to them (a partition, zoom), but the
 * security-relevant ones are applied last, so no override can turn isolation or the sandbox off.
 */
export const hardenedWebPreferences = {
  contextIsolation: true,
  sandbox: true,
  nodeIntegration: false,
  nodeIntegrationInWorker: false,
  nodeIntegrationInSubFrames: false,
  webSecurity: true,
  allowRunningInsecureContent: false,
  experimentalFeatures: false,
  webviewTag: false,
  navigateOnDragDrop: false,
  spellcheck: false,
} as const satisfies WebPreferences;

export type WindowOverrides = Omit<BrowserWindowConstructorOptions, 'webPreferences'> & {
  webPreferences?: WebPreferences;
};

export function hardenedWindowOptions(preloadPath: string, overrides: WindowOverrides = {}): BrowserWindowConstructorOptions {
  return {
    width: 1280,
    height: 820,
    minWidth: 880,
    minHeight: 560,
    show: false,
    title: 'Slurm Desk',
    ...overrides,
    webPreferences: {
      ...overrides.webPreferences,
      preload: preloadPath,
      ...hardenedWebPreferences,
    },
  };
}
