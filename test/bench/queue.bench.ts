import { afterAll, beforeAll, it } from 'vitest';
import type { ClusterQueue } from '../../electron/services/queue/clusterQueue';
import { parseQueueRows, queueRowFormat } from '../../electron/services/queue/parseQueueRows';
import { QueueMonitor } from '../../electron/services/queue/queueMonitor';
import { queueRefreshMs } from '../../electron/services/queue/refreshPolicy';
import { silentLogger } from '../../electron/services/log';
import { startCluster, stopCluster } from '../integration/slurm/slurmCluster';
import { readSshdEnv, type SshdEnv } from '../integration/support/sshServer';
import { openBenchApp, type BenchApp } from './benchServices';
import { round, saveRows, summarize, type BenchRow } from './benchStats';
import { MultiplexedSsh } from './openssh';
import { countRpcs } from './slurmBench';

// The queue of a person with 10,000 queued jobs, none submitted by the app: 1,000 single held
// jobs and 9 held arrays of 1,000 tasks (squeue -r prints one row per task, as for single jobs;
// 10,000 separate sbatch calls would take minutes to set up). Then idle cost, then efficiency of
// 1,000 finished jobs. Accounting mode: the efficiency row needs sacct.
const singles = 1000;
const arrays = 9;
const tasksPerArray = 1000;
const queued = singles + arrays * tasksPerArray;
const finished = 1000;
let env: SshdEnv;
let app: BenchApp;
let mux: MultiplexedSsh;
const rows: BenchRow[] = [];
const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

beforeAll(async () => {
  env = readSshdEnv();
  await startCluster('accounting');
  mux = new MultiplexedSsh(env);
  await mux.open();
  app = openBenchApp(env, ['hpc']);
}, 300_000);

afterAll(async () => {
  saveRows('queue', rows);
  await mux?.run(`scancel -u ${env.user}`).catch(() => {});
  await mux?.close();
  await app?.services.close();
  await stopCluster();
}, 300_000);

it(`efficiency of ${finished.toLocaleString('en-US')} finished jobs`, async () => {
  const arrayId = (await mux.run(`sbatch --parsable --array=0-${finished - 1} -o /dev/null -J done --wrap true`)).trim();
  const ids = Array.from({ length: finished }, (_, task) => `${arrayId}_${task}`);
  const queue = app.services.queue.queueOf('hpc');
  // Until every task ended and sacct recorded it (a placeholder shows for a moment after the end).
  for (let attempt = 0; attempt < 240; attempt += 1) {
    const answer = await queue.efficiency(ids);
    if (Array.isArray(answer) && answer.filter((row) => row.efficiency !== null).length === finished) break;
    await pause(1000);
  }
  const samples = [];
  for (let round = 0; round < 3; round += 1) {
    const before = queue.commandCount;
    const start = performance.now();
    const answer = await queue.efficiency(ids);
    const ms = performance.now() - start;
    if (!Array.isArray(answer) || answer.length !== finished) throw new Error(`efficiency answered ${Array.isArray(answer) ? answer.length : 'unavailable'} rows`);
    samples.push({ commands: queue.commandCount - before, ms });
  }
  // seff as sites run it: one sacct per job (the first 100, scaled up).
  const perJobStart = performance.now();
  await mux.run(`for id in ${ids.slice(0, 100).join(' ')}; do sacct -P -n -j "$id" -o JobID,TotalCPU,MaxRSS >/dev/null; done`);
  const perJobMs = ((performance.now() - perJobStart) * finished) / 100;
  const ours = summarize(samples.map((sample) => sample.ms), 'ms');
  rows.push({
    id: 'efficiency-1000',
    what: `efficiency of ${finished.toLocaleString('en-US')} finished jobs: scheduler commands and wall time`,
    app: ours,
    baseline: summarize([perJobMs], 'ms'),
    baselineLabel: 'one sacct per job (100 measured, scaled to 1,000)',
    ratio: round(ours.median / perJobMs, 4),
    target: 'one sacct call',
    met: samples.every((sample) => sample.commands === 1),
    notes: [`commands per call: ${samples.map((sample) => sample.commands).join(', ')}`],
  });
}, 400_000);

