/**
 * Keeps the channels open on one connection under the server's MaxSessions (OpenSSH: 10), so a
 * burst of commands queues here instead of failing with "open failed" on the server.
 */
export class ChannelLimiter {
  private active = 0;
  private readonly waiting: (() => void)[] = [];

  constructor(private limit: number) {}

  /** The server refused a channel below our limit: use one fewer from now on (never below one). */
  shrink(): void {
    this.limit = Math.max(1, Math.min(this.limit, this.active) - 1 || 1);
  }

  get capacity(): number {
    return this.limit;
  }

  async run<T>(work: () => Promise<T>): Promise<T> {
    if (this.active >= this.limit) await new Promise<void>((resolve) => this.waiting.push(resolve));
    this.active += 1;
    try {
      return await work();
    } finally {
      this.active -= 1;
      this.waiting.shift()?.();
    }
  }

  get inUse(): number {
    return this.active;
  }
}
