import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { JobSummary } from '../../shared/jobs/jobRecord';
import { JobStateSchema, type JobState } from '../../shared/jobs/jobState';
import { seedJobs, type SeededJobs } from '../e2e/support/seedJobs';
import { startAppUnderAttack, type AppUnderAttack } from './support/appProcess';
import { openContractSocket, type ContractSocket } from './support/contractSocket';
import { mb, proofCount, recordCheck } from './support/proofRecorder';

/**
 * The app tracking 100,000 jobs (a busy group's quarter): started on a seeded journal whose waiting
 * and running jobs are all on the built-in cluster, so its refresh has every one of them to
 * track. Measured: the time to the first answer, resident memory throughout, and app.info round
 * trips on a second connection while the refresh settles those jobs and while the window's
 * reading of the list (and filtered readings) pages through all of them.
 */
const jobCount = proofCount(100_000, 20_000);
/** As the window reads the list: pages of 5000, three in flight (renderer/jobs/jobsStore.ts). */
const pageSize = 5000;
const pagesInFlight = 3;
/** Every state, a few per listing: together they must list each job exactly once. */
const stateGroups: JobState[][] = [];
for (let index = 0; index < JobStateSchema.options.length; index += 6) stateGroups.push(JobStateSchema.options.slice(index, index + 6));

let app: AppUnderAttack | undefined;

type Sample = { at: number; ms: number };

function percentiles(samples: readonly Sample[]): { n: number; p50: number; p99: number; max: number } {
  const sorted = samples.map((sample) => sample.ms).sort((a, b) => a - b);
  const at = (share: number) => sorted[Math.min(sorted.length - 1, Math.floor(share * sorted.length))] ?? 0;
  return { n: sorted.length, p50: at(0.5), p99: at(0.99), max: sorted.at(-1) ?? 0 };
}

