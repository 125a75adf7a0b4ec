import { describe, expect, it } from 'vitest';
import { defaultSort, filterJobs, noFilters, sortJobs } from '../../../../renderer/jobs/jobsQuery';
import { summary } from './jobsFixtures';

const jobs = [
  summary(4, { name: 'train-10', state: 'RUNNING', cluster: 'gpu', startedAt: '2026-01-01T00:00:00Z', nodes: 4 }),
  summary(3, { name: 'train-9', state: 'PENDING', reason: 'Resources', slurmId: '77' }),
  summary(2, { name: 'align', state: 'FAILED', reason: 'NonZeroExitCode', startedAt: '2026-01-01T00:00:00Z', endedAt: '2026-01-01T00:00:30Z' }),
  summary(1, { name: 'Align-b', state: 'CANCELLED', cluster: 'gpu', slurmId: null }),
  summary(0, { name: 'qc', state: 'COMPLETED', startedAt: '2026-01-01T00:00:00Z', endedAt: '2026-01-01T02:00:00Z' }),
];
const names = (list: readonly { name: string }[]) => list.map((job) => job.name);

describe('filterJobs', () => {
  it('returns the same list when nothing filters', () => {
    expect(filterJobs(jobs, noFilters)).toBe(jobs);
  });

  it('filters by state family, with active meaning waiting or running', () => {
    expect(names(filterJobs(jobs, { ...noFilters, state: 'active' }))).toEqual(['train-10', 'train-9']);
    expect(names(filterJobs(jobs, { ...noFilters, state: 'failed' }))).toEqual(['align']);
    expect(names(filterJobs(jobs, { ...noFilters, state: 'completed' }))).toEqual(['qc']);
    expect(names(filterJobs(jobs, { ...noFilters, state: 'cancelled' }))).toEqual(['Align-b']);
  });

  it('filters by cluster and by text in the name, the ids and the reason (raw or in words)', () => {
    expect(names(filterJobs(jobs, { ...noFilters, cluster: 'gpu' }))).toEqual(['train-10', 'Align-b']);
    expect(names(filterJobs(jobs, { ...noFilters, text: ' ALIGN ' }))).toEqual(['align', 'Align-b']);
    expect(names(filterJobs(jobs, { ...noFilters, text: '77' }))).toEqual(['train-9']);
    expect(names(filterJobs(jobs, { ...noFilters, text: summary(2).id }))).toEqual(['align']);
    expect(names(filterJobs(jobs, { ...noFilters, text: 'waiting for resources' }))).toEqual(['train-9']);
    expect(names(filterJobs(jobs, { ...noFilters, text: 'nonzero' }))).toEqual(['align']);
    expect(names(filterJobs(jobs, { ...noFilters, cluster: 'gpu', state: 'running', text: 'train' }))).toEqual(['train-10']);
  });
});

describe('sortJobs', () => {
  const now = Date.parse('2026-01-01T01:00:00Z');

  it('keeps the newest-first order for the default sort and reverses it for oldest first', () => {
    expect(sortJobs(jobs, defaultSort, now)).toBe(jobs);
    expect(names(sortJobs(jobs, { column: 'submitted', direction: 'ascending' }, now))).toEqual(['qc', 'Align-b', 'align', 'train-9', 'train-10']);
  });

  it('sorts names naturally and without regard to case', () => {
    expect(names(sortJobs(jobs, { column: 'name', direction: 'ascending' }, now))).toEqual(['align', 'Align-b', 'qc', 'train-9', 'train-10']);
  });

  it('sorts by elapsed time against the clock, jobs that never started last either way', () => {
    expect(names(sortJobs(jobs, { column: 'elapsed', direction: 'descending' }, now))).toEqual(['qc', 'train-10', 'align', 'train-9', 'Align-b']);
    expect(names(sortJobs(jobs, { column: 'elapsed', direction: 'ascending' }, now))).toEqual(['align', 'train-10', 'qc', 'train-9', 'Align-b']);
  });

  it('sorts Slurm ids as numbers, and groups states by family', () => {
    expect(names(sortJobs(jobs, { column: 'id', direction: 'ascending' }, now))).toEqual(['train-9', 'qc', 'align', 'train-10', 'Align-b']);
    expect(names(sortJobs(jobs, { column: 'state', direction: 'ascending' }, now))).toEqual(['train-10', 'train-9', 'align', 'Align-b', 'qc']);
    expect(names(sortJobs(jobs, { column: 'nodes', direction: 'descending' }, now))[0]).toBe('train-10');
  });
});
