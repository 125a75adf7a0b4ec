import { describe, expect, it } from 'vitest';
import { dependencyVerdict } from '../../../../../../electron/services/backends/embedded/dependencies';
import { pendingTask, type Task } from '../../../../../../electron/services/backends/embedded/embeddedState';
import type { JobState } from '../../../../../../shared/jobs/jobState';

const tasks = (...states: JobState[]): Task[] => states.map((state, index) => ({ ...pendingTask(index, 100 + index), state }));

describe('dependencyVerdict', () => {
  it('after: every task started or ended', () => {
    expect(dependencyVerdict('after', tasks('RUNNING', 'PENDING'))).toBe('waiting');
    expect(dependencyVerdict('after', tasks('RUNNING', 'CANCELLED'))).toBe('satisfied');
  });

  it('afterany: every task ended, however', () => {
    expect(dependencyVerdict('afterany', tasks('FAILED', 'RUNNING'))).toBe('waiting');
    expect(dependencyVerdict('afterany', tasks('FAILED', 'TIMEOUT', 'LOST'))).toBe('satisfied');
  });

  it('afterok: all of an array completed; one failure and never', () => {
    expect(dependencyVerdict('afterok', tasks('COMPLETED', 'RUNNING'))).toBe('waiting');
    expect(dependencyVerdict('afterok', tasks('COMPLETED', 'COMPLETED'))).toBe('satisfied');
    expect(dependencyVerdict('afterok', tasks('TIMEOUT', 'RUNNING'))).toBe('never');
  });

  it('afternotok: all ended and at least one did not complete', () => {
    expect(dependencyVerdict('afternotok', tasks('FAILED', 'RUNNING'))).toBe('waiting');
    expect(dependencyVerdict('afternotok', tasks('FAILED', 'COMPLETED'))).toBe('satisfied');
    expect(dependencyVerdict('afternotok', tasks('COMPLETED'))).toBe('never');
  });
});
