import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { mkdirSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { afterAll, beforeAll, it } from 'vitest';
import type { JobRecord } from '../../shared/jobs/jobRecord';
import { JobSpecSchema } from '../../shared/jobs/jobSpec';
import { startCluster, stopCluster } from '../integration/slurm/slurmCluster';
import { readSshdEnv, type SshdEnv } from '../integration/support/sshServer';
import { openBenchApp, type BenchApp } from './benchServices';
import { round, saveRows, summarize } from './benchStats';
import { MultiplexedSsh } from './openssh';
import { countRpcs } from './slurmBench';

const jobCount = 1000;
const refreshes = 5;
let env: SshdEnv;
let app: BenchApp;
let mux: MultiplexedSsh;
let slurmIds: string[];

/** Tracked jobs as the app would have journaled them, each pointing at a real (held) Slurm job. */
function journalOf(ids: readonly string[], home: string): string {
  const spec = JobSpecSchema.parse({ name: 'held', cluster: 'hpc', task: { kind: 'script', body: 'true' } });
  const now = new Date().toISOString();
  return ids
    .map((slurmId, index) => {
      const record: JobRecord = {
        id: `sd-${index.toString(16).padStart(16, '0')}`, name: `held-${index}`, cluster: 'hpc', slurmId, state: 'PENDING', reason: null, exit: null,
        jobDir: `${home}/slurm_jobs/held/${index}`, submittedAt: now, startedAt: null, endedAt: null, tasks: null, cancelRequestedAt: null, spec,
      };
      return JSON.stringify({ op: 'create', record });
    })
    .join('\n') + '\n';
}

beforeAll(async () => {
  env = readSshdEnv();
  await startCluster('plain');
  mux = new MultiplexedSsh(env);
  await mux.open();
  // Held, so they stay in the queue while the refreshes look at them.
  const out = await mux.run(`for i in $(seq ${jobCount}); do sbatch --parsable --hold -o /dev/null -J held --wrap true; done`);
  slurmIds = out.split('\n').map((line) => line.trim()).filter((line) => /^\d+$/.test(line));
  if (slurmIds.length !== jobCount) throw new Error(`submitted ${slurmIds.length} held jobs, not ${jobCount}`);
  const dataDir = mkdtempSync(join(tmpdir(), 'slurmdesk-bench-rpc-'));
  mkdirSync(join(dataDir, 'journal'), { recursive: true });
  writeFileSync(join(dataDir, 'journal', 'jobs.jsonl'), journalOf(slurmIds, env.home));
  app = openBenchApp(env, ['hpc'], dataDir);
}, 300_000);

afterAll(async () => {
  await mux?.run(`scancel -u ${env.user}`).catch(() => {});
  await mux?.close();
  await app?.services.close();
  await stopCluster();
}, 300_000);

it('refresh of 1,000 tracked jobs: scheduler RPCs', async () => {
  const tracked = app.services.tracker.activeJobs('hpc').length;
  if (tracked !== jobCount) throw new Error(`tracking ${tracked} jobs, not ${jobCount}`);
  await app.services.tracker.refresh('hpc'); // opens the connection: not part of a refresh's cost

  const ours = [];
  for (let round = 0; round < refreshes; round += 1) ours.push(await countRpcs(() => app.services.tracker.refresh('hpc')));
  // How the seed SDK polls: one `scontrol show job` per job, over the same warm connection.
  const perJob = [];
  for (let round = 0; round < 2; round += 1) {
    perJob.push(await countRpcs(() => mux.run(`for id in ${slurmIds.join(' ')}; do scontrol show job -o "$id" >/dev/null; done`)));
  }

  const app_ = summarize(ours.map((one) => one.total), 'RPCs');
  const baseline = summarize(perJob.map((one) => one.total), 'RPCs');
  saveRows('rpcCount', [
    {
      id: 'refresh-rpcs',
      what: `refresh of ${jobCount.toLocaleString('en-US')} tracked jobs: slurmctld RPCs (sdiag before/after)`,
      app: app_,
      baseline,
      baselineLabel: 'one `scontrol show job` per job (the seed SDK)',
      ratio: round(app_.median / baseline.median, 4),
      target: '≤ 2 RPC calls per refresh, whatever the job count',
      met: app_.max <= 2,
      notes: [
        `ours by message type, per refresh: ${JSON.stringify(ours.at(-1)!.byType)}`,
        `per-job scontrol by message type: ${JSON.stringify(perJob.at(-1)!.byType)}`,
      ],
    },
    {
      id: 'refresh-time',
      what: `refresh of ${jobCount.toLocaleString('en-US')} tracked jobs: wall time`,
      app: summarize(ours.map((one) => one.ms), 'ms'),
      baseline: summarize(perJob.map((one) => one.ms), 'ms'),
      baselineLabel: 'one `scontrol show job` per job, in one remote shell loop',
      ratio: round(summarize(ours.map((one) => one.ms), 'ms').median / summarize(perJob.map((one) => one.ms), 'ms').median, 4),
      target: '— (reported)',
      met: null,
      notes: [],
    },
  ]);
});
