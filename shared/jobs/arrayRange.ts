/**
 * Slurm's --array syntax: comma-separated indices or ranges with an optional step, then an
 * optional %max of tasks running at once: `0-99%5`, `1,3,5-9:2`. The embedded executor expands it;
 * for Slurm it is validated and passed through.
 */
export type ArrayRange = { indices: number[]; maxParallel: number | null };

export const maxArrayTasks = 100_000;

export function parseArrayRange(text: string): ArrayRange | string {
  const match = /^([0-9,:-]+)(?:%(\d{1,6}))?$/.exec(text);
  if (!match) return 'An array range looks like 0-99, 1,3,5-9:2 or 0-99%5';
  const maxParallel = match[2] === undefined ? null : Number(match[2]);
  if (maxParallel === 0) return 'The %max of an array must be at least 1';
  const indices = new Set<number>();
  for (const part of match[1]!.split(',')) {
    const piece = /^(\d{1,7})(?:-(\d{1,7})(?::(\d{1,7}))?)?$/.exec(part);
    if (!piece) return `"${part}" is not an index or a range like 5-9 or 5-9:2`;
    const start = Number(piece[1]);
    const end = piece[2] === undefined ? start : Number(piece[2]);
    const step = piece[3] === undefined ? 1 : Number(piece[3]);
    if (end < start) return `The range ${part} ends before it starts`;
    if (step < 1) return `The step in ${part} must be at least 1`;
    if ((end - start) / step + indices.size >= maxArrayTasks) return `An array may have at most ${maxArrayTasks} tasks`;
    for (let index = start; index <= end; index += step) indices.add(index);
  }
  return { indices: [...indices].sort((a, b) => a - b), maxParallel };
}

/** The --array value for a list of items: one task per item, indices 0..n-1. */
export function arrayRangeForItems(count: number, maxParallel: number | null): string {
  const range = count === 1 ? '0' : `0-${count - 1}`;
  return maxParallel === null ? range : `${range}%${maxParallel}`;
}

/** Indices as Slurm writes an array range: `0-3,5,7-9` (or with another separator for prose). */
export function formatArrayIndices(indices: readonly number[], separator = ','): string {
  const sorted = [...new Set(indices)].sort((a, b) => a - b);
  const parts: string[] = [];
  for (let start = 0; start < sorted.length; ) {
    let end = start;
    while (end + 1 < sorted.length && sorted[end + 1] === sorted[end]! + 1) end += 1;
    parts.push(end === start ? `${sorted[start]}` : `${sorted[start]}-${sorted[end]}`);
    start = end + 1;
  }
  return parts.join(separator);
}
