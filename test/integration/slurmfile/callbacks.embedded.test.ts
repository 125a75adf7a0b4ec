import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CallbackEvent } from '../../../shared/slurmfile/callbackEvents';
import { openHarness, type EngineHarness } from '../jobs/engineHarness';

// Callbacks that misbehave in every way, beside one that records: the job is still tracked to
// its end, and the recorder hears every event of it, in order.
const hooks = {
  'hooks/recorder.mjs': `import { appendFileSync } from 'node:fs';
export class Recorder {
  constructor(path, kwargs) { this.path = path; this.label = kwargs.label; }
  onEvent(event) { appendFileSync(this.path, JSON.stringify({ ...event, label: this.label }) + '\\n'); }
}`,
  'hooks/bad.mjs': `export class Thrower { onEvent() { throw new Error('callback failure'); } }
export function hang() { for (;;) {} }
export async function never() { await new Promise(() => {}); }
export function leave() { process.exit(7); }`,
  'work.py': 'def double(x):\n    import time\n    time.sleep(1)\n    return x * 2\n',
};

const slurmfile = (eventsPath: string) => `[default.cluster]
backend = "embedded"

[default.submit]
time = "0:30"

[default.templates.double]
description = "Doubles a number"
python = "work.py:double"
args = [21]

[[default.callbacks]]
target = "./hooks/bad.mjs:Thrower"

[[default.callbacks]]
target = "./hooks/bad.mjs:hang"
timeout_ms = 300

[[default.callbacks]]
target = "./hooks/bad.mjs:never"
timeout_ms = 300

[[default.callbacks]]
target = "./hooks/bad.mjs:leave"

[[default.callbacks]]
target = "./hooks/recorder.mjs:Recorder"
args = [${JSON.stringify(eventsPath)}]
kwargs = { label = "rec" }
`;

describe('Slurmfile callbacks on the embedded executor', () => {
  let harness: EngineHarness;
  beforeAll(() => {
    harness = openHarness('embedded');
  });
  afterAll(() => harness.close());

  it('tells a callback module every event of a job from submit to completion, in order, while bad callbacks change nothing', async () => {
    const eventsPath = join(harness.workDir, 'events.jsonl');
    for (const [name, content] of Object.entries(hooks)) harness.writeFile(name, content);
    const file = harness.writeFile('Slurmfile', slurmfile(eventsPath));
    writeFileSync(eventsPath, '');
    const service = harness.services.slurmfiles;
    const view = service.open(harness.workDir);
    expect(view.problems).toEqual([]);
    service.trust(file, view.sha256);

    const spec = service.template(file, 'default', 'double');
    const record = await service.submit({ file, environment: 'default', template: 'double', spec });
    const ended = await harness.waitForEnd(record.id, 60_000);
    expect(ended.state).toBe('COMPLETED');
    // Closing lets queued events reach their callbacks, each within its time limit.
    await harness.close();

    const events = readFileSync(eventsPath, 'utf8').trim().split('\n').map((line) => JSON.parse(line) as CallbackEvent & { label: string });
    const names = events.map((event) => event.event);
    expect(names.slice(0, 2)).toEqual(['submitBegin', 'submitEnd']);
    expect(names.slice(-2)).toEqual(['runEnd', 'completed']);
    expect(names.filter((name) => name === 'runBegin')).toHaveLength(1);
    expect(names.indexOf('runBegin')).toBeLessThan(names.indexOf('runEnd'));
    // Status changes chain: each starts where the last one ended, from PENDING to COMPLETED.
    const changes = events.filter((event) => event.event === 'statusChange');
    expect(changes.length).toBeGreaterThan(0);
    expect(changes[0]!.previousState).toBe('PENDING');
    expect(changes.at(-1)!.state).toBe('COMPLETED');
    changes.slice(1).forEach((change, index) => expect(change.previousState).toBe(changes[index]!.state));

    expect(events[0]).toMatchObject({ jobId: null, name: 'double', cluster: 'embedded', template: 'double', environment: 'default', slurmfile: file, label: 'rec' });
    const completed = events.at(-1)!;
    expect(completed).toMatchObject({ jobId: record.id, slurmId: record.slurmId, state: 'COMPLETED', exitCode: 0, jobDir: record.jobDir });
    expect(JSON.parse(readFileSync(completed.resultPath!, 'utf8'))).toBe(42);
    expect(events.every((event) => event.jobId === null || event.jobId === record.id)).toBe(true);
  });
});
