import { appendFileSync, existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type * as NodeFs from 'node:fs';
import { beforeEach, describe, expect, it, vi } from 'vitest';

/**
 * The rewrite of a journal into one line per job replaces the only record of every submission, so
 * a disk that takes a write only in part, or refuses it (full), must never leave it shorter.
 */
const disk = vi.hoisted(() => ({ mode: 'whole' as 'whole' | 'half' | 'full', rewriteFds: new Set<number>() }));

vi.mock('node:fs', async (importOriginal) => {
  const fs = await importOriginal<typeof NodeFs>();
  return {
    ...fs,
    openSync: (path: NodeFs.PathLike, flags: NodeFs.OpenMode, mode?: NodeFs.Mode) => {
      const fd = fs.openSync(path, flags, mode);
      if (String(path).endsWith('.compact.tmp')) disk.rewriteFds.add(fd);
      return fd;
    },
    closeSync: (fd: number) => {
      disk.rewriteFds.delete(fd);
      fs.closeSync(fd);
    },
    // Only the rewrite meets the failing disk, as when it fills up at the largest write.
    writeSync: (fd: number, buffer: Buffer, offset: number, length: number) => {
      if (disk.rewriteFds.has(fd) && disk.mode === 'full') throw Object.assign(new Error('ENOSPC: no space left on device, write'), { code: 'ENOSPC' });
      if (disk.rewriteFds.has(fd) && disk.mode === 'half' && length > 1) return fs.writeSync(fd, buffer, offset, Math.floor(length / 2));
      return fs.writeSync(fd, buffer, offset, length);
    },
  };
});

const { JobJournal } = await import('../../../../../electron/services/jobs/journal');
const { damagedLinesPath } = await import('../../../../../electron/services/jobs/journalDamage');

function record(index: number) {
  const id = `sd-${index.toString(16).padStart(16, '0')}`;
  return {
    id, name: `job-${index}`, cluster: 'embedded', slurmId: null, state: 'SUBMITTING' as const, reason: null, exit: null, jobDir: `/tmp/jobs/${id}`,
    submittedAt: new Date(0).toISOString(), startedAt: null, endedAt: null, tasks: null, cancelRequestedAt: null,
    spec: { name: `job-${index}`, cluster: 'embedded', task: { kind: 'script' as const, body: 'true' }, resources: { extra: [] }, dependencies: [], environment: {} },
  };
}

/** 300 jobs and 20,000 state changes: loading it rewrites it. */
function supersededJournal(): string {
  const path = join(mkdtempSync(join(tmpdir(), 'slurmdesk-journal-rewrite-')), 'jobs.jsonl');
  const lines: string[] = [];
  for (let index = 0; index < 300; index += 1) lines.push(JSON.stringify({ op: 'create', record: record(index) }));
  for (let change = 0; change < 20_000; change += 1) lines.push(JSON.stringify({ op: 'update', id: record(change % 300).id, patch: { state: 'RUNNING', reason: `change ${change}` } }));
  writeFileSync(path, lines.join('\n') + '\n');
  return path;
}

describe('rewriting the journal on a failing disk', () => {
  beforeEach(() => {
    disk.mode = 'whole';
  });

  it('writes the rest of what the disk took only in part, so the rewrite holds every job', () => {
    const path = supersededJournal();
    disk.mode = 'half';
    const loaded = new JobJournal(path);
    disk.mode = 'whole';
    expect(readFileSync(path, 'utf8').trim().split('\n')).toHaveLength(300);
    const reopened = new JobJournal(path);
    expect(reopened.loadReport.skippedLines).toEqual([]);
    expect(reopened.size).toBe(300);
    expect(reopened.get(record(199).id)?.reason).toBe('change 19999');
    expect(loaded.get(record(199).id)?.reason).toBe('change 19999');
  });

  it('leaves the journal as it was when the disk is full, and loads it whole all the same', () => {
    const path = supersededJournal();
    const before = readFileSync(path);
    disk.mode = 'full';
    const loaded = new JobJournal(path);
    expect(loaded.size).toBe(300);
    expect(loaded.get(record(0).id)?.reason).toBe('change 19800');
    expect(readFileSync(path).equals(before)).toBe(true);
    expect(existsSync(`${path}.compact.tmp`)).toBe(false);
    // Changes are still recorded durably, and the rewrite happens once the disk has room.
    loaded.update([{ id: record(0).id, patch: { state: 'COMPLETED' } }]);
    expect(new JobJournal(path).get(record(0).id)?.state).toBe('COMPLETED');
    disk.mode = 'whole';
    const later = new JobJournal(path);
    expect(readFileSync(path, 'utf8').trim().split('\n')).toHaveLength(300);
    expect(later.get(record(0).id)?.state).toBe('COMPLETED');
  });
});

describe('rewriting a damaged journal at load', () => {
  it('sets the damaged line aside, byte for byte, before rewriting the journal without it', () => {
    const path = supersededJournal();
    const offset = readFileSync(path).length;
    appendFileSync(path, 'garbage\n');
    const loaded = new JobJournal(path);
    expect(loaded.loadReport.skippedLines).toEqual([{ line: 20_301, offset, reason: 'not valid JSON (a write cut short?)' }]);
    expect(loaded.size).toBe(300);
    const kept = JSON.parse(readFileSync(damagedLinesPath(path), 'utf8')) as { offset: number; text: string };
    expect(kept).toMatchObject({ offset, text: 'garbage' });
    expect(readFileSync(path, 'utf8').trim().split('\n')).toHaveLength(300);
  });
});
