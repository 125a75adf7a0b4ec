/** One slice of a file: `length` bytes at `offset`, staged in a buffer its worker owns. */
export type Chunk = { offset: number; length: number; buffer: Buffer };

/** Waits for `work`, or stops waiting (rejecting with the stop reason) once the pipeline stops. */
export type UntilStopped = <T>(work: Promise<T>) => Promise<T>;

export type ChunkPlan = {
  total: number;
  chunkBytes: number;
  /** Chunks in flight at once; each owns one buffer of `chunkBytes`. */
  concurrency: number;
  /** Aborting stops the pipeline; its reason is what `moveChunks` rejects with. */
  signal: AbortSignal;
  /** Moves one chunk to the destination; wraps its slow waits in `untilStopped`. */
  move(chunk: Chunk, untilStopped: UntilStopped): Promise<void>;
  /** Called as each chunk lands, in completion order. */
  moved(bytes: number): void;
};

/**
 * Moves a file in chunks with several in flight, which is what makes SFTP fast: one request at a
 * time waits a round trip per chunk. The first failure (or an abort) stops new chunks; the ones in
 * flight are given up on (`untilStopped`) and awaited, so nothing still writes when this settles.
 */
export async function moveChunks(plan: ChunkPlan): Promise<void> {
  const stop = new Stop();
  const relay = () => stop.trigger(plan.signal.reason);
  if (plan.signal.aborted) relay();
  else plan.signal.addEventListener('abort', relay, { once: true });
  const untilStopped: UntilStopped = (work) => stop.race(work);
  let next = 0;
  const worker = async () => {
    const buffer = Buffer.allocUnsafe(Math.min(plan.chunkBytes, plan.total));
    while (!stop.stopped && next < plan.total) {
      const offset = next;
      const length = Math.min(plan.chunkBytes, plan.total - offset);
      next += length;
      try {
        await plan.move({ offset, length, buffer }, untilStopped);
      } catch (error) {
        stop.trigger(error);
        return;
      }
      if (!stop.stopped) plan.moved(length);
    }
  };
  const workers = Math.max(1, Math.min(plan.concurrency, Math.ceil(plan.total / plan.chunkBytes)));
  try {
    await Promise.all(Array.from({ length: workers }, worker));
  } finally {
    plan.signal.removeEventListener('abort', relay);
  }
  if (stop.stopped) throw stop.reason;
}

/** One stop for every wait in flight (one listener per wait would be 64 on one signal). */
class Stop {
  stopped = false;
  reason: unknown = undefined;
  private readonly waiting = new Set<(reason: unknown) => void>();

  /** The first reason wins: later failures are consequences of it. */
  trigger(reason: unknown): void {
    if (this.stopped) return;
    this.stopped = true;
    this.reason = reason;
    for (const fail of this.waiting) fail(reason);
    this.waiting.clear();
  }

  /** Settles as `work` does, or rejects once stopped; a late outcome of `work` is dropped, never unhandled. */
  race<T>(work: Promise<T>): Promise<T> {
    if (this.stopped) {
      work.catch(() => {});
      return Promise.reject(this.reason);
    }
    return new Promise<T>((resolve, reject) => {
      this.waiting.add(reject);
      work.then(
        (value) => {
          this.waiting.delete(reject);
          resolve(value);
        },
        (error: unknown) => {
          this.waiting.delete(reject);
          reject(error);
        },
      );
    });
  }
}
