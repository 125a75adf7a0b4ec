import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** Where each benchmark file leaves its rows; build/scripts/bench.mjs gathers them into reports/bench.{json,md}. */
export const repoRoot = join(import.meta.dirname, '..', '..');
export const partsDir = join(repoRoot, 'reports', 'bench', 'parts');

export type Summary = { n: number; median: number; min: number; max: number; unit: string };

/** One line of the report: what we measured, what it was compared with, and whether the target holds. */
export type BenchRow = {
  id: string;
  what: string;
  app: Summary | null;
  baseline: Summary | null;
  baselineLabel: string | null;
  /** app median / baseline median (or, with no baseline, the app median itself against the target). */
  ratio: number | null;
  target: string;
  met: boolean | null;
  notes: string[];
  extra?: Record<string, unknown>;
};

export function summarize(samples: readonly number[], unit: string): Summary {
  if (samples.length === 0) throw new Error('no samples to summarize');
  const sorted = samples.toSorted((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  const median = sorted.length % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
  return { n: sorted.length, median: round(median), min: round(sorted[0]!), max: round(sorted.at(-1)!), unit };
}

/** The value at this share of the sorted samples (0.95 for p95). */
export function percentile(samples: readonly number[], share: number): number {
  const sorted = samples.toSorted((a, b) => a - b);
  return round(sorted[Math.min(sorted.length - 1, Math.floor(share * sorted.length))] ?? 0);
}

export function ratioOf(app: Summary, baseline: Summary): number {
  return round(app.median / baseline.median, 3);
}

export function round(value: number, digits = 2): number {
  const scale = 10 ** digits;
  return Math.round(value * scale) / scale;
}

/**
 * Runs app and baseline in turn, `repetitions` times each, alternating which goes first, so drift
 * on a noisy machine (another build, page cache) lands on both sides alike.
 */
export async function alternate(repetitions: number, app: () => Promise<number>, baseline: () => Promise<number>): Promise<{ app: number[]; baseline: number[] }> {
  const samples = { app: [] as number[], baseline: [] as number[] };
  for (let round = 0; round < repetitions; round += 1) {
    if (round % 2 === 0) {
      samples.app.push(await app());
      samples.baseline.push(await baseline());
    } else {
      samples.baseline.push(await baseline());
      samples.app.push(await app());
    }
  }
  return samples;
}

export async function timed(work: () => Promise<unknown>): Promise<number> {
  const start = performance.now();
  await work();
  return performance.now() - start;
}

/** Writes this file's rows for the report; one JSON file per benchmark file. */
export function saveRows(file: string, rows: BenchRow[]): void {
  mkdirSync(partsDir, { recursive: true });
  writeFileSync(join(partsDir, `${file}.json`), `${JSON.stringify({ file, measuredAt: new Date().toISOString(), rows }, null, 2)}\n`);
  for (const row of rows) console.log(`[bench] ${row.id}: ${JSON.stringify({ app: row.app, baseline: row.baseline, ratio: row.ratio, target: row.target, met: row.met })}`);
}

export function mib(bytes: number): number {
  return bytes / (1024 * 1024);
}
