import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * One line of the proof table: what was tried, how many times, and what got through. `lost` and
 * `breached` are the figures that must stay 0; `figures` holds anything else worth reading
 * (memory, refusals by kind, timings).
 */
export type ProofCheck = {
  id: string;
  area: 'attack' | 'fault';
  check: string;
  tried: string;
  attempts: number;
  lost: number;
  breached: number;
  figures?: Record<string, number | string>;
};

export const reportsDir = join(import.meta.dirname, '..', '..', '..', 'reports');
/** Each check writes its own file, so suites in separate workers never race on one report. */
export const checksDir = join(reportsDir, 'proof-checks');

export function recordCheck(check: ProofCheck): void {
  mkdirSync(checksDir, { recursive: true });
  const file = join(checksDir, `${check.id.replace(/[^A-Za-z0-9._-]/g, '_')}.json`);
  writeFileSync(file, `${JSON.stringify({ ...check, level: proofLevel(), recordedAt: new Date().toISOString() }, null, 2)}\n`);
}

export type ProofLevel = 'full' | 'light';

/** `npm run test:proof` runs the full counts; `npm test` sets SLURMDESK_PROOF_LEVEL=light. */
export function proofLevel(): ProofLevel {
  return process.env.SLURMDESK_PROOF_LEVEL === 'light' ? 'light' : 'full';
}

/** The number of attempts for a check at the current level. */
export function proofCount(full: number, light: number): number {
  return proofLevel() === 'full' ? full : light;
}

/** Bytes as megabytes with one decimal, for the report. */
export function mb(bytes: number): number {
  return Math.round((bytes / 1024 / 1024) * 10) / 10;
}
