import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { it } from 'vitest';
import { JobJournal } from '../../electron/services/jobs/journal';
import { seedJobs } from '../e2e/support/seedJobs';
import { round, saveRows } from './benchStats';

const jobCount = 40_000;
const updatesPerSecond = 1000;
/** As a refresh delivers them: one squeue answer every 100 ms carrying 100 changed jobs. */
const batchEveryMs = 100;
const seconds = 15;

// The services process serves the window: while it waits on the disk (fdatasync, the journal's
// lock, a compaction's rewrite) no frame is answered. This measures how long its event loop is
// held while 1,000 job updates a second land and the journal compacts itself, in plain Node.
it('services event loop: delay while 1,000 job updates/s land and the journal compacts', async () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'slurmdesk-bench-loop-'));
  seedJobs(dataDir, jobCount);
  const path = join(dataDir, 'journal', 'jobs.jsonl');
  const journal = new JobJournal(path);
  const ids = [...journal.all()].map((record) => record.id);
  // What the window would be sent: each batch of changed records, serialized as frames are.
  let framesBytes = 0;

  const delay = monitorEventLoopDelay({ resolution: 1 });
  const perBatch = (updatesPerSecond * batchEveryMs) / 1000;
  let written = 0;
  let compactions = 0;
  let inode = statSync(path).ino;
  delay.enable();
  await new Promise<void>((resolve) => {
    const timer = setInterval(() => {
      const changes = Array.from({ length: perBatch }, (_, index) => ({
        id: ids[(written + index) % ids.length]!,
        patch: { state: (written / perBatch) % 2 === 0 ? ('RUNNING' as const) : ('PENDING' as const) },
      }));
      framesBytes += JSON.stringify({ event: 'jobs.changed', payload: { jobs: journal.update(changes) } }).length;
      written += perBatch;
      const now = statSync(path).ino;
      if (now !== inode) compactions += 1;
      inode = now;
      if (written >= updatesPerSecond * seconds) {
        clearInterval(timer);
        resolve();
      }
    }, batchEveryMs);
  });
  delay.disable();
  rmSync(dataDir, { recursive: true, force: true });

  const ms = (nanoseconds: number) => round(nanoseconds / 1e6, 1);
  const p99 = ms(delay.percentile(99));
  saveRows('eventLoopDelay', [
    {
      id: 'services-event-loop-delay',
      what: `services event loop: delay (p99) while ${updatesPerSecond.toLocaleString('en-US')} job updates/s land for ${seconds} s on a ${jobCount.toLocaleString('en-US')}-job journal, with compaction`,
      app: { n: delay.count, median: ms(delay.percentile(50)), min: ms(delay.min), max: ms(delay.max), unit: 'ms' },
      baseline: null, baselineLabel: null, ratio: null,
      // The longest stall counts too: a compaction that holds the loop for a second is a frozen window.
      target: 'p99 < 20 ms', met: p99 < 20 && ms(delay.max) < 100,
      notes: [`p99 ${p99} ms, max ${ms(delay.max)} ms; ${compactions} compaction(s); ${written} updates in batches of ${perBatch}; ${round(framesBytes / 1024 / 1024, 1)} MiB of jobs.changed frames`],
    },
  ]);
});