it(`refresh with ${queued.toLocaleString('en-US')} queued jobs of the person, none from the app`, async () => {
  await mux.run(
    `for i in $(seq ${singles}); do sbatch --parsable --hold -o /dev/null -J single --wrap true; done >/dev/null; ` +
      `for i in $(seq ${arrays}); do sbatch --parsable --hold --array=0-${tasksPerArray - 1} -o /dev/null -J many --wrap true; done >/dev/null`,
  );
  const { monitor, queueOf } = app.services.queue;
  monitor.watch(['hpc'], true, 'none');
  await monitor.refresh('hpc'); // opens the connection
  const listed = monitor.rows('hpc', { unrollArrays: true, sources: 'all' }).length;
  if (listed < queued) throw new Error(`listed ${listed} rows, not ${queued}`);
  const refreshes = [];
  for (let round = 0; round < 3; round += 1) {
    const before = queueOf('hpc').commandCount;
    const rpcs = await countRpcs(() => monitor.refresh('hpc'));
    refreshes.push({ ...rpcs, commands: queueOf('hpc').commandCount - before });
  }
  // Parse and merge alone, from the same squeue text, without the network: what the app's CPU pays.
  const text = await mux.run(`SLURM_TIME_FORMAT='%Y-%m-%dT%H:%M:%S%z' squeue --me -h -r -o '${queueRowFormat}'`);
  let flip = false;
  const offline = new QueueMonitor({
    queueOf: () => ({ kind: 'slurm', commandCount: 0, mine: async () => parseQueueRows(flip ? text.replace('|single', '|single-renamed') : text), history: async () => [] }) as unknown as ClusterQueue,
    appJobs: () => new Map(),
    refreshTracked: async () => false,
    onChanged: () => {},
    onStatus: () => {},
    log: silentLogger,
  });
  const parseMerge = [];
  for (let round = 0; round < 5; round += 1) {
    flip = !flip; // one row changes each time: the diff is part of the cost
    const start = performance.now();
    await offline.list('hpc', 'none', true);
    parseMerge.push(performance.now() - start);
  }
  offline.stop();
  monitor.watch([], false, 'none');
  const commands = summarize(refreshes.map((one) => one.commands), 'commands');
  rows.push(
    {
      id: 'queue-10k-commands',
      what: `refresh with ${queued.toLocaleString('en-US')} queued jobs: scheduler commands and slurmctld RPCs`,
      app: commands,
      baseline: summarize(refreshes.map((one) => one.total), 'RPCs'),
      baselineLabel: 'slurmctld RPCs of the same refreshes (sdiag)',
      ratio: null,
      target: '≤ 2 scheduler commands per refresh',
      met: commands.max <= 2,
      notes: [`RPCs by type, last refresh: ${JSON.stringify(refreshes.at(-1)!.byType)}`, `wall time per refresh: ${refreshes.map((one) => Math.round(one.ms)).join(', ')} ms`],
    },
    {
      id: 'queue-10k-parse-merge',
      what: `refresh with ${queued.toLocaleString('en-US')} queued jobs: parse and merge (no network)`,
      app: summarize(parseMerge, 'ms'),
      baseline: null,
      baselineLabel: null,
      ratio: null,
      target: '≤ 100 ms',
      met: summarize(parseMerge, 'ms').median <= 100,
      notes: [`squeue text: ${(text.length / 1024 / 1024).toFixed(1)} MiB`],
    },
  );
}, 400_000);

it('idle cost: slurmctld RPCs per minute and app CPU with the window open and nothing active', async () => {
  await mux.run(`scancel -u ${env.user}`);
  const { monitor } = app.services.queue;
  monitor.watch(['hpc'], true, 'today');
  await pause(3000);
  const perRefresh = [];
  for (let round = 0; round < 3; round += 1) perRefresh.push((await countRpcs(() => monitor.refresh('hpc'))).total);
  const interval = monitor.status('hpc').refreshIntervalMs ?? queueRefreshMs.visibleIdle;
  const perMinute = summarize(perRefresh.map((count) => (count * 60_000) / interval), 'RPCs/min');
  // App CPU while idle: this process over ten seconds with the cluster watched and nothing to do.
  const cpuBefore = process.cpuUsage();
  const wallStart = performance.now();
  await pause(10_000);
  const used = process.cpuUsage(cpuBefore);
  const cpuShare = (used.user + used.system) / 1000 / (performance.now() - wallStart);
  monitor.watch([], false, 'none');
  rows.push(
    {
      id: 'queue-idle-rpcs',
      what: 'idle: slurmctld RPCs per minute per cluster (window visible, nothing active)',
      app: perMinute,
      baseline: summarize([12], 'RPCs/min'),
      baselineLabel: "Slurm-web's refresh (12/min)",
      ratio: round(perMinute.median / 12, 3),
      target: '≤ 2 per minute per cluster',
      met: perMinute.max <= 2,
      notes: [`RPCs per idle refresh: ${perRefresh.join(', ')}; one refresh every ${interval / 1000} s (hidden: every ${queueRefreshMs.hiddenIdle / 1000} s)`],
    },
    {
      id: 'queue-idle-cpu',
      what: 'idle: app CPU (services process) with a cluster watched',
      app: summarize([cpuShare * 100], '% of one core'),
      baseline: null,
      baselineLabel: null,
      ratio: null,
      target: '< 1% of one core',
      met: cpuShare < 0.01,
      notes: ['measured over 10 s in the process hosting the services'],
    },
  );
}, 120_000);
