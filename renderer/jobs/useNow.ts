import { useCallback, useSyncExternalStore } from 'react';

type Clock = { now: number; listeners: Set<() => void>; timer: ReturnType<typeof setInterval> | null };
const clocks = new Map<number, Clock>();

function clockFor(everyMs: number): Clock {
  let clock = clocks.get(everyMs);
  if (!clock) {
    clock = { now: Date.now(), listeners: new Set(), timer: null };
    clocks.set(everyMs, clock);
  }
  return clock;
}

/** Starts the period's one timer with its first listener and stops it with its last. */
function subscribe(everyMs: number, listener: () => void): () => void {
  const clock = clockFor(everyMs);
  clock.listeners.add(listener);
  if (clock.timer === null) {
    clock.now = Date.now();
    clock.timer = setInterval(() => {
      clock.now = Date.now();
      clock.listeners.forEach((notify) => notify());
    }, everyMs);
  }
  return () => {
    clock.listeners.delete(listener);
    if (clock.listeners.size === 0 && clock.timer !== null) {
      clearInterval(clock.timer);
      clock.timer = null;
    }
  };
}

/**
 * The current time, refreshed now and then so relative times do not go stale. Every view asking
 * for the same period reads one shared clock: the jobs list and the job detail, each with its own
 * timer, said "2 min. ago" and "1 min. ago" of the same submission for up to a period.
 */
export function useNow(everyMs: number): number {
  const onChange = useCallback((listener: () => void) => subscribe(everyMs, listener), [everyMs]);
  const read = useCallback(() => clockFor(everyMs).now, [everyMs]);
  return useSyncExternalStore(onChange, read);
}
