import { describe, expect, it } from 'vitest';
import { elapsedSeconds, formatDuration, formatTimeLimit } from '../../../../renderer/jobs/formatDuration';

describe('durations in the jobs table', () => {
  it('writes durations the way Slurm does', () => {
    expect(formatDuration(0)).toBe('0:00');
    expect(formatDuration(65)).toBe('1:05');
    expect(formatDuration(3 * 3600 + 4 * 60 + 5)).toBe('3:04:05');
    expect(formatDuration(2 * 86_400 + 3 * 3600 + 4 * 60 + 5)).toBe('2-03:04:05');
  });

  it('turns a spec time limit into the same form, and says when there is none', () => {
    expect(formatTimeLimit('30')).toBe('30:00');
    expect(formatTimeLimit('2:00:00')).toBe('2:00:00');
    expect(formatTimeLimit('1-12:00:00')).toBe('1-12:00:00');
    expect(formatTimeLimit('UNLIMITED')).toBe('no limit');
    expect(formatTimeLimit(null)).toBeNull();
  });

  it('counts elapsed time until now while running and until the end once ended', () => {
    const now = Date.parse('2026-01-01T00:10:00Z');
    expect(elapsedSeconds({ startedAt: null, endedAt: null }, now)).toBeNull();
    expect(elapsedSeconds({ startedAt: '2026-01-01T00:00:00Z', endedAt: null }, now)).toBe(600);
    expect(elapsedSeconds({ startedAt: '2026-01-01T00:00:00Z', endedAt: '2026-01-01T00:01:00Z' }, now)).toBe(60);
  });
});
