import { describe, expect, it } from 'vitest';
import { changedFields, groupByJob, observe } from '../../../../../electron/services/jobs/trackJobs';
import type { FinalEntry, QueueEntry } from '../../../../../electron/services/backends/types';
import type { JobRecord } from '../../../../../shared/jobs/jobRecord';
import { JobSpecSchema } from '../../../../../shared/jobs/jobSpec';

const record = (array: boolean, cancelRequestedAt: string | null = null): JobRecord => ({
  id: 'sd-0000000000000001',
  name: 'x',
  cluster: 'local',
  slurmId: '7',
  state: 'PENDING',
  reason: null,
  exit: null,
  jobDir: '/j',
  submittedAt: '2026-01-01T00:00:00Z',
  startedAt: null,
  endedAt: null,
  tasks: null,
  cancelRequestedAt,
  spec: JobSpecSchema.parse({ name: 'x', cluster: 'local', task: { kind: 'script', body: 'true' }, ...(array ? { array: { range: '0-3' } } : {}) }),
});

const queued = (task: number | null, state: QueueEntry['state'], reason: string | null = null): QueueEntry => ({
  slurmId: task === null ? '7' : `7_${task}`, jobId: '7', arrayTaskId: task, state, reason, elapsedSeconds: null, timeLimitSeconds: null, nodes: null,
});
const settled = (task: number | null, state: FinalEntry['state'], code = 0): FinalEntry => ({
  slurmId: task === null ? '7' : `7_${task}`, jobId: '7', arrayTaskId: task, state, exit: { code, signal: 0 }, reason: null, startedAt: '2026-01-01T00:00:01', endedAt: `2026-01-01T00:00:0${(task ?? 0) + 2}`,
});
const observations = (q: QueueEntry[], s: FinalEntry[]) => ({ queued: groupByJob(q), settled: groupByJob(s) });

describe('observe: one job', () => {
  it('takes the queue state while queued, the final entry after', () => {
    expect(observe(record(false), observations([queued(null, 'PENDING', 'Resources')], []), null)).toEqual({ state: 'PENDING', reason: 'Resources' });
    expect(observe(record(false), observations([], [settled(null, 'FAILED', 3)]), null)).toMatchObject({ state: 'FAILED', exit: { code: 3, signal: 0 } });
  });

  it('says nothing when the scheduler said nothing (the markers decide)', () => {
    expect(observe(record(false), observations([], []), null)).toBeNull();
  });
});

describe('observe: an array', () => {
  it('counts tasks per state and is RUNNING while any task runs', () => {
    const patch = observe(record(true), observations([queued(2, 'RUNNING'), queued(3, 'PENDING', 'JobArrayTaskLimit')], [settled(0, 'COMPLETED'), settled(1, 'COMPLETED')]), 4);
    expect(patch).toMatchObject({ state: 'RUNNING', tasks: { total: 4, counts: { COMPLETED: 2, RUNNING: 1, PENDING: 1 } } });
  });

  it('ends with its worst outcome once every task has ended', () => {
    const patch = observe(record(true), observations([], [settled(0, 'COMPLETED'), settled(1, 'TIMEOUT'), settled(2, 'FAILED', 1), settled(3, 'CANCELLED')]), 4);
    expect(patch).toMatchObject({ state: 'TIMEOUT', endedAt: '2026-01-01T00:00:05' });
  });

  it('counts tasks Slurm forgot after a cancel as cancelled, else as still pending', () => {
    const seen = observations([], [settled(0, 'COMPLETED')]);
    expect(observe(record(true, '2026-01-01T00:00:00Z'), seen, 4)).toMatchObject({ state: 'CANCELLED', tasks: { counts: { COMPLETED: 1, CANCELLED: 3 } } });
    expect(observe(record(true), seen, 4)).toMatchObject({ state: 'PENDING', tasks: { counts: { COMPLETED: 1, PENDING: 3 } } });
  });

  it('lets the live queue win over lagging accounting for the same task', () => {
    const patch = observe(record(true), observations([queued(0, 'RUNNING')], [settled(0, 'PENDING')]), 1);
    expect(patch).toMatchObject({ state: 'RUNNING', tasks: { counts: { RUNNING: 1 } } });
  });
});

describe('changedFields', () => {
  it('keeps only what differs, so an unchanged job costs nothing', () => {
    expect(changedFields(record(false), { state: 'PENDING', reason: null })).toBeNull();
    expect(changedFields(record(false), { state: 'RUNNING', reason: null })).toEqual({ state: 'RUNNING' });
  });
});

describe('observe: details of an ended job', () => {
  it('a job cancelled while it waited on a dependency says it was cancelled, not why it waited', () => {
    const waiting = { ...settled(null, 'CANCELLED'), exit: null, reason: 'DependencyNeverSatisfied' };
    expect(observe(record(false, '2026-01-01T00:00:05Z'), observations([], [waiting]), null)).toMatchObject({ state: 'CANCELLED', reason: 'Cancelled at your request.' });
    // Nobody asked: Slurm cancelled it because the dependency can never be met (kill_invalid_depend).
    expect(observe(record(false), observations([], [waiting]), null)).toMatchObject({ reason: 'DependencyNeverSatisfied' });
    // A reason for waiting is not a reason for an end; a reason for the end is kept.
    expect(observe(record(false), observations([], [{ ...settled(null, 'COMPLETED'), reason: 'Dependency' }]), null)).toMatchObject({ reason: null });
    expect(observe(record(false), observations([], [{ ...settled(null, 'TIMEOUT'), reason: 'TimeLimit' }]), null)).toMatchObject({ reason: 'TimeLimit' });
  });

  it('a finished array exits 0 when every task did, else with its worst task, named', () => {
    const all = (codes: number[]) => codes.map((code, task) => settled(task, code === 0 ? 'COMPLETED' : 'FAILED', code));
    expect(observe(record(true), observations([], all([0, 0, 0, 0])), 4)).toMatchObject({ state: 'COMPLETED', exit: { code: 0, signal: 0 } });
    expect(observe(record(true), observations([], all([0, 2, 7, 7])), 4)).toMatchObject({ state: 'FAILED', exit: { code: 7, signal: 0, task: 2 } });
    const killed = [...all([0, 9, 0]), { ...settled(3, 'CANCELLED'), exit: { code: 0, signal: 15 } }];
    expect(observe(record(true), observations([], killed), 4)).toMatchObject({ exit: { code: 0, signal: 15, task: 3 } });
    // Still running: no exit yet.
    expect(observe(record(true), observations([queued(3, 'RUNNING')], all([0, 0, 0])), 4)?.exit).toBeUndefined();
  });
});
