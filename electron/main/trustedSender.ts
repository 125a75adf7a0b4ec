import { isAppUrl } from './appOrigin';

/** What main knows about the sender of an IPC message (from IpcMainInvokeEvent). */
export type SenderFacts = {
  webContentsId: number;
  /** The sending frame's URL, or null when the frame is gone. */
  frameUrl: string | null;
  /** True when the sending frame is the top frame of its page. */
  isMainFrame: boolean;
};

/**
 * Only the app's own windows, from their top frame, showing the app's own origin may call main.
 * An iframe, a page navigated elsewhere, or any other webContents is refused.
 */
export function isTrustedSender(sender: SenderFacts, trustedWebContentsIds: ReadonlySet<number>): boolean {
  return (
    trustedWebContentsIds.has(sender.webContentsId) &&
    sender.isMainFrame &&
    sender.frameUrl !== null &&
    isAppUrl(sender.frameUrl)
  );
}
