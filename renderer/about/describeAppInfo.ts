import type { TransportKind } from '../../shared/app/appInfo';

export const transportLabels: Record<TransportKind, string> = {
  electron: 'Desktop (Electron IPC)',
  websocket: 'Browser mode (WebSocket)',
  memory: 'In-memory',
};

export const notInElectron = 'not running in Electron (browser mode)';

const platformNames: Record<string, string> = {
  linux: 'Linux',
  darwin: 'macOS',
  win32: 'Windows',
  freebsd: 'FreeBSD',
};

/** "Linux (linux-x64)": a name a person recognises, and the exact pair a bug report needs. */
export function describePlatform(platform: string, arch: string): string {
  const exact = `${platform}-${arch}`;
  const name = Object.hasOwn(platformNames, platform) ? platformNames[platform] : undefined;
  return name ? `${name} (${exact})` : exact;
}
