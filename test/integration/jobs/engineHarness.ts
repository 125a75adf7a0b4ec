import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { EventHub } from '../../../shared/contract/eventHub';
import type { JobRecord, JobSummary } from '../../../shared/jobs/jobRecord';
import type { JobSpecInput } from '../../../shared/jobs/jobSpec';
import { isTerminal } from '../../../shared/jobs/jobState';
import { openAppServices, type AppServices } from '../../../electron/services/appServices';
import { silentLogger } from '../../../electron/services/log';

export const repoRoot = join(import.meta.dirname, '..', '..', '..');

/** The app's real services over a scratch data folder, job folders in a scratch base. */
export type EngineHarness = {
  services: AppServices;
  dataDir: string;
  workDir: string;
  events: JobSummary[][];
  submit(spec: Omit<JobSpecInput, 'cluster'>): Promise<JobRecord>;
  waitForEnd(id: string, timeoutMs?: number): Promise<JobRecord>;
  writeFile(name: string, content: string): string;
  close(): Promise<void>;
};

export function openHarness(cluster: string): EngineHarness {
  const dataDir = mkdtempSync(join(tmpdir(), `slurmdesk-engine-${cluster}-`));
  const workDir = mkdtempSync(join(tmpdir(), 'slurmdesk-work-'));
  const hub = new EventHub();
  const events: JobSummary[][] = [];
  hub.subscribe((event, payload) => {
    if (event === 'jobs.changed') events.push((payload as { jobs: JobSummary[] }).jobs);
  });
  const services = openAppServices({ dataDir, electronVersion: null, openExternal: async () => false, hub, log: silentLogger, backgroundRefresh: false });
  services.settings.write({ jobBaseDir: join(dataDir, 'jobs') });
  return {
    services,
    dataDir,
    workDir,
    events,
    submit: (spec) => services.engine.submit({ ...spec, cluster }),
    async waitForEnd(id, timeoutMs = 90_000) {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        const record = services.engine.get(id);
        if (isTerminal(record.state)) return record;
        if (Date.now() > deadline) throw new Error(`job ${id} still ${record.state} after ${timeoutMs} ms (${record.reason ?? 'no reason'})`);
        await new Promise((resolve) => setTimeout(resolve, 300));
        await services.tracker.refresh(record.cluster);
      }
    },
    writeFile(name, content) {
      const path = join(workDir, name);
      mkdirSync(join(path, '..'), { recursive: true });
      writeFileSync(path, content);
      return path;
    },
    close: () => services.close(),
  };
}
