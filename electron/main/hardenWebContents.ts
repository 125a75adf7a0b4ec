import type { WebContents } from 'electron';
import { checkExternalUrl } from '../../shared/security/externalUrl';

/** The slice of WebContents the hardening touches; tests pass a named fake of it. */
export type HardenableContents = Pick<WebContents, 'on' | 'setWindowOpenHandler'>;

/**
 * Blocks every way content could leave the app's page: in-place navigation, redirects, new
 * windows, <webview>. Links meant for the browser go through the one checked opener instead.
 */
export function hardenWebContents(
  contents: HardenableContents,
  openExternal: (url: string) => Promise<boolean>,
): void {
  const refuse = (event: { preventDefault(): void }) => event.preventDefault();
  contents.on('will-navigate', refuse);
  contents.on('will-redirect', refuse);
  contents.on('will-attach-webview', refuse);
  contents.on('will-frame-navigate', refuse);
  contents.setWindowOpenHandler(({ url }) => {
    if (checkExternalUrl(url).ok) void openExternal(url);
    return { action: 'deny' };
  });
}
