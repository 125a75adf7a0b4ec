/** How far one transfer is: bytes safely at the destination, of how many, and the recent speed. */
export type TransferProgress = { transferred: number; total: number; bytesPerSecond: number };

const intervalMs = 100;
const speedWindowMs = 2_000;

export type ProgressMeter = {
  /** Counts bytes that reached the destination; reports at most every 100 ms (the first at once). */
  add(bytes: number): void;
  /** The last report: everything transferred, with the average speed of the whole transfer. */
  finish(): void;
};

/**
 * Turns per-chunk completions into at most ~10 reports a second, so a fast transfer does not
 * flood IPC. The speed is measured over the last two seconds, so it follows a link that slows down.
 */
export function createProgressMeter(
  total: number,
  report: ((progress: TransferProgress) => void) | undefined,
  now: () => number = () => performance.now(),
): ProgressMeter {
  const startedAt = now();
  let transferred = 0;
  let lastReportAt: number | null = null;
  const samples: { at: number; transferred: number }[] = [{ at: startedAt, transferred: 0 }];

  const emit = (progress: TransferProgress) => {
    try {
      report?.(progress);
    } catch {
      // A failing listener must not fail the transfer it watches.
    }
  };

  return {
    add(bytes) {
      transferred += bytes;
      if (!report) return;
      const at = now();
      if (lastReportAt !== null && at - lastReportAt < intervalMs) return;
      lastReportAt = at;
      samples.push({ at, transferred });
      while (samples.length > 2 && at - samples[1]!.at >= speedWindowMs) samples.shift();
      const oldest = samples[0]!;
      emit({ transferred, total, bytesPerSecond: rate(transferred - oldest.transferred, at - oldest.at) });
    },
    finish() {
      emit({ transferred, total, bytesPerSecond: rate(transferred, now() - startedAt) });
    },
  };
}

function rate(bytes: number, elapsedMs: number): number {
  return elapsedMs > 0 ? Math.round((bytes * 1000) / elapsedMs) : 0;
}
