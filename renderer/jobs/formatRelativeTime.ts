const relative = new Intl.RelativeTimeFormat(undefined, { numeric: 'auto', style: 'short' });

const steps: [limitSeconds: number, unitSeconds: number, unit: Intl.RelativeTimeFormatUnit][] = [
  [60, 1, 'second'],
  [3600, 60, 'minute'],
  [86_400, 3600, 'hour'],
  [7 * 86_400, 86_400, 'day'],
  [Infinity, 7 * 86_400, 'week'],
];

/** "5 min. ago" for a list; the exact time goes in a title or the detail pane. */
export function formatRelativeTime(iso: string, now: number): string {
  const then = Date.parse(iso);
  if (Number.isNaN(then)) return iso;
  // A moment ahead of `now` is a clock refreshed a little while ago, not the future.
  const seconds = Math.min(0, Math.round((then - now) / 1000));
  const size = Math.abs(seconds);
  for (const [limit, unitSeconds, unit] of steps) {
    if (size < limit) return relative.format(Math.round(seconds / unitSeconds), unit);
  }
  return relative.format(seconds, 'second');
}

export function formatTimestamp(iso: string | null): string {
  if (!iso) return '—';
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? iso : date.toLocaleString();
}
