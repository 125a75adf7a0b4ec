/**
 * How long a server may take to finish the SSH handshake and login, not counting the time a
 * person spends on a question (reading a fingerprint, finding an MFA code). ssh2's own
 * readyTimeout counts both, so a person who takes half a minute would find the connection gone.
 */
export class HandshakeDeadline {
  private timer: NodeJS.Timeout | null = null;
  private asking = 0;
  private finished = false;

  constructor(
    private readonly ms: number,
    private readonly onExpired: () => void,
  ) {
    this.arm();
  }

  /** Runs a question to the person with the clock stopped; it restarts in full afterwards. */
  async whileAsking<T>(ask: () => Promise<T>): Promise<T> {
    this.asking += 1;
    this.disarm();
    try {
      return await ask();
    } finally {
      this.asking -= 1;
      if (this.asking === 0) this.arm();
    }
  }

  finish(): void {
    this.finished = true;
    this.disarm();
  }

  private arm(): void {
    if (this.finished || this.ms <= 0) return;
    this.disarm();
    this.timer = setTimeout(() => {
      this.finished = true;
      this.onExpired();
    }, this.ms);
    this.timer.unref();
  }

  private disarm(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
  }
}