/** app.info on its own connection, one after another with a short pause, until stopped. */
function pingContinuously(api: ContractSocket) {
  const samples: Sample[] = [];
  const failures: string[] = [];
  let stopped = false;
  const done = (async () => {
    while (!stopped) {
      const at = performance.now();
      const reply = await api.call('app.info', {}, 60_000).catch((error: unknown) => ({ ok: false, ms: 60_000, error: { code: 'timeout', message: String(error) } }));
      if (reply.ok) samples.push({ at, ms: reply.ms });
      else failures.push(`${reply.error?.code}: ${reply.error?.message}`);
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  })();
  return { samples, failures, stop: async () => ((stopped = true), await done) };
}

/** Every page of jobs.list with these filters, as the window reads them; the ids in order, and the totals each page gave. */
async function readAll(api: ContractSocket, filters: { cluster?: string; states?: JobState[] }): Promise<{ jobs: JobSummary[]; totals: Set<number>; pages: number; pageMs: number[] }> {
  const first = await api.call<{ jobs: JobSummary[]; total: number }>('jobs.list', { ...filters, offset: 0, limit: pageSize });
  if (!first.ok) throw new Error(`jobs.list: ${JSON.stringify(first.error)}`);
  const byOffset = new Map<number, JobSummary[]>([[0, first.result!.jobs]]);
  const totals = new Set([first.result!.total]);
  const pageMs = [first.ms];
  const offsets: number[] = [];
  for (let offset = pageSize; offset < first.result!.total; offset += pageSize) offsets.push(offset);
  const next = async () => {
    for (let offset = offsets.shift(); offset !== undefined; offset = offsets.shift()) {
      const page = await api.call<{ jobs: JobSummary[]; total: number }>('jobs.list', { ...filters, offset, limit: pageSize });
      if (!page.ok) throw new Error(`jobs.list at ${offset}: ${JSON.stringify(page.error)}`);
      byOffset.set(offset, page.result!.jobs);
      totals.add(page.result!.total);
      pageMs.push(page.ms);
    }
  };
  await Promise.all(Array.from({ length: pagesInFlight }, next));
  const jobs = [...byOffset.entries()].sort(([a], [b]) => a - b).flatMap(([, page]) => page);
  return { jobs, totals, pages: byOffset.size, pageMs };
}

/** Seeded ids missing from a listing, and ids listed more than once. */
function missingAndRepeated(seeded: SeededJobs, jobs: readonly JobSummary[]): { missing: number; repeated: number } {
  const seen = new Map<string, number>();
  for (const job of jobs) seen.set(job.id, (seen.get(job.id) ?? 0) + 1);
  let missing = 0;
  for (let index = 0; index < seeded.count; index += 1) if (!seen.has(`sd-${index.toString(16).padStart(16, '0')}`)) missing += 1;
  return { missing, repeated: [...seen.values()].filter((times) => times > 1).length };
}

/** Newest first, the id breaking ties: the order the window's merge relies on. */
function outOfOrder(jobs: readonly JobSummary[]): number {
  let wrong = 0;
  for (let index = 1; index < jobs.length; index += 1) {
    const [a, b] = [jobs[index - 1]!, jobs[index]!];
    if (a.submittedAt < b.submittedAt || (a.submittedAt === b.submittedAt && a.id < b.id)) wrong += 1;
  }
  return wrong;
}

describe(`${jobCount.toLocaleString('en')} tracked jobs`, () => {
  afterAll(() => app?.stop());

  it('starts, refreshes and lists every job once, answering throughout, with bounded memory', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'slurmdesk-proof-many-'));
    const seeded = seedJobs(dataDir, jobCount, { activeClusters: ['embedded'] });
    const tracked = seeded.families.pending + seeded.families.running;

    const started = performance.now();
    app = await startAppUnderAttack({ dataDir, env: { HOME: mkdtempSync(join(tmpdir(), 'slurmdesk-proof-many-home-')) } });
    const printedMs = performance.now() - started;
    const api = await openContractSocket(app);
    const firstInfo = await api.call('app.info', {});
    const firstAnswerMs = performance.now() - started;
    expect(firstInfo.ok).toBe(true);
    const rssBefore = app.rssBytes();
    let rssPeak = rssBefore;
    const sampler = setInterval(() => (rssPeak = Math.max(rssPeak, app!.rssBytes())), 100);
    const pinger = pingContinuously(await openContractSocket(app));

    // The refresh: one queue and one accounting query for every tracked job, then (the scheduler
    // has never heard of them) each job folder's end marker, and the jobs settled as lost.
    const refreshFrom = performance.now();
    let settled = 0;
    for (const deadline = Date.now() + 300_000; Date.now() < deadline; await new Promise((resolve) => setTimeout(resolve, 500))) {
      const lost = await api.call<{ total: number }>('jobs.list', { cluster: 'embedded', states: ['LOST'], limit: 1 });
      settled = lost.result?.total ?? 0;
      if (settled >= tracked) break;
    }
    const refreshMs = performance.now() - refreshFrom;
    const refreshUntil = performance.now();

    // The window's reading of the list, then the same jobs by cluster and by state, filtered by the app.
    // One listing at a time, as one window reads them.
    const pagingFrom = performance.now();
    const all = await readAll(api, {});
    const windowReadMs = performance.now() - pagingFrom;
    const byCluster = [];
    for (const cluster of ['embedded', 'hpc-a', 'gpu-b']) byCluster.push(await readAll(api, { cluster }));
    const byState = [];
    for (const states of stateGroups) byState.push(await readAll(api, { states }));
    const pagingMs = performance.now() - pagingFrom;
    const pagingUntil = performance.now();
    await pinger.stop();
    await new Promise((resolve) => setTimeout(resolve, 2_000));
    clearInterval(sampler);
    const rssAfter = app.rssBytes();

    const inAll = missingAndRepeated(seeded, all.jobs);
    const inClusters = missingAndRepeated(seeded, byCluster.flatMap((listing) => listing.jobs));
    const inStates = missingAndRepeated(seeded, byState.flatMap((listing) => listing.jobs));
    const lost = inAll.missing + inAll.repeated + inClusters.missing + inClusters.repeated + inStates.missing + inStates.repeated;
    const whileRefreshing = percentiles(pinger.samples.filter((sample) => sample.at >= refreshFrom && sample.at < refreshUntil));
    const whilePaging = percentiles(pinger.samples.filter((sample) => sample.at >= pagingFrom && sample.at < pagingUntil));
    const pageTimes = percentiles([all, ...byCluster, ...byState].flatMap((listing) => listing.pageMs.map((ms) => ({ at: 0, ms }))));
    const totalsAgree = [all, ...byCluster, ...byState].every((listing) => listing.totals.size === 1);
    recordCheck({
      id: 'many-jobs',
      area: 'fault',
      check: `${jobCount.toLocaleString('en')} tracked jobs in the journal`,
      tried:
        `the app started on a seeded journal (${tracked.toLocaleString('en')} waiting or running on the built-in cluster, unknown to its scheduler); ` +
        'refresh until all of them settled; then every job read as the window reads the list (pages of 5000, three in flight), by cluster and by state (every state, a few per listing); ' +
        'app.info every 20 ms on a second connection; app RSS sampled every 100 ms',
      attempts: 1 + byCluster.length + byState.length,
      lost,
      breached: 0,
      figures: {
        'address printed (ms)': Math.round(printedMs),
        'first answer (ms)': Math.round(firstAnswerMs),
        'refresh settled (jobs / s)': `${settled} / ${(refreshMs / 1000).toFixed(1)}`,
        'app.info while refreshing p50/p99/max (ms)': `${whileRefreshing.p50}/${whileRefreshing.p99}/${whileRefreshing.max} (n=${whileRefreshing.n})`,
        'window read of all jobs (s)': (windowReadMs / 1000).toFixed(1),
        'all listings, filtered ones too (s)': (pagingMs / 1000).toFixed(1),
        'jobs.list page p50/p99/max (ms)': `${pageTimes.p50}/${pageTimes.p99}/${pageTimes.max} (${pageTimes.n} pages)`,
        'app.info while paging p50/p99/max (ms)': `${whilePaging.p50}/${whilePaging.p99}/${whilePaging.max} (n=${whilePaging.n})`,
        'app.info failures': pinger.failures.length,
        'listed: missing / repeated (all, clusters, states)': `${inAll.missing}/${inAll.repeated}, ${inClusters.missing}/${inClusters.repeated}, ${inStates.missing}/${inStates.repeated}`,
        'out of order (newest first)': outOfOrder(all.jobs),
        'app RSS before (MB)': mb(rssBefore),
        'app RSS peak (MB)': mb(rssPeak),
        'app RSS after (MB)': mb(rssAfter),
      },
    });
    expect(app.alive()).toBe(true);
    expect(pinger.failures).toEqual([]);
    expect(settled).toBe(tracked);
    expect(all.jobs.length).toBe(jobCount);
    expect({ inAll, inClusters, inStates }).toEqual({ inAll: { missing: 0, repeated: 0 }, inClusters: { missing: 0, repeated: 0 }, inStates: { missing: 0, repeated: 0 } });
    expect(totalsAgree).toBe(true);
    expect(outOfOrder(all.jobs)).toBe(0);
    expect(whilePaging.n).toBeGreaterThan(0);
    // Gross bound only: 100,000 jobs are tens of megabytes of records, not gigabytes.
    expect(rssPeak).toBeLessThan(1024 * 1024 * 1024);
  });
});
