import { describe, expect, it } from 'vitest';
import { JobEndWatcher } from '../../../../shared/jobs/jobEndWatcher';
import type { JobSummary } from '../../../../shared/jobs/jobRecord';
import type { JobState } from '../../../../shared/jobs/jobState';

function job(id: string, state: JobState): JobSummary {
  return {
    id,
    name: `job-${id.slice(-2)}`,
    cluster: 'embedded',
    slurmId: '42',
    state,
    reason: null,
    exit: null,
    jobDir: '/tmp/x',
    submittedAt: '2026-11-26T10:00:00.000Z',
    startedAt: null,
    endedAt: null,
    tasks: null,
    cancelRequestedAt: null,
    timeLimit: null,
    nodes: null,
  };
}

const ids = (jobs: JobSummary[]) => jobs.map((item) => item.id);

describe('JobEndWatcher', () => {
  it('announces a job seen running that then ends, in every ended state, once', () => {
    for (const ended of ['COMPLETED', 'FAILED', 'CANCELLED', 'TIMEOUT', 'OUT_OF_MEMORY', 'NODE_FAIL', 'SUBMIT_FAILED', 'LOST'] as const) {
      const watcher = new JobEndWatcher();
      watcher.seed([job('sd-00000000000000a1', 'RUNNING')]);
      expect(ids(watcher.changed([job('sd-00000000000000a1', ended)])), ended).toEqual(['sd-00000000000000a1']);
      expect(watcher.changed([job('sd-00000000000000a1', ended)])).toEqual([]);
    }
  });

  it('never announces jobs that had already ended at load', () => {
    const watcher = new JobEndWatcher();
    watcher.seed([job('sd-00000000000000a1', 'COMPLETED'), job('sd-00000000000000a2', 'FAILED')]);
    expect(watcher.changed([job('sd-00000000000000a1', 'COMPLETED'), job('sd-00000000000000a2', 'FAILED')])).toEqual([]);
  });

  it('does not announce a job that is still going', () => {
    const watcher = new JobEndWatcher();
    watcher.seed([job('sd-00000000000000a1', 'PENDING')]);
    expect(watcher.changed([job('sd-00000000000000a1', 'RUNNING'), job('sd-00000000000000a1', 'COMPLETING')])).toEqual([]);
  });

  it('announces a job submitted after load that ends', () => {
    const watcher = new JobEndWatcher();
    watcher.seed([]);
    expect(watcher.changed([job('sd-00000000000000b1', 'SUBMITTING')])).toEqual([]);
    expect(ids(watcher.changed([job('sd-00000000000000b1', 'COMPLETED')]))).toEqual(['sd-00000000000000b1']);
  });

  it('holds events that arrive before the load list and judges them against it', () => {
    const watcher = new JobEndWatcher();
    expect(watcher.changed([job('sd-00000000000000a1', 'COMPLETED'), job('sd-00000000000000a2', 'FAILED')])).toEqual([]);
    const replayed = watcher.seed([job('sd-00000000000000a1', 'RUNNING'), job('sd-00000000000000a2', 'FAILED')]);
    expect(ids(replayed)).toEqual(['sd-00000000000000a1']);
  });
});
