import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { JobRecord } from '../../../../../shared/jobs/jobRecord';
import { JobSpecSchema } from '../../../../../shared/jobs/jobSpec';
import { defaultAppSettings } from '../../../../../shared/settings/appSettings';
import { JobEngine } from '../../../../../electron/services/jobs/jobEngine';
import { JobJournal } from '../../../../../electron/services/jobs/journal';
import { silentLogger } from '../../../../../electron/services/log';

const spec = JobSpecSchema.parse({ name: 'run', cluster: 'hpc', task: { kind: 'script', body: 'true' }, resources: { time: '2:00:00', nodes: 3 } });

/** Twelve jobs, several submitted in the same second (ties are where paging goes wrong). */
function record(index: number): JobRecord {
  return {
    id: `sd-${index.toString(16).padStart(16, '0')}`,
    name: `run-${index}`,
    cluster: index % 2 === 0 ? 'hpc' : 'gpu',
    slurmId: String(100 + index),
    state: 'PENDING',
    reason: null,
    exit: null,
    jobDir: `/home/u/slurm_jobs/run/${index}`,
    submittedAt: new Date(Date.UTC(2026, 10, 26, 0, 0, Math.floor(index / 3))).toISOString(),
    startedAt: null,
    endedAt: null,
    tasks: null,
    cancelRequestedAt: null,
    spec,
  };
}

function engineWith(count: number): JobEngine {
  const journal = new JobJournal(join(mkdtempSync(join(tmpdir(), 'slurmdesk-pages-')), 'jobs.jsonl'));
  for (let index = 0; index < count; index += 1) journal.create(record(index));
  return new JobEngine({ journal, backend: () => { throw new Error('no backend in this test'); }, settings: () => defaultAppSettings, onChanged: () => {}, log: silentLogger });
}

describe('jobs.list pages', () => {
  it('gives every job exactly once across pages, newest first, ties broken by id', () => {
    const engine = engineWith(12);
    const pages = [0, 5, 10].map((offset) => engine.page({}, offset, 5));
    expect(pages.map((page) => page.total)).toEqual([12, 12, 12]);
    const ids = pages.flatMap((page) => page.jobs.map((job) => job.id));
    expect(ids).toEqual(Array.from({ length: 12 }, (_, index) => record(11 - index).id));
  });

  it('carries the time limit and node count of the spec, not the spec', () => {
    const [job] = engineWith(1).page({}, 0, 1).jobs;
    expect(job).toMatchObject({ timeLimit: '2:00:00', nodes: 3 });
    expect(job).not.toHaveProperty('spec');
  });

  it('sees a change made after an earlier page was served, and filters by cluster and state', () => {
    const engine = engineWith(12);
    expect(engine.page({}, 0, 1).jobs[0]!.state).toBe('PENDING');
    engine.update([{ id: record(11).id, patch: { state: 'RUNNING' } }]);
    expect(engine.page({}, 0, 1).jobs[0]!.state).toBe('RUNNING');
    expect(engine.page({ states: ['RUNNING'] }, 0, 10).jobs.map((job) => job.id)).toEqual([record(11).id]);
    expect(engine.page({ cluster: 'hpc' }, 0, 100).total).toBe(6);
  });
});
