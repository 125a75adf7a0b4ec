import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { it } from 'vitest';
import { JobJournal } from '../../electron/services/jobs/journal';
import { seedJobs } from '../e2e/support/seedJobs';
import { percentile, round, saveRows, summarize, timed } from './benchStats';

const jobCount = 100_000;
const loads = 7;
const changes = 200;

// The journal is read whole when the app starts and appended to (and flushed) on every change.
it('journal: load 100,000 jobs; persist one state change', async () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'slurmdesk-bench-journal-'));
  seedJobs(dataDir, jobCount);
  const path = join(dataDir, 'journal', 'jobs.jsonl');
  const fileMiB = round(statSync(path).size / 1024 / 1024, 1);

  const loadMs: number[] = [];
  let journal: JobJournal | null = null;
  for (let round = 0; round < loads; round += 1) {
    loadMs.push(await timed(async () => {
      journal = new JobJournal(path);
      if (journal.size !== jobCount) throw new Error(`loaded ${journal.size} jobs, not ${jobCount}`);
    }));
  }

  // One change at a time, as a refresh that saw one job move would write it: append + fdatasync under the lock.
  const ids = [...journal!.all()].slice(0, changes).map((record) => record.id);
  const persistMs: number[] = [];
  for (const [index, id] of ids.entries()) {
    const state = index % 2 === 0 ? 'RUNNING' : 'PENDING';
    persistMs.push(await timed(async () => journal!.update([{ id, patch: { state } }])));
  }
  rmSync(dataDir, { recursive: true, force: true });

  const load = summarize(loadMs, 'ms');
  const persist = summarize(persistMs, 'ms');
  saveRows('journal', [
    {
      id: 'journal-load',
      what: `journal: load ${jobCount.toLocaleString('en-US')} jobs (${fileMiB} MiB of JSON lines)`,
      app: load, baseline: null, baselineLabel: null, ratio: null,
      target: '< 1 s', met: load.median < 1000, notes: [],
    },
    {
      id: 'journal-persist',
      what: 'journal: persist one state change (append + fdatasync, under the file lock)',
      app: persist, baseline: null, baselineLabel: null, ratio: null,
      target: '< 5 ms', met: persist.median < 5,
      notes: [`p95 ${percentile(persistMs, 0.95)} ms over ${changes} changes; the flush is to ${tmpdir()}`],
    },
  ]);
});
