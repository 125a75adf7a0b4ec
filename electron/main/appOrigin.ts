/**
 * The renderer is served from a privileged custom scheme, so it has one exact origin that every
 * IPC message is checked against (file:// would make every local file the same origin).
 */
export const appScheme = 'app';
export const appHost = 'slurmdesk';
export const appOrigin = `${appScheme}://${appHost}`;
export const appEntryUrl = `${appOrigin}/index.html`;

export function isAppUrl(url: string): boolean {
  try {
    const parsed = new URL(url);
    return parsed.protocol === `${appScheme}:` && parsed.host === appHost;
  } catch {
    return false;
  }
}
