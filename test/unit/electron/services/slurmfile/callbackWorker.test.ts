import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { CallbackEvent } from '../../../../../shared/slurmfile/callbackEvents';
import { cliBundlePath } from '../../../../../electron/services/backends/clusterBackends';
import { bundleCallback, storeBundle } from '../../../../../electron/services/slurmfile/callbackBundle';
import { CallbackWorker, type PinnedCallbackSpec } from '../../../../../electron/services/slurmfile/callbackWorker';
import type { Logger } from '../../../../../electron/services/log';
import { project } from './slurmfileFixtures';

// Each module appends what it received to a file named by its first argument, then misbehaves.
const record = `import { appendFileSync } from 'node:fs';
const note = (file, event) => appendFileSync(file, event.event + ' ' + event.jobId + '\\n');`;
const modules = {
  'good.mjs': `${record}
export class Recorder { constructor(file, kwargs) { this.file = file; this.kwargs = kwargs; } onEvent(event) { note(this.file, event); } }
export function recordFn(event, file) { note(file, event); }`,
  'throws.mjs': `${record}
export class Thrower { constructor(file) { this.file = file; } onStatusChange(event) { note(this.file, event); throw new Error('boom'); } }`,
  'hangs.mjs': `${record}
export function hang(event, file) { note(file, event); for (;;) {} }`,
  'exits.mjs': `${record}
export function leave(event, file) { note(file, event); process.exit(3); }`,
  'not-callable.mjs': 'export const Hook = 42;\n',
  'imported.mjs': `import { writeFileSync } from 'node:fs';
writeFileSync(new URL('./imported.ran', import.meta.url), 'ran');
export function hook() {}`,
};

const workers: CallbackWorker[] = [];
afterEach(async () => {
  await Promise.all(workers.splice(0).map((worker) => worker.close(0)));
});

function setup() {
  const root = project(modules);
  const warnings: string[] = [];
  const log: Logger = { info() {}, warn: (message) => warnings.push(message), error: (message) => warnings.push(message) };
  const dataDir = mkdtempSync(join(tmpdir(), 'slurmdesk-callback-bundles-'));
  const worker = (file: string, exportName: string, timeoutMs = 2000, pinnedSha256?: string) => {
    // The bundle trust would pin; `pinnedSha256` stands for a trust record naming other code.
    const bundle = bundleCallback(join(root, file), `./${file}:${exportName}`);
    const bundlePath = storeBundle(dataDir, bundle);
    const spec: PinnedCallbackSpec = {
      target: `./${file}:${exportName}`, where: `${root}/Slurmfile:3:1`, modulePath: join(root, file), sha256: createHash('sha256').update(readFileSync(join(root, file))).digest('hex'), exportName,
      args: [join(root, `${exportName}.log`)], kwargs: { k: 1 }, timeoutMs, bundlePath, bundleSha256: pinnedSha256 ?? bundle.sha256,
    };
    const made = new CallbackWorker(spec, { modulePath: cliBundlePath() }, log);
    workers.push(made);
    return made;
  };
  const received = (exportName: string) => {
    try {
      return readFileSync(join(root, `${exportName}.log`), 'utf8').trim().split('\n');
    } catch {
      return [];
    }
  };
  return { root, worker, received, warnings };
}

const event = (name: CallbackEvent['event'], jobId: string): CallbackEvent => ({
  event: name, at: new Date().toISOString(), slurmfile: '/p/Slurmfile', environment: 'default', template: null, jobId, slurmId: '1', name: 'job',
  cluster: 'embedded', state: 'RUNNING', previousState: 'PENDING', exitCode: null, submittedAt: null, startedAt: null, endedAt: null, jobDir: '/j', resultPath: null, reason: null,
});

const sequence = (jobId: string) => (['submitBegin', 'submitEnd', 'statusChange', 'runBegin', 'runEnd', 'completed'] as const).map((name) => event(name, jobId));

describe('Slurmfile callbacks run in their own process', () => {
  it('delivers events in order to a class (instantiated with args and kwargs) and to a function', async () => {
    const { worker, received } = setup();
    const recorder = worker('good.mjs', 'Recorder');
    const fn = worker('good.mjs', 'recordFn');
    await Promise.all(sequence('sd-1').flatMap((item) => [recorder.deliver(item), fn.deliver(item)]));
    const expected = sequence('sd-1').map((item) => `${item.event} sd-1`);
    expect(received('Recorder')).toEqual(expected);
    expect(received('recordFn')).toEqual(expected);
  });

  it('logs a callback that throws and keeps delivering to it', async () => {
    const { worker, received, warnings } = setup();
    const thrower = worker('throws.mjs', 'Thrower');
    for (const jobId of ['sd-1', 'sd-2']) await thrower.deliver(event('statusChange', jobId));
    expect(received('Thrower')).toEqual(['statusChange sd-1', 'statusChange sd-2']);
    expect(warnings).toEqual([expect.stringContaining('Error: boom'), expect.stringContaining('Error: boom')]);
  });

  it('stops a callback that never returns after its time limit, restarts it for the next event, and other callbacks are not held up', async () => {
    const { worker, received, warnings } = setup();
    const hanging = worker('hangs.mjs', 'hang', 2500);
    const recorder = worker('good.mjs', 'Recorder');
    let hangingDone = false;
    const bad = Promise.all([hanging.deliver(event('statusChange', 'sd-1')), hanging.deliver(event('completed', 'sd-1'))]).then(() => (hangingDone = true));
    await Promise.all(sequence('sd-1').map((item) => recorder.deliver(item)));
    // The recorder finished while the hanging callback was still within its first time limit.
    expect(hangingDone).toBe(false);
    expect(received('Recorder')).toHaveLength(6);
    await bad;
    expect(received('hang')).toEqual(['statusChange sd-1', 'completed sd-1']);
    expect(warnings.filter((message) => message.includes('took longer than 2500 ms'))).toHaveLength(2);
  });

  it('survives a callback that calls process.exit: its process is started again for each event', async () => {
    const { worker, received, warnings } = setup();
    const leaving = worker('exits.mjs', 'leave');
    for (const item of sequence('sd-9').slice(0, 3)) await leaving.deliver(item);
    expect(received('leave')).toEqual(['submitBegin sd-9', 'submitEnd sd-9', 'statusChange sd-9']);
    expect(warnings.filter((message) => message.includes('exited (code 3)'))).toHaveLength(3);
  });

  it('refuses a target export that is not a class or a function, with the place in the Slurmfile', async () => {
    const { worker } = setup();
    await expect(worker('not-callable.mjs', 'Hook').load()).rejects.toThrow(/Slurmfile:3:1: callback \.\/not-callable\.mjs:Hook cannot be loaded: .*Hook in .* is a number; a callback target is a class or a function/);
    await expect(worker('good.mjs', 'Missing').load()).rejects.toThrow(/Slurmfile:3:1: .*has no export named Missing/);
  });

  it('imports nothing whose bytes are not the ones trusted, and says so', async () => {
    const { root, worker } = setup();
    await expect(worker('imported.mjs', 'hook', 2000, '0'.repeat(64)).load()).rejects.toThrow(/the code pinned for .*imported\.mjs \(.*\.mjs\) changed since its Slurmfile was trusted \(SHA-256 now [0-9a-f]{64}, trusted 0{64}\); trust the Slurmfile again/);
    expect(existsSync(join(root, 'imported.ran'))).toBe(false);
    await worker('imported.mjs', 'hook').load();
    expect(existsSync(join(root, 'imported.ran'))).toBe(true);
  });
});
