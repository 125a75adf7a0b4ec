import { appendFileSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { JobJournal } from '../../../../../electron/services/jobs/journal';
import { damagedLinesPath, type JournalRepair } from '../../../../../electron/services/jobs/journalDamage';
import type { JobRecord } from '../../../../../shared/jobs/jobRecord';
import { JobSpecSchema } from '../../../../../shared/jobs/jobSpec';

const spec = JobSpecSchema.parse({ name: 'hello', cluster: 'embedded', task: { kind: 'script', body: 'echo hi' } });

function record(index: number): JobRecord {
  return {
    id: `sd-${index.toString(16).padStart(16, '0')}`,
    name: 'hello',
    cluster: 'embedded',
    slurmId: null,
    state: 'SUBMITTING',
    reason: null,
    exit: null,
    jobDir: `/home/u/slurm_jobs/hello/20261126_000000_${index.toString(16).padStart(8, '0')}`,
    submittedAt: '2026-11-26T00:00:00.000Z',
    startedAt: null,
    endedAt: null,
    tasks: null,
    cancelRequestedAt: null,
    spec,
  };
}

const journalPath = () => join(mkdtempSync(join(tmpdir(), 'slurmdesk-journal-')), 'jobs.jsonl');

type KeptLine = { journal: string; line: number; offset: number; length: number; reason: string; text: string; base64: string };
const keptLines = (path: string): KeptLine[] => readFileSync(damagedLinesPath(path), 'utf8').trim().split('\n').map((line) => JSON.parse(line) as KeptLine);

describe('JobJournal', () => {
  it('keeps creates and updates across a reopen', () => {
    const path = journalPath();
    const journal = new JobJournal(path);
    journal.create(record(1));
    journal.update([{ id: record(1).id, patch: { slurmId: '42', state: 'PENDING' } }]);
    const reopened = new JobJournal(path);
    expect(reopened.get(record(1).id)).toMatchObject({ slurmId: '42', state: 'PENDING', name: 'hello' });
  });

  it('refuses a second create of the same id', () => {
    const journal = new JobJournal(journalPath());
    journal.create(record(1));
    expect(() => journal.create(record(1))).toThrow(/already in the journal/);
  });

  it('recovers every intact record when the last write was torn, sets the torn line aside once, and keeps appending correctly', () => {
    const path = journalPath();
    const journal = new JobJournal(path);
    journal.create(record(1));
    journal.create(record(2));
    const intact = readFileSync(path);
    appendFileSync(path, '{"op":"update","id":"sd-00000000000000');
    const reopened = new JobJournal(path);
    expect(reopened.size).toBe(2);
    expect(reopened.loadReport.skippedLines).toEqual([{ line: 3, offset: intact.length, reason: expect.stringMatching(/cut short/) }]);
    expect(reopened.loadReport.repair).toMatchObject({ journal: path, keptIn: damagedLinesPath(path), recoveredJobs: 2, damaged: [{ line: 3, offset: intact.length, length: 38 }] });
    expect(readFileSync(path).equals(intact)).toBe(true);
    reopened.create(record(3));
    const again = new JobJournal(path);
    expect(again.size).toBe(3);
    expect(again.loadReport).toMatchObject({ skippedLines: [], repair: null });
    expect(keptLines(path).map((kept) => kept.text)).toEqual(['{"op":"update","id":"sd-00000000000000']);
  });

  it('skips a corrupt line in the middle, reports where it was, and keeps its exact bytes', () => {
    const path = journalPath();
    const journal = new JobJournal(path);
    journal.create(record(1));
    const offset = readFileSync(path).length;
    const garbage = Buffer.from([0x67, 0xff, 0xfe, 0x00, 0x7b]);
    appendFileSync(path, Buffer.concat([garbage, Buffer.from('\n')]));
    const told: JournalRepair[] = [];
    // The next write, in whichever process, reads the whole damaged line and sets it aside; a later load finds the journal clean.
    journal.create(record(2));
    const reopened = new JobJournal(path, { onRepair: (repair) => told.push(repair) });
    expect(reopened.size).toBe(2);
    expect(reopened.loadReport.skippedLines).toEqual([]);
    expect(told).toEqual([]);
    const kept = keptLines(path);
    expect(kept).toEqual([expect.objectContaining({ journal: path, line: 2, offset, length: garbage.length, reason: 'not valid UTF-8 (bytes overwritten?)' })]);
    expect(Buffer.from(kept[0]!.base64, 'base64').equals(garbage)).toBe(true);
  });

  it('tells a process that finds another process\'s torn line while it runs, once, and rewrites the journal without it', () => {
    const path = journalPath();
    const told: JournalRepair[] = [];
    const app = new JobJournal(path, { onRepair: (repair) => told.push(repair) });
    app.create(record(1));
    // A CLI crashed in the middle of its append: the app's next write ends the line, then sets it aside.
    appendFileSync(path, '{"op":"create","record":{"id":"sd-0000000000000');
    app.update([{ id: record(1).id, patch: { state: 'RUNNING' } }]);
    expect(told).toEqual([expect.objectContaining({ keptIn: damagedLinesPath(path), recoveredJobs: 1, damaged: [expect.objectContaining({ line: 2, reason: 'not valid JSON (a write cut short?)' })] })]);
    expect(readFileSync(path, 'utf8')).not.toContain('sd-0000000000000"');
    expect(new JobJournal(path).get(record(1).id)?.state).toBe('RUNNING');
    app.update([{ id: record(1).id, patch: { state: 'COMPLETED' } }]);
    expect(told).toHaveLength(1);
  });

  it('keeps which process created a job through a rewrite', () => {
    const path = journalPath();
    const journal = new JobJournal(path);
    journal.create(record(1));
    appendFileSync(path, 'garbage\n');
    const reopened = new JobJournal(path);
    expect(reopened.loadReport.repair).not.toBeNull();
    expect(reopened.ownerOf(record(1).id)).toEqual({ pid: process.pid });
  });

  it('sees jobs another process sharing the data folder added', () => {
    const path = journalPath();
    const app = new JobJournal(path);
    const cli = new JobJournal(path);
    cli.create(record(7));
    expect(app.get(record(7).id)?.state).toBe('SUBMITTING');
    app.update([{ id: record(7).id, patch: { state: 'RUNNING' } }]);
    expect(cli.get(record(7).id)?.state).toBe('RUNNING');
  });

  it('compacts to one line per job once updates dominate, without losing state', () => {
    const path = journalPath();
    const journal = new JobJournal(path);
    journal.create(record(1));
    const other = new JobJournal(path);
    for (let round = 0; round < 10_002; round += 1) {
      journal.update([{ id: record(1).id, patch: { reason: `round ${round}` } }]);
    }
    expect(readFileSync(path, 'utf8').trim().split('\n').length).toBeLessThan(100);
    expect(other.get(record(1).id)?.reason).toBe('round 10001');
    // Still submitting: its creator is kept, or another process would take it for interrupted and submit it again.
    expect(other.ownerOf(record(1).id)).toEqual({ pid: process.pid });
    // 10,002 appends, each flushed to disk: seconds on a quiet disk, much longer on a busy one.
  }, 120_000);

  it('keeps reading whole records after a line of invalid UTF-8 was ended by the next write', () => {
    const path = journalPath();
    const journal = new JobJournal(path);
    journal.create(record(1));
    appendFileSync(path, Buffer.from([0xff, 0xfe, 0x00, 0x7b]));
    for (const index of [2, 3, 4]) journal.create(record(index));
    // Each invalid byte decodes to a three-byte replacement character: measuring what was read by
    // its decoded text instead of its bytes once made this process misread every record after it.
    expect(journal.size).toBe(4);
    expect(journal.get(record(3).id)?.name).toBe('hello');
    // The damaged bytes were set aside exactly as they were, and the journal rewritten without them.
    const kept = readFileSync(damagedLinesPath(path), 'utf8').trim().split('\n').map((line) => JSON.parse(line) as { line: number; reason: string; base64: string });
    expect(kept).toEqual([expect.objectContaining({ line: 2, reason: 'not valid UTF-8 (bytes overwritten?)', base64: Buffer.from([0xff, 0xfe, 0x00, 0x7b]).toString('base64') })]);
    const reopened = new JobJournal(path);
    expect(reopened.loadReport.skippedLines).toEqual([]);
    expect(reopened.size).toBe(4);
  });

  it('rewrites at load a journal of mostly superseded lines, keeping every state and the creator of a job still being submitted', () => {
    const path = journalPath();
    const lines = [
      JSON.stringify({ op: 'create', record: record(1), owner: { pid: 4242 } }),
      JSON.stringify({ op: 'create', record: record(2), owner: { pid: 4343 } }),
    ];
    for (let round = 0; round < 10_001; round += 1) lines.push(JSON.stringify({ op: 'update', id: record(2).id, patch: { state: 'RUNNING', reason: `round ${round}` } }));
    writeFileSync(path, lines.join('\n') + '\n');
    const before = new JobJournal(path);
    expect(readFileSync(path, 'utf8').trim().split('\n')).toHaveLength(2);
    for (const reader of [before, new JobJournal(path)]) {
      expect(reader.get(record(2).id)).toMatchObject({ state: 'RUNNING', reason: 'round 10000' });
      expect(reader.get(record(1).id)?.state).toBe('SUBMITTING');
      // The creator tells a submission in flight from an interrupted one; a job past submitting needs none.
      expect(reader.ownerOf(record(1).id)).toEqual({ pid: 4242 });
      expect(reader.ownerOf(record(2).id)).toBeUndefined();
      expect(reader.loadReport.skippedLines).toEqual([]);
    }
  });

  it('rewrites a large journal once its superseded lines pass a quarter of its jobs, not before', () => {
    const lineCount = (path: string) => readFileSync(path, 'utf8').trim().split('\n').length;
    for (const [changes, expected] of [[12_000, 48_000 + 12_000], [12_001, 48_000]] as const) {
      const path = journalPath();
      const lines: string[] = [];
      for (let index = 0; index < 48_000; index += 1) lines.push(JSON.stringify({ op: 'create', record: { ...record(index), spec: { name: 'x' } } }));
      for (let change = 0; change < changes; change += 1) lines.push(JSON.stringify({ op: 'update', id: record(change).id, patch: { state: 'RUNNING' } }));
      writeFileSync(path, lines.join('\n') + '\n');
      const journal = new JobJournal(path);
      expect(lineCount(path)).toBe(expected);
      expect(journal.get(record(changes - 1).id)?.state).toBe('RUNNING');
      expect(journal.get(record(changes).id)?.state).toBe('SUBMITTING');
    }
  });

  it('loads 100,000 journaled jobs (measured in the benchmark; here: all are there)', () => {
    const path = journalPath();
    const lines: string[] = [];
    for (let index = 0; index < 100_000; index += 1) lines.push(JSON.stringify({ op: 'create', record: record(index) }));
    writeFileSync(path, lines.join('\n') + '\n');
    const journal = new JobJournal(path);
    expect(journal.size).toBe(100_000);
  });
});
