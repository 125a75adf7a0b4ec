import { absentValues } from '../slurm/slurmFields';

/**
 * Readers for the numbers the queue views add to the slurm parsers' fields: byte sizes with
 * suffixes, CPU time with fractions, counts and TRES lists. Slurm's "nothing here" spellings
 * (`N/A`, `Unknown`, `(null)`, empty) read as null, never as 0.
 */

// sacct and sinfo also print a lowercase `n/a`.
const absent = new Set([...absentValues, 'n/a']);
const unitBytes: Record<string, number> = { '': 1, K: 1024, M: 1024 ** 2, G: 1024 ** 3, T: 1024 ** 4, P: 1024 ** 5 };

/**
 * `1234K`, `1.5G`, `512M`, `0` → bytes. `defaultUnit` is what a bare number means: sacct's MaxRSS
 * is in bytes when it has no suffix... except it never prints one without; memory requests are MB.
 */
export function readBytes(text: string, defaultUnit: 'B' | 'M' = 'B'): number | null {
  const value = text.trim();
  if (absent.has(value)) return null;
  // ReqMem of old releases ends in n (per node) or c (per CPU); callers that care read it first.
  const match = /^(\d+(?:\.\d+)?)([KMGTP]?)[nc]?$/i.exec(value);
  if (!match) return null;
  const unit = match[2]!.toUpperCase();
  const factor = unit === '' ? (defaultUnit === 'M' ? unitBytes.M! : 1) : unitBytes[unit]!;
  return Math.round(Number(match[1]) * factor);
}

/** sacct's TotalCPU: `00:01.234`, `1:02:03`, `2-01:02:03.500` → seconds (fractions kept). */
export function readCpuTime(text: string): number | null {
  const value = text.trim();
  if (absent.has(value)) return null;
  const match = /^(?:(\d+)-)?(?:(\d+):)?(\d+):(\d+)(?:\.(\d+))?$/.exec(value);
  if (!match) return null;
  const [, days = '0', hours = '0', minutes, seconds, fraction = ''] = match;
  return ((Number(days) * 24 + Number(hours)) * 60 + Number(minutes)) * 60 + Number(seconds) + (fraction ? Number(`0.${fraction}`) : 0);
}

export function readCount(text: string): number | null {
  const value = text.trim();
  if (!/^\d+$/.test(value)) return null;
  return Number(value);
}

export function readNumber(text: string): number | null {
  const value = text.trim();
  if (!/^-?\d+(?:\.\d+)?$/.test(value)) return null;
  return Number(value);
}

export function readText(text: string): string | null {
  const value = text.trim();
  return absent.has(value) ? null : value;
}

/** `cpu=4,mem=8G,node=1,billing=4,gres/gpu=1` → entries; a `+` ends some releases' counts (`gres/gpu=2+`). */
export function readTres(text: string): Map<string, string> {
  const entries = new Map<string, string>();
  const value = readText(text);
  if (value === null) return entries;
  for (const part of value.split(',')) {
    const equals = part.indexOf('=');
    if (equals > 0) entries.set(part.slice(0, equals), part.slice(equals + 1).replace(/\+$/, ''));
  }
  return entries;
}

/** GPUs in a TRES list: `gres/gpu=2` (any typed `gres/gpu:a100=2` entries are part of that total). */
export function tresGpus(tres: Map<string, string>): number | null {
  const total = tres.get('gres/gpu');
  return total === undefined ? null : readCount(total);
}
