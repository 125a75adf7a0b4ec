import { randomBytes } from 'node:crypto';
import { tokensMatch } from './handshakeGuards';

/**
 * One-time launch codes: each is good for one launch, within its lifetime, and then dead. A code
 * is what a launch page or a printed address carries instead of the session secret, so a copy
 * seen later (an old page, a terminal's scrollback) opens nothing.
 */
export class LaunchCodes {
  readonly #live = new Map<string, number>();

  constructor(
    private readonly lifetimeMs: number,
    private readonly now: () => number = Date.now,
  ) {}

  issue(): string {
    this.#forgetExpired();
    const code = randomBytes(32).toString('hex');
    this.#live.set(code, this.now() + this.lifetimeMs);
    return code;
  }

  /** True once for a live code; the code is dead afterwards whatever the answer. */
  redeem(presented: string): boolean {
    this.#forgetExpired();
    for (const [code] of this.#live) {
      if (tokensMatch(presented, code)) {
        this.#live.delete(code);
        return true;
      }
    }
    return false;
  }

  revoke(code: string): void {
    this.#live.delete(code);
  }

  #forgetExpired(): void {
    const now = this.now();
    for (const [code, expires] of this.#live) if (expires <= now) this.#live.delete(code);
  }
}
