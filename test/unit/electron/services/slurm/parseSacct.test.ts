import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { SchedulerError } from '../../../../../electron/services/backends/types';
import { findInSacctComments, parseSacct } from '../../../../../electron/services/slurm/parseSacct';
import { readTimestamp } from '../../../../../electron/services/slurm/slurmFields';

/** Times printed without a zone (fixtures from a Slurm not asked for one): this computer's zone, as UTC. */
const zoneless = (local: string) => new Date(local).toISOString();

// Real Slurm 22.05 output (fixtures/README.md): echo 17, exit-3 18, array 19 (0-9%2, cancelled),
// sleep 20 (cancelled while running), dependent 21 and dependent array 22 (0-3), comment job 23.
const fixture = (name: string) => readFileSync(join(import.meta.dirname, 'fixtures', name), 'utf8');
const byId = (output: string) => new Map(parseSacct(output).map((entry) => [entry.slurmId, entry]));

describe('parseSacct on real sacct -P -n -X output after the jobs ended', () => {
  const entries = byId(fixture('sacct-X.txt'));

  it('reads a completed job and a job that exited 3', () => {
    expect(entries.get('17')).toEqual({
      slurmId: '17', jobId: '17', arrayTaskId: null, state: 'COMPLETED', exit: { code: 0, signal: 0 }, reason: null,
      startedAt: zoneless('2026-11-26T07:11:02'), endedAt: zoneless('2026-11-26T07:11:02'),
    });
    expect(entries.get('18')).toMatchObject({ state: 'FAILED', exit: { code: 3, signal: 0 } });
  });

  it('reads "CANCELLED by 0" as CANCELLED, and a job cancelled while pending (Start None)', () => {
    expect(entries.get('20')).toMatchObject({ state: 'CANCELLED', endedAt: zoneless('2026-11-26T07:11:04') });
    expect(entries.get('21')).toMatchObject({ state: 'CANCELLED', reason: 'Dependency', startedAt: null, endedAt: zoneless('2026-11-26T07:11:04') });
  });

  it('gives array tasks the array id and task id, not their own raw ids', () => {
    expect(entries.get('19_0')).toMatchObject({ jobId: '19', arrayTaskId: 0, state: 'COMPLETED' });
    expect(entries.get('19_3')).toMatchObject({ jobId: '19', arrayTaskId: 3, state: 'CANCELLED' });
  });

  it('expands a range row (19_[5-9%2], 22_[0-3]) into one final entry per task', () => {
    for (const task of [5, 6, 7, 8, 9]) expect(entries.get(`19_${task}`)).toMatchObject({ jobId: '19', arrayTaskId: task, state: 'CANCELLED' });
    for (const task of [0, 1, 2, 3]) expect(entries.get(`22_${task}`)).toMatchObject({ jobId: '22', state: 'CANCELLED', reason: 'Dependency' });
    expect([...entries.keys()].filter((id) => id.startsWith('19_'))).toHaveLength(10);
  });
});

describe('parseSacct on other real shapes', () => {
  it('skips .batch step rows: the same entries with or without -X', () => {
    expect(byId(fixture('sacct-with-steps.txt'))).toEqual(byId(fixture('sacct-X.txt')));
    expect(parseSacct(fixture('sacct-with-steps.txt')).some((entry) => entry.slurmId.includes('.'))).toBe(false);
    expect(byId(fixture('sacct-with-steps.txt')).get('20')?.exit).toEqual({ code: 0, signal: 0 }); // the job's, not the step's 0:15
  });

  it('reads jobs still pending or running without an exit code or end (placeholder 0:0, End Unknown)', () => {
    const entries = byId(fixture('sacct-while-running.txt'));
    expect(entries.get('20')).toMatchObject({ state: 'RUNNING', exit: null, startedAt: zoneless('2026-11-26T07:11:02'), endedAt: null });
    expect(entries.get('21')).toMatchObject({ state: 'PENDING', exit: null, startedAt: null, endedAt: null, reason: 'Dependency' });
    expect(entries.get('19_2')).toMatchObject({ state: 'PENDING', reason: 'JobArrayTaskLimit' }); // from 19_[2-9%2]
    expect(entries.get('19_9')).toMatchObject({ state: 'PENDING' });
    expect(entries.get('19_0')).toMatchObject({ state: 'COMPLETED', exit: { code: 0, signal: 0 } });
  });

  it('reads an extern step, a heterogeneous component and empty output without inventing entries', () => {
    const output = '30|TIMEOUT|0:0|2026-01-01T00:00:00|2026-01-01T01:00:00|TimeLimit\n30.extern|COMPLETED|0:0|x|y|\n31+0|COMPLETED|0:0|x|y|None\n';
    expect(parseSacct(output).map((entry) => [entry.slurmId, entry.state])).toEqual([['30', 'TIMEOUT']]);
    expect(parseSacct('')).toEqual([]);
  });

  it('reads every terminal state Slurm prints, incl. OUT_OF_MEMORY and NODE_FAIL with a signal', () => {
    const output = ['40|OUT_OF_MEMORY|0:125|a|b|None', '41|NODE_FAIL|0:9|a|b|None', '42|DEADLINE|0:0|a|b|None', '43|PREEMPTED|0:15|a|b|None'].join('\n');
    expect(parseSacct(output).map((entry) => [entry.state, entry.exit?.signal])).toEqual([
      ['OUT_OF_MEMORY', 125], ['NODE_FAIL', 9], ['DEADLINE', 0], ['PREEMPTED', 15],
    ]);
  });

  it.each([
    ['a short line', '17|COMPLETED|0:0'],
    ['an unknown state', '17|LEVITATING|0:0|a|b|None'],
    ['an unreadable id', 'abc|COMPLETED|0:0|a|b|None'],
  ])('refuses %s', (_label, line) => {
    expect(() => parseSacct(line)).toThrow(SchedulerError);
  });
});

describe('findInSacctComments', () => {
  const output = fixture('sacct-comment.txt');

  it('finds the job whose comment is exactly the one asked for, and only that', () => {
    expect(findInSacctComments(output, 'sd-00000000000000a1')).toBe('17');
    expect(findInSacctComments(output, 'sd-0000000000000001')).toBe('1');
    expect(findInSacctComments(output, 'has space')).toBe('23');
    expect(findInSacctComments(output, 'sd-00000000000000a')).toBeNull();
    expect(findInSacctComments(output, '')).toBeNull();
  });

  it('returns the array id for a comment on an array task row', () => {
    expect(findInSacctComments('19_[5-9%2]|sd-1111111111111111\n', 'sd-1111111111111111')).toBe('19');
    expect(findInSacctComments('19_3|sd-1111111111111111\n', 'sd-1111111111111111')).toBe('19');
  });
});

describe('Slurm times', () => {
  it('become instants in UTC from the offset the cluster printed, whatever this computer\'s zone', () => {
    const output = '50|COMPLETED|0:0|2026-03-29T01:59:00+0100|2026-03-29T03:01:00+0200|None\n';
    const [entry] = parseSacct(output);
    expect(entry).toMatchObject({ startedAt: '2026-03-29T00:59:00.000Z', endedAt: '2026-03-29T01:01:00.000Z' });
  });

  it('are null when unreadable, never passed on as text without a zone', () => {
    expect(readTimestamp('Unknown')).toBeNull();
    expect(readTimestamp('yesterday')).toBeNull();
    expect(readTimestamp('2026-11-26T07:11:02-0530')).toBe('2026-11-26T12:41:02.000Z');
  });
});
