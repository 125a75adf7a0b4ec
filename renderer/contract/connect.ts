import { launchCodeField, launchPath } from '../../shared/contract/browserMode';
import { ContractClient } from '../../shared/contract/client';
import { desktopBridge, electronPort } from './electronPort';
import { openWebSocketPort } from './webSocketPort';

/**
 * Connects the renderer to main: through the preload bridge in the desktop app, else through the
 * browser-mode socket. Opened from a one-time address, the page first trades the code in the
 * fragment for the session cookie (same origin, so the HttpOnly cookie is set) and takes the
 * code out of the address bar; opened from the launch page, the cookie is already there.
 */
export async function connectToMain(): Promise<ContractClient> {
  const bridge = desktopBridge();
  if (bridge) return new ContractClient(electronPort(bridge));
  const code = takeLaunchCodeFromLocation();
  if (code !== null) await redeemLaunchCode(code);
  return new ContractClient(await openWebSocketPort());
}

function takeLaunchCodeFromLocation(): string | null {
  const fragment = new URLSearchParams(window.location.hash.slice(1));
  const code = fragment.get(launchCodeField);
  if (code !== null) history.replaceState(null, '', window.location.pathname + window.location.search);
  return code;
}

async function redeemLaunchCode(code: string): Promise<void> {
  const response = await fetch(launchPath, {
    method: 'POST',
    body: new URLSearchParams({ [launchCodeField]: code }),
    credentials: 'same-origin',
    redirect: 'manual',
  });
  // 303 to the app (opaque under manual redirects) is success; 403 means used or expired.
  if (response.status === 403) {
    throw new Error('This one-time address was already used or has expired. Open the launch page Slurm Desk printed, or ask it for a new address by restarting it.');
  }
}
