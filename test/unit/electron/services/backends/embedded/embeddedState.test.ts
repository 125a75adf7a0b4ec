import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { buildJob, loadState, serializeState } from '../../../../../../electron/services/backends/embedded/embeddedState';
import { StateWriter } from '../../../../../../electron/services/backends/embedded/stateWriter';

const root = mkdtempSync(join(tmpdir(), 'slurmdesk-embedded-state-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

const fields = {
  jobId: 5, clientId: 'sd-0000000000000001', name: 'n', comment: 'c', scriptCopy: '/s/5.sh', workdir: '/w', stdoutPath: '/w/o',
  stderrPath: '/w/o', cpusPerTask: 1, ntasks: 1, partition: 'embedded', timeLimitSeconds: 60, array: '0-999%2', maxParallel: 2,
  dependencies: [], submittedAt: 1,
};

describe('the state file', () => {
  it('keeps pending tasks implicit and restores them with their own ids', () => {
    const job = buildJob(fields);
    Object.assign(job.tasks[3]!, { state: 'COMPLETED', startedAt: 2, endedAt: 3, exit: { code: 0, signal: 0 } });
    const text = serializeState({ nextJobId: 1005, jobs: [job] });
    expect(text.length).toBeLessThan(1000);
    const path = join(root, 'state.json');
    writeFileSync(path, text);
    const [restored] = loadState(path).jobs;
    expect(restored!.tasks).toHaveLength(1000);
    expect(restored!.tasks[3]).toMatchObject({ index: 3, ownId: 8, state: 'COMPLETED' });
    expect(restored!.tasks[999]).toMatchObject({ index: 999, ownId: 1004, state: 'PENDING' });
    expect(restored).toMatchObject({ unfinished: 999, running: 0, committed: true });
  });

  it('starts empty without a file and refuses a damaged one', () => {
    expect(loadState(join(root, 'absent.json'))).toEqual({ nextJobId: 1, jobs: [] });
    const damaged = join(root, 'damaged.json');
    writeFileSync(damaged, '{"version":1,"nextJ');
    expect(() => loadState(damaged)).toThrow(/is damaged/);
  });
});

describe('StateWriter', () => {
  it('runs one write at a time and lets requests made meanwhile share the next one', async () => {
    let writes = 0;
    let release: () => void = () => {};
    const writer = new StateWriter(async () => {
      writes += 1;
      if (writes === 1) await new Promise<void>((resolve) => (release = resolve));
    });
    const first = writer.request();
    while (writes === 0) await Promise.resolve();
    const second = writer.request();
    const third = writer.request();
    expect(second).toBe(third);
    expect(second).not.toBe(first);
    release();
    await Promise.all([first, second, third]);
    expect(writes).toBe(2);
  });
});
