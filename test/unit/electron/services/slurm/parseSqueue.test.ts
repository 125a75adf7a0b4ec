import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { SchedulerError } from '../../../../../electron/services/backends/types';
import { findInSqueueComments, parseSqueue } from '../../../../../electron/services/slurm/parseSqueue';

// Fixtures are real Slurm 22.05 output from test/daemons/slurm.sh (see fixtures/README.md).
const fixture = (name: string) => readFileSync(join(import.meta.dirname, 'fixtures', name), 'utf8');

describe('parseSqueue on real squeue -h -r output', () => {
  const entries = parseSqueue(fixture('squeue-r.txt'));

  it('reads one entry per line, array tasks one by one', () => {
    expect(entries).toHaveLength(14);
    expect(entries.filter((entry) => entry.jobId === '19').map((entry) => entry.arrayTaskId)).toEqual([4, 5, 6, 7, 8, 9, 2, 3]);
  });

  it('reads a pending array task with its array id, task id and reason; no nodes while pending', () => {
    expect(entries[0]).toEqual({
      slurmId: '19_4', jobId: '19', arrayTaskId: 4, state: 'PENDING', reason: 'JobArrayTaskLimit',
      elapsedSeconds: 0, timeLimitSeconds: null, nodes: null,
    });
  });

  it('reads a plain job (task N/A) held by a dependency', () => {
    expect(entries.find((entry) => entry.slurmId === '21')).toEqual({
      slurmId: '21', jobId: '21', arrayTaskId: null, state: 'PENDING', reason: 'Dependency',
      elapsedSeconds: 0, timeLimitSeconds: null, nodes: null,
    });
  });

  it('reads a running job: elapsed time, nodes, and 365-00:00:00 (22.05 for "no limit" once running) as no limit', () => {
    expect(entries.at(-1)).toEqual({
      slurmId: '20', jobId: '20', arrayTaskId: null, state: 'RUNNING', reason: null,
      elapsedSeconds: 2, timeLimitSeconds: null, nodes: 'localhost',
    });
  });
});

describe('parseSqueue on other real shapes', () => {
  it('expands grouped pending tasks (squeue without -r: 19_[4-9%2]) into one entry per task', () => {
    const entries = parseSqueue(fixture('squeue-grouped.txt'));
    expect(entries.filter((entry) => entry.jobId === '19').map((entry) => entry.slurmId)).toEqual(['19_4', '19_5', '19_6', '19_7', '19_8', '19_9', '19_2', '19_3']);
    expect(entries.filter((entry) => entry.jobId === '22').map((entry) => entry.arrayTaskId)).toEqual([0, 1, 2, 3]);
  });

  it('reads every final state squeue -t all shows, incl. (NonZeroExitCode) in the nodes column', () => {
    const entries = parseSqueue(fixture('squeue-r-all-states.txt'));
    expect(new Set(entries.map((entry) => entry.state))).toEqual(new Set(['CANCELLED', 'COMPLETED', 'FAILED']));
    expect(entries.find((entry) => entry.slurmId === '2')).toMatchObject({ state: 'FAILED', reason: 'NonZeroExitCode', nodes: null });
    expect(entries.find((entry) => entry.slurmId === '5')).toMatchObject({ reason: 'DependencyNeverSatisfied', nodes: null });
  });

  it('reads longer times and a set limit', () => {
    const [entry] = parseSqueue('7|7|N/A|RUNNING|None|1-02:03:04|2-00:00:00|1|node[01-02]\n');
    expect(entry).toMatchObject({ elapsedSeconds: 93784, timeLimitSeconds: 172800, nodes: 'node[01-02]' });
    expect(parseSqueue('8|8|N/A|RUNNING|None|1:02:03|30:00|1|n1')[0]).toMatchObject({ elapsedSeconds: 3723, timeLimitSeconds: 1800 });
  });

  it('reads empty output as no entries', () => {
    expect(parseSqueue('')).toEqual([]);
    expect(parseSqueue('\n')).toEqual([]);
  });

  it.each([
    ['a short line', '7|7|N/A|RUNNING'],
    ['an unknown state', '7|7|N/A|LEVITATING|None|0:00|UNLIMITED|1|n1'],
    ['a non-numeric job id', 'x|x|N/A|RUNNING|None|0:00|UNLIMITED|1|n1'],
    ['an unreadable task range', '7_[a-b]|7|a-b|PENDING|None|0:00|UNLIMITED|1|(None)'],
  ])('refuses %s rather than dropping a job the engine would then think had left', (_label, line) => {
    expect(() => parseSqueue(line)).toThrow(SchedulerError);
    expect(() => parseSqueue(line)).toThrow(/Could not read squeue output/);
  });
});

describe('findInSqueueComments', () => {
  const output = fixture('squeue-comment.txt');

  it('finds the job whose comment is exactly the one asked for', () => {
    expect(findInSqueueComments(output, 'sd-00000000000000a1')).toBe('1');
    expect(findInSqueueComments(output, 'has space')).toBe('7');
  });

  it('does not match a prefix, a part, or the (null) of a job without comment as empty', () => {
    expect(findInSqueueComments(output, 'sd-00000000000000a')).toBeNull();
    expect(findInSqueueComments(output, 'has')).toBeNull();
    expect(findInSqueueComments(output, '')).toBeNull();
  });
});
