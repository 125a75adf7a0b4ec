import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { JobJournal } from '../../../../../electron/services/jobs/journal';
import type { JobRecord } from '../../../../../shared/jobs/jobRecord';
import { JobSpecSchema } from '../../../../../shared/jobs/jobSpec';

const spec = JobSpecSchema.parse({ name: 'hello', cluster: 'embedded', task: { kind: 'script', body: 'echo hi' } });
const record = (index: number): JobRecord => ({
  id: `sd-${index.toString(16).padStart(16, '0')}`, name: 'hello', cluster: 'embedded', slurmId: null, state: 'SUBMITTING', reason: null, exit: null,
  jobDir: `/tmp/j/${index}`, submittedAt: '2026-11-26T00:00:00.000Z', startedAt: null, endedAt: null, tasks: null, cancelRequestedAt: null, spec,
});
const journalPath = () => join(mkdtempSync(join(tmpdir(), 'slurmdesk-journal-shared-')), 'jobs.jsonl');

// Two journals on one file stand for the app and the CLI (two processes on one data folder).
describe('changes another process makes to the journal', () => {
  it('are reported once each, and this process\'s own changes never', () => {
    const path = journalPath();
    const cli = new JobJournal(path);
    cli.create(record(1));
    const app = new JobJournal(path);
    expect(app.takeExternalChanges()).toEqual([]); // what was there at open is not a change
    app.create(record(2));
    app.update([{ id: record(2).id, patch: { state: 'PENDING' } }]);
    expect(app.takeExternalChanges()).toEqual([]);

    cli.create(record(3));
    cli.update([{ id: record(1).id, patch: { state: 'CANCELLED', cancelRequestedAt: '2026-11-26T00:00:01.000Z' } }]);
    expect(app.takeExternalChanges().sort()).toEqual([record(1).id, record(3).id]);
    expect(app.get(record(1).id)?.state).toBe('CANCELLED');
    expect(app.takeExternalChanges()).toEqual([]);
    expect(cli.takeExternalChanges()).toEqual([record(2).id]);
  });

  it('after the other process rewrote the file, are the jobs that differ, not every job', () => {
    const path = journalPath();
    const cli = new JobJournal(path);
    for (let index = 1; index <= 50; index += 1) cli.create(record(index));
    const app = new JobJournal(path);
    // Enough superseded lines that the CLI's next update rewrites the journal (a new file).
    const changes = Array.from({ length: 10_001 }, (_, index) => ({ id: record(1).id, patch: { reason: `r${index}` } }));
    cli.update(changes);
    cli.update([{ id: record(7).id, patch: { state: 'FAILED' } }]);
    expect(app.takeExternalChanges().sort()).toEqual([record(1).id, record(7).id]);
  });
});
