import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { EventHub } from '../../../shared/contract/eventHub';
import type { JobSummary } from '../../../shared/jobs/jobRecord';
import { openAppServices, type AppServices } from '../../../electron/services/appServices';
import { silentLogger } from '../../../electron/services/log';

// The app and the CLI on one data folder: what one submits or cancels, the other shows and
// announces (jobs.changed) without a reload. Both are the real services on the embedded executor.
const dataDir = mkdtempSync(join(tmpdir(), 'slurmdesk-shared-journal-'));
const opened: AppServices[] = [];
afterAll(async () => {
  for (const services of opened) await services.close();
});

function open(backgroundRefresh: boolean, hub = new EventHub()): AppServices {
  const services = openAppServices({ dataDir, electronVersion: null, openExternal: async () => false, hub, log: silentLogger, backgroundRefresh });
  services.settings.write({ jobBaseDir: join(dataDir, 'jobs') });
  opened.push(services);
  return services;
}

async function until<T>(what: string, probe: () => T | undefined, timeoutMs = 5_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`${what}: not within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

describe('two processes on one journal', () => {
  it('the app announces jobs the other submits and cancels, and tracks them to their end', async () => {
    const hub = new EventHub();
    const seen: { at: number; job: JobSummary }[] = [];
    hub.subscribe((event, payload) => {
      if (event === 'jobs.changed') for (const job of (payload as { jobs: JobSummary[] }).jobs) seen.push({ at: Date.now(), job });
    });
    const app = open(true, hub);
    const cli = open(false);

    const submittedAt = Date.now();
    const long = await cli.engine.submit({ name: 'from-cli', cluster: 'embedded', task: { kind: 'script', body: 'sleep 30' } });
    const announced = await until('the submission announced', () => seen.find(({ job }) => job.id === long.id));
    expect(announced.at - submittedAt).toBeLessThan(1_000);
    expect(app.engine.get(long.id).name).toBe('from-cli');

    // The app tracks it from then on (its refresh loop was idle: nothing of its own was active).
    await until('the job seen running by the app', () => seen.find(({ job }) => job.id === long.id && job.state === 'RUNNING'), 15_000);

    await cli.engine.cancel([long.id]);
    await until('the cancel announced', () => seen.find(({ job }) => job.id === long.id && job.cancelRequestedAt !== null));
    await until('the job settled as cancelled by the app', () => seen.find(({ job }) => job.id === long.id && job.state === 'CANCELLED'), 15_000);
  }, 60_000);
});
