import { appendFileSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openAuditLog } from '../../../../../electron/services/audit/auditLog';
import { createAuditHandlers } from '../../../../../electron/services/audit/auditHandlers';
import { readAuditLog } from '../../../../../electron/services/audit/readAuditLog';
import { Dispatcher } from '../../../../../shared/contract/dispatcher';
import { realDispatcher } from '../../../../support/testHandlers';

const context = () => ({ signal: new AbortController().signal, transport: 'memory' as const });

/** Twelve real audit records written by the app's own writer, then a line cut off mid-write. */
function logWithTornLine(): string {
  const path = join(mkdtempSync(join(tmpdir(), 'slurmdesk-audit-')), 'audit', 'audit.jsonl');
  const audit = openAuditLog(path);
  for (let index = 1; index <= 12; index += 1) {
    audit.record({ event: 'submit', cluster: index % 2 ? 'embedded' : 'hpc', job: `sd-${index.toString(16).padStart(16, '0')}`, slurmId: String(100 + index), outcome: 'submitted' });
  }
  appendFileSync(path, '{"at":"2026-11-26T10:00:00.000Z","event":"cancel","clus');
  return path;
}

describe('readAuditLog', () => {
  it('pages newest first and skips the torn last line', async () => {
    const path = logWithTornLine();
    const first = await readAuditLog(path, { offset: 0, limit: 5 });
    expect(first.total).toBe(12);
    expect(first.skippedLines).toBe(1);
    expect(first.entries.map((entry) => entry.fields.slurmId)).toEqual(['112', '111', '110', '109', '108']);
    expect(first.entries[0]).toMatchObject({ line: 12, event: 'submit', fields: { cluster: 'hpc', outcome: 'submitted' } });
    const last = await readAuditLog(path, { offset: 10, limit: 5 });
    expect(last.entries.map((entry) => entry.fields.slurmId)).toEqual(['102', '101']);
  });

  it('keeps reading after a torn line in the middle: the next entry starts a new line', async () => {
    const path = logWithTornLine();
    // The same writer that was open when the line was torn (the CLI crashed, the app kept going).
    openAuditLog(path).record({ event: 'cancel', cluster: 'hpc', jobs: ['sd-00000000000000ff'] });
    const page = await readAuditLog(path, { offset: 0, limit: 2 });
    expect(page.skippedLines).toBe(1);
    expect(page.total).toBe(13);
    expect(page.entries[0]).toMatchObject({ line: 14, event: 'cancel', fields: { jobs: ['sd-00000000000000ff'] } });
  });

  it('filters by any value, case-insensitively, and counts the matches', async () => {
    const page = await readAuditLog(logWithTornLine(), { offset: 0, limit: 50, filter: 'HPC' });
    expect(page.total).toBe(6);
    expect(page.entries.every((entry) => entry.fields.cluster === 'hpc')).toBe(true);
  });

  it('skips lines that are JSON but not audit records', async () => {
    const path = join(mkdtempSync(join(tmpdir(), 'slurmdesk-audit-')), 'audit.jsonl');
    writeFileSync(path, '[1,2]\n{"event":"connect"}\n"text"\n{"at":"2026-01-01T00:00:00Z","event":"auth","outcome":"success","extra":{"a":1}}\n');
    const page = await readAuditLog(path, { offset: 0, limit: 10 });
    expect(page.skippedLines).toBe(3);
    expect(page.entries).toEqual([{ line: 4, at: '2026-01-01T00:00:00Z', event: 'auth', fields: { outcome: 'success', extra: '{"a":1}' } }]);
  });

  it('treats a missing log as empty', async () => {
    expect(await readAuditLog(join(tmpdir(), 'no-such-dir-slurmdesk', 'audit.jsonl'), { offset: 0, limit: 10 })).toEqual({ entries: [], total: 0, skippedLines: 0 });
  });

  it('answers audit.list through the contract with its defaults', async () => {
    const path = logWithTornLine();
    const dispatcher = new Dispatcher({ ...realDispatcher().services.handlers, ...createAuditHandlers(path) });
    const outcome = await dispatcher.dispatch('audit.list', { limit: 3 }, context());
    expect(outcome).toMatchObject({ ok: true, result: { total: 12, skippedLines: 1 } });
    if (outcome.ok) expect((outcome.result as { entries: unknown[] }).entries).toHaveLength(3);
    expect(await dispatcher.dispatch('audit.list', { limit: 501 }, context())).toMatchObject({ ok: false, error: { code: 'invalid-params' } });
  });
});
