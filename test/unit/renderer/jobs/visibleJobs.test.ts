import { describe, expect, it } from 'vitest';
import type { JobSummary } from '../../../../shared/jobs/jobRecord';
import type { JobState } from '../../../../shared/jobs/jobState';
import { defaultSort, filterJobs, noFilters, sortColumns, sortJobs, type JobFilters, type JobSort } from '../../../../renderer/jobs/jobsQuery';
import { mergeJobs } from '../../../../renderer/jobs/mergeJobs';
import { rememberingVisibleJobs, visibleJobs, type JobsQuery } from '../../../../renderer/jobs/visibleJobs';
import { summary } from './jobsFixtures';

/** A small deterministic generator, so a failure is the same on every run. */
function generator(seed: number) {
  let state = seed >>> 0;
  const next = () => {
    state = (Math.imul(state, 1_664_525) + 1_013_904_223) >>> 0;
    return state / 2 ** 32;
  };
  return { next, pick: <T,>(items: readonly T[]): T => items[Math.floor(next() * items.length)]! };
}

const states: JobState[] = ['PENDING', 'RUNNING', 'COMPLETED', 'FAILED', 'CANCELLED', 'TIMEOUT'];
const reasons = [null, 'Priority', 'Resources', 'NonZeroExitCode'];
const now = Date.parse('2026-01-02T00:00:00Z');

function randomJob(random: ReturnType<typeof generator>, index: number): JobSummary {
  const started = random.next() < 0.6;
  return summary(index, {
    // Same-second submissions too, so ties are broken by id.
    submittedAt: new Date(Date.UTC(2026, 0, 1) + Math.floor(index / 3) * 1000).toISOString(),
    name: random.pick(['train-2', 'train-10', 'Align', 'align', 'qc', 'md-sim']),
    cluster: random.pick(['hpc', 'gpu', 'dev']),
    state: random.pick(states),
    reason: random.pick(reasons),
    slurmId: random.next() < 0.1 ? null : String(Math.floor(random.next() * 500)),
    nodes: random.next() < 0.3 ? null : 1 + Math.floor(random.next() * 4),
    startedAt: started ? new Date(Date.UTC(2026, 0, 1) + Math.floor(random.next() * 3600) * 1000).toISOString() : null,
  });
}

/** What the table showed before: everything filtered and sorted again. */
const computedAnew = (jobs: readonly JobSummary[], query: JobsQuery) => sortJobs(filterJobs(jobs, query.filters), query.sort, query.now);

const queries: JobsQuery[] = [
  { filters: noFilters, sort: defaultSort, now: 0 },
  ...sortColumns.flatMap((column) =>
    (['ascending', 'descending'] as const).flatMap((direction) => {
      const sort: JobSort = { column, direction };
      const filters: JobFilters[] = [noFilters, { ...noFilters, cluster: 'gpu' }, { ...noFilters, state: 'active', text: 'ALIGN' }, { ...noFilters, origin: 'other' }];
      return filters.map((filter) => ({ filters: filter, sort, now: column === 'elapsed' ? now : 0 }));
    }),
  ),
];

describe('visibleJobs', () => {
  it('after each batch of changes and new jobs, shows exactly what filtering and sorting everything again shows', () => {
    for (const query of queries) {
      const random = generator(7);
      let jobs = mergeJobs([], Array.from({ length: 600 }, (_, index) => randomJob(random, index * 2)));
      let visible = visibleJobs(null, jobs, query);
      for (let batch = 0; batch < 12; batch += 1) {
        const changed = Array.from({ length: 20 }, () => {
          const job = random.pick(jobs);
          return { ...job, state: random.pick(states), reason: random.pick(reasons), name: random.next() < 0.2 ? random.pick(['zeta', 'Align-9']) : job.name };
        });
        // Now and then a job submitted meanwhile, between the others or the newest.
        if (batch % 3 === 0) changed.push(randomJob(random, 2 * Math.floor(random.next() * 700) + 1));
        jobs = mergeJobs(jobs, changed);
        visible = visibleJobs(visible, jobs, query);
        expect(visible.sorted, `${JSON.stringify(query)} batch ${batch}`).toEqual(computedAnew(jobs, query));
      }
    }
  });

  it('answers with the same lists when nothing changed, and computes anew for another query', () => {
    const jobs = mergeJobs([], [summary(1), summary(2, { state: 'RUNNING' })]);
    const first = visibleJobs(null, jobs, { filters: noFilters, sort: defaultSort, now: 0 });
    expect(visibleJobs(first, jobs, { filters: { ...noFilters }, sort: { ...defaultSort }, now: 0 })).toBe(first);
    const running = visibleJobs(first, jobs, { filters: { ...noFilters, state: 'running' }, sort: defaultSort, now: 0 });
    expect(running.sorted.map((job) => job.id)).toEqual([summary(2).id]);
  });

  it('remembers the lists of the text before and after a keystroke, so neither render filters everything again', () => {
    const random = generator(3);
    const jobs = mergeJobs([], Array.from({ length: 300 }, (_, index) => randomJob(random, index)));
    const remembering = rememberingVisibleJobs();
    const typed = (text: string): JobsQuery => ({ filters: { ...noFilters, text }, sort: { column: 'name', direction: 'ascending' }, now: 0 });
    const before = remembering(jobs, typed('al'));
    const after = remembering(jobs, typed('ali'));
    expect(remembering(jobs, typed('al'))).toBe(before);
    expect(remembering(jobs, typed('ali'))).toBe(after);
    const changed = mergeJobs(jobs, [{ ...jobs[3]!, name: 'Align-new' }]);
    expect(remembering(changed, typed('al')).sorted).toEqual(computedAnew(changed, typed('al')));
  });

  it('puts 100 changes among 100,000 jobs sorted by name in place quickly (figures printed, not asserted)', () => {
    const random = generator(11);
    const jobs = mergeJobs([], Array.from({ length: 100_000 }, (_, index) => randomJob(random, index)));
    const query: JobsQuery = { filters: { ...noFilters, state: 'active' }, sort: { column: 'name', direction: 'ascending' }, now: 0 };
    let started = performance.now();
    const first = visibleJobs(null, jobs, query);
    const anewMs = performance.now() - started;
    const changed = mergeJobs(jobs, Array.from({ length: 100 }, () => ({ ...random.pick(jobs), state: random.pick(states) })));
    started = performance.now();
    const next = visibleJobs(first, changed, query);
    const incrementalMs = performance.now() - started;
    console.log(`100,000 jobs, active ones by name: filtered and sorted anew ${anewMs.toFixed(1)} ms; 100 changes put in place ${incrementalMs.toFixed(1)} ms`);
    expect(next.sorted).toEqual(computedAnew(changed, query));
  });
});
