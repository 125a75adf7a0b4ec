import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { SchedulerError } from '../../../../../electron/services/backends/types';
import { parseScontrol, scontrolPairs } from '../../../../../electron/services/slurm/parseScontrol';

/** Times printed without a zone (fixtures from a Slurm not asked for one): this computer's zone, as UTC. */
const zoneless = (local: string) => new Date(local).toISOString();

// Real Slurm 22.05 output without accounting (fixtures/README.md): echo 1 (comment), exit-3 2,
// array 3 (0-9%2), sleep 4, dependent 5, dependent array 6 (0-3), job 7 with comment "has space".
const fixture = (name: string) => readFileSync(join(import.meta.dirname, 'fixtures', name), 'utf8');
const byId = (output: string) => new Map(parseScontrol(output).map((entry) => [entry.slurmId, entry]));

describe('scontrolPairs', () => {
  const line = fixture('scontrol-while-running.txt').split('\n').find((text) => text.includes('Comment=has space'))!;
  const pairs = scontrolPairs(line);

  it('keeps a value with spaces whole and reads empty values as empty', () => {
    expect(pairs.get('Comment')).toBe('has space');
    expect(pairs.get('Power')).toBe('');
    expect(pairs.get('JobId')).toBe('7');
  });

  it('reads keys with : and / and values with = inside', () => {
    expect(pairs.get('AllocNode:Sid')).toMatch(/^localhost:\d+$/);
    expect(pairs.get('CPUs/Task')).toBe('1');
    expect(pairs.get('TRES')).toBe('cpu=1,node=1,billing=1');
  });
});

describe('parseScontrol on real scontrol show job -o output', () => {
  it('reads "No jobs in the system" and empty output as no entries', () => {
    expect(parseScontrol('No jobs in the system\n')).toEqual([]);
    expect(parseScontrol('')).toEqual([]);
  });

  it('reads completed and failed jobs with their exit codes and times', () => {
    const entries = byId(fixture('scontrol-after-cancel.txt'));
    expect(entries.get('1')).toEqual({
      slurmId: '1', jobId: '1', arrayTaskId: null, state: 'COMPLETED', exit: { code: 0, signal: 0 }, reason: null,
      startedAt: zoneless('2026-11-26T07:11:15'), endedAt: zoneless('2026-11-26T07:11:16'),
    });
    expect(entries.get('2')).toMatchObject({ state: 'FAILED', exit: { code: 3, signal: 0 }, reason: 'NonZeroExitCode' });
  });

  it('reads cancelled jobs: killed by SIGTERM (0:15), dependency never satisfied', () => {
    const entries = byId(fixture('scontrol-after-cancel.txt'));
    expect(entries.get('4')).toMatchObject({ state: 'CANCELLED', exit: { code: 0, signal: 15 } });
    expect(entries.get('5')).toMatchObject({ state: 'CANCELLED', reason: 'DependencyNeverSatisfied' });
  });

  it('names array tasks by ArrayJobId_ArrayTaskId and expands the array record range (5-9%2, 0-3)', () => {
    const entries = byId(fixture('scontrol-after-cancel.txt'));
    expect(entries.get('3_0')).toMatchObject({ jobId: '3', arrayTaskId: 0, state: 'COMPLETED' });
    expect(entries.get('3_2')).toMatchObject({ jobId: '3', state: 'CANCELLED', exit: { code: 143, signal: 0 } });
    for (const task of [5, 6, 7, 8, 9]) expect(entries.get(`3_${task}`)).toMatchObject({ jobId: '3', arrayTaskId: task, state: 'CANCELLED' });
    for (const task of [0, 1, 2, 3]) expect(entries.get(`6_${task}`)).toMatchObject({ jobId: '6', state: 'CANCELLED' });
    // Task 3 was cancelled while pending: 22.05 keeps no trace of it here.
    expect(entries.has('3_3')).toBe(false);
    expect(entries.has('3')).toBe(false);
  });

  it('reads running and pending jobs without exit codes; a running EndTime (the limit) is not an end', () => {
    const entries = byId(fixture('scontrol-while-running.txt'));
    expect(entries.get('4')).toMatchObject({ state: 'RUNNING', exit: null, startedAt: zoneless('2026-11-26T07:11:15'), endedAt: null });
    expect(entries.get('5')).toMatchObject({ state: 'PENDING', exit: null, startedAt: null, endedAt: null, reason: 'Dependency' });
    expect(entries.get('3_9')).toMatchObject({ state: 'PENDING', reason: 'JobArrayTaskLimit' });
  });

  it('reads the records of one array (scontrol show job -o <array id>)', () => {
    const entries = parseScontrol(fixture('scontrol-one-array.txt'));
    expect(entries.map((entry) => entry.slurmId).sort()).toEqual(['19_0', '19_1', '19_2', '19_3', '19_4', '19_5', '19_6', '19_7', '19_8', '19_9']);
  });

  it('does not let a job name pretend to be an array task of another job', () => {
    const forged = 'JobId=50 JobName=x ArrayJobId=3 ArrayTaskId=4 UserId=eve(1001) JobState=COMPLETED Reason=None ExitCode=0:0 StartTime=2026-11-26T07:11:15+0000 EndTime=2026-11-26T07:11:16+0000';
    expect(parseScontrol(forged)).toEqual([
      { slurmId: '50', jobId: '50', arrayTaskId: null, state: 'COMPLETED', exit: { code: 0, signal: 0 }, reason: null, startedAt: '2026-11-26T07:11:15.000Z', endedAt: '2026-11-26T07:11:16.000Z' },
    ]);
  });

  it.each([
    ['a line without JobId', 'JobName=x JobState=RUNNING'],
    ['an unknown state', 'JobId=9 JobName=x JobState=LEVITATING'],
    ['an unreadable task range', 'JobId=9 ArrayJobId=9 ArrayTaskId=x-y JobName=x JobState=PENDING'],
  ])('refuses %s', (_label, line) => {
    expect(() => parseScontrol(line)).toThrow(SchedulerError);
  });
});
