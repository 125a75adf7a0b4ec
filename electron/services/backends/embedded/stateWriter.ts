/**
 * Serializes writes of the whole state file and coalesces bursts: at most one write runs and one
 * waits. A caller that asks while one is waiting shares it; the waiting write takes its snapshot
 * only when it starts, so every change made before the request is in it.
 */
export class StateWriter {
  #running: Promise<void> | null = null;
  #queued: Promise<void> | null = null;
  readonly #write: () => Promise<void>;

  constructor(write: () => Promise<void>) {
    this.#write = write;
  }

  /** Resolves once a write that started after this call has reached the disk. */
  request(): Promise<void> {
    if (this.#queued !== null) return this.#queued;
    const previous = this.#running ?? Promise.resolve();
    const next: Promise<void> = previous
      .catch(() => {})
      .then(() => {
        this.#queued = null;
        this.#running = next;
        return this.#write();
      })
      .finally(() => {
        if (this.#running === next) this.#running = null;
      });
    this.#queued = next;
    return next;
  }

  /** Waits for whatever is running or queued; never throws. */
  async idle(): Promise<void> {
    while (this.#running !== null || this.#queued !== null) {
      await (this.#queued ?? this.#running)?.catch(() => {});
    }
  }
}
