import type { HistoryWindow } from '../../../shared/queue/queueJob';

/**
 * How often a watched cluster's queue is read. A shared slurmctld pays for every squeue of every
 * desktop left open, so the quick pace is only for a visible window with something of the
 * person's queued or running. One `squeue --me` costs slurmctld 3 RPCs on 22.05 (partition, job
 * and federation info; measured with sdiag), so an idle window reads every 90 s: 2 RPCs a minute,
 * the most an admin tolerates. A hidden one reads less, a cluster nobody watches not at all.
 */
export const queueRefreshMs = { visibleActive: 15_000, visibleIdle: 90_000, hiddenActive: 120_000, hiddenIdle: 300_000 } as const;

export function queueRefreshInterval(watched: boolean, visible: boolean, active: boolean): number | null {
  if (!watched) return null;
  if (visible) return active ? queueRefreshMs.visibleActive : queueRefreshMs.visibleIdle;
  return active ? queueRefreshMs.hiddenActive : queueRefreshMs.hiddenIdle;
}

/**
 * An incremental history read looks back this much further than the last read began: sacct shows
 * a job a few seconds after it ends (with a placeholder for the first 1–2 s), and clocks differ.
 */
export const historyOverlapSeconds = 120;

/** When the window starts on this computer's clock; rows that ended before it are dropped. */
export function historyWindowStart(window: HistoryWindow, now: number): number {
  if (window === 'none') return now;
  if (window === 'today') {
    const midnight = new Date(now);
    midnight.setHours(0, 0, 0, 0);
    return midnight.getTime();
  }
  return now - (window === '7d' ? 7 : 30) * 24 * 3600 * 1000;
}
