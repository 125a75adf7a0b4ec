import { ContractClient } from '../../shared/contract/client';
import { desktopBridge, electronPort } from './electronPort';
import { openWebSocketPort } from './webSocketPort';

const tokenKey = 'slurmdesk.token';

/**
 * Connects the renderer to main: through the preload bridge in the desktop app, else through the
 * browser-mode socket. The token is taken out of the address bar at once (so it is not shown,
 * bookmarked or screenshotted) and kept for this tab only, so a reload reconnects.
 */
export async function connectToMain(): Promise<ContractClient> {
  const bridge = desktopBridge();
  if (bridge) return new ContractClient(electronPort(bridge));
  const token = takeTokenFromLocation() ?? sessionStorage.getItem(tokenKey);
  if (!token) {
    throw new Error('This page was opened without its access token. Open the exact address Slurm Desk printed.');
  }
  sessionStorage.setItem(tokenKey, token);
  return new ContractClient(await openWebSocketPort(token));
}

function takeTokenFromLocation(): string | null {
  const fragment = new URLSearchParams(window.location.hash.slice(1));
  const token = fragment.get('token');
  if (token !== null) {
    history.replaceState(null, '', window.location.pathname + window.location.search);
  }
  return token;
}
