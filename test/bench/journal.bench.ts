import { appendFileSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { it } from 'vitest';
import { JobJournal } from '../../electron/services/jobs/journal';
import { seedJobs } from '../e2e/support/seedJobs';
import { percentile, round, saveRows, summarize, timed } from './benchStats';

const jobCount = 100_000;
const loads = 7;
const changes = 200;
/** As many state changes as the journal keeps before it rewrites itself as one line per job. */
const superseded = jobCount / 4;

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

  // A journal as a busy install leaves it: every job once, then the state changes written since the
  // last rewrite, as many as there can be before the next one (a job starting, then ending).
  const ended = [...journal!.all()].slice(-(superseded - changes) / 2);
  journal = null;
  const lines = ended.flatMap((record) => [
    JSON.stringify({ op: 'update', id: record.id, patch: { state: 'RUNNING', startedAt: record.startedAt } }),
    JSON.stringify({ op: 'update', id: record.id, patch: { state: record.state, reason: record.reason, exit: record.exit, endedAt: record.endedAt } }),
  ]);
  appendFileSync(path, lines.join('\n') + '\n');
  const changedBytes = statSync(path).size;
  const changedMiB = round(changedBytes / 1024 / 1024, 1);
  const changedLoadMs: number[] = [];
  for (let round = 0; round < loads; round += 1) {
    changedLoadMs.push(await timed(async () => {
      journal = new JobJournal(path);
      if (journal.size !== jobCount) throw new Error(`loaded ${journal.size} jobs, not ${jobCount}`);
    }));
  }
  if (statSync(path).size !== changedBytes) throw new Error('the journal was rewritten at load, so this measured something else');
  rmSync(dataDir, { recursive: true, force: true });

  const load = summarize(loadMs, 'ms');
  const persist = summarize(persistMs, 'ms');
  const changedLoad = summarize(changedLoadMs, 'ms');
  saveRows('journal', [
    {
      id: 'journal-load',
      what: `journal: load ${jobCount.toLocaleString('en-US')} jobs (${fileMiB} MiB of JSON lines)`,
      app: load, baseline: null, baselineLabel: null, ratio: null,
      target: '< 1 s', met: load.median < 1000, notes: [],
    },
    {
      id: 'journal-load-changes',
      what: `journal: load ${jobCount.toLocaleString('en-US')} jobs and ${superseded.toLocaleString('en-US')} state changes (${changedMiB} MiB, the most before a rewrite)`,
      app: changedLoad, baseline: null, baselineLabel: null, ratio: null,
      target: '< 1 s', met: changedLoad.median < 1000, notes: [],
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
