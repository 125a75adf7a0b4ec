import { maxNoticeLength, type AppNotice } from '../../../shared/app/appNotice';
import type { EventHub } from '../../../shared/contract/eventHub';

/** The most recent notices kept for windows that open later; older ones were shown or logged. */
export const keptNotices = 20;

/**
 * Notices for the person: pushed to the windows open now (app.notice) and kept for those that
 * open later (app.notices), because a problem found while the app starts — a damaged journal
 * record — is found before any window listens.
 */
export class AppNotices {
  private readonly kept: AppNotice[] = [];

  constructor(private readonly hub: EventHub) {}

  raise(raised: AppNotice): void {
    // Within what the contract carries: a notice must never fail for being long (paths can be).
    const notice = raised.message.length > maxNoticeLength ? { ...raised, message: `${raised.message.slice(0, maxNoticeLength - 1)}…` } : raised;
    // A newer notice about the same cause replaces the older one (see AppNoticeSchema.cause).
    const older = notice.cause === undefined ? -1 : this.kept.findIndex((kept) => kept.cause === notice.cause);
    if (older >= 0) this.kept.splice(older, 1);
    this.kept.push(notice);
    if (this.kept.length > keptNotices) this.kept.shift();
    this.hub.emit('app.notice', notice);
  }

  list(): AppNotice[] {
    return [...this.kept];
  }
}
