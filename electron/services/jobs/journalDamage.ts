import { closeSync, fdatasyncSync, openSync, readFileSync } from 'node:fs';
import { AppError } from '../../../shared/errors';
import { writeAll } from './journalFile';

/** A journal line that could not be applied, with its exact bytes and where they were. */
export type DamagedLine = { line: number; offset: number; reason: string; bytes: Buffer };

/**
 * What a repair found and did: the damaged lines (numbered and placed as they were in the file
 * before the repair), where their bytes were kept (null when they could not be, and stay in the
 * journal), and how many jobs the intact lines hold.
 */
export type JournalRepair = {
  journal: string;
  keptIn: string | null;
  keepFailure: string | null;
  damaged: { line: number; offset: number; length: number; reason: string }[];
  recoveredJobs: number;
};

/** Beside the journal: `jobs.jsonl` → `jobs.damaged.jsonl`. */
export function damagedLinesPath(journal: string): string {
  return journal.endsWith('.jsonl') ? `${journal.slice(0, -'.jsonl'.length)}.damaged.jsonl` : `${journal}.damaged`;
}

/**
 * Appends a copy of each damaged line to the side file, flushed before the journal is rewritten
 * without them: the exact bytes as base64, and as text for a person reading the file. A line
 * already copied (the journal could not be rewritten last time) is not copied again.
 */
export function keepDamagedLines(sidePath: string, journal: string, lines: readonly DamagedLine[], foundAt: Date): void {
  const already = keptAlready(sidePath);
  const fresh = lines.filter((damaged) => !already.has(`${damaged.offset}:${damaged.bytes.toString('base64')}`));
  if (fresh.length === 0) return;
  const text = fresh
    .map((damaged) =>
      JSON.stringify({
        foundAt: foundAt.toISOString(), journal, line: damaged.line, offset: damaged.offset, length: damaged.bytes.length, reason: damaged.reason,
        text: damaged.bytes.toString('utf8'), base64: damaged.bytes.toString('base64'),
      }),
    )
    .join('\n');
  let fd: number | null = null;
  try {
    fd = openSync(sidePath, 'a', 0o600);
    writeAll(fd, Buffer.from(`${text}\n`, 'utf8'));
    fdatasyncSync(fd);
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new AppError('journal-damage-not-kept', `Could not keep a copy of the damaged journal lines in ${sidePath} (${reason}).`);
  } finally {
    if (fd !== null) closeSync(fd);
  }
}

function keptAlready(sidePath: string): Set<string> {
  let text: string;
  try {
    text = readFileSync(sidePath, 'utf8');
  } catch {
    return new Set();
  }
  const kept = new Set<string>();
  for (const line of text.split('\n')) {
    try {
      const entry = JSON.parse(line) as { offset?: unknown; base64?: unknown };
      if (typeof entry.offset === 'number' && typeof entry.base64 === 'string') kept.add(`${entry.offset}:${entry.base64}`);
    } catch {
      // A line of the side file itself torn: it was not a complete copy, so nothing to match.
    }
  }
  return kept;
}

const listedAtMost = 5;

/** The words a person reads: what was damaged and where, that the rest came back, where the bytes are. */
export function describeJournalRepair(repair: JournalRepair): string {
  const count = repair.damaged.length;
  const places = repair.damaged.slice(0, listedAtMost).map((damaged) => `line ${damaged.line} (byte ${damaged.offset}, ${damaged.length} bytes): ${damaged.reason}`);
  if (count > listedAtMost) places.push(`and ${count - listedAtMost} more`);
  const what = `The job journal ${repair.journal} had ${count === 1 ? 'a damaged record' : `${count} damaged records`} — ${places.join('; ')}.`;
  const recovered = `Every intact record was recovered (${repair.recoveredJobs} ${repair.recoveredJobs === 1 ? 'job' : 'jobs'}); a job whose record was damaged may be missing from the list or show an older state.`;
  const kept = repair.keptIn
    ? `A copy of the damaged bytes is kept in ${repair.keptIn}.`
    : `The damaged bytes stay in the journal: ${repair.keepFailure ?? 'they could not be copied aside'}`;
  return `${what} ${recovered} ${kept}`;
}
