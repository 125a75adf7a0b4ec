import { join } from 'node:path';
import type { Handlers } from '../../shared/contract/dispatcher';
import type { EventHub } from '../../shared/contract/eventHub';
import { createAppHandlers, type AppHandlerDeps } from './app/appHandlers';
import { ClusterBackends } from './backends/clusterBackends';
import { ChangeBatcher } from './jobs/changeBatcher';
import { createJobHandlers } from './jobs/jobHandlers';
import { JobEngine } from './jobs/jobEngine';
import { JobTracker } from './jobs/jobTracker';
import { JobJournal } from './jobs/journal';
import { RefreshLoop } from './jobs/refreshLoop';
import type { Logger } from './log';
import { openNodeSettings, SettingsStore, type SettingsBackend } from './settings/settingsStore';

export type AppServicesOptions = AppHandlerDeps & {
  hub: EventHub;
  log: Logger;
  /** electron-store in the desktop app; conf in the data folder otherwise. */
  settingsBackend?: SettingsBackend;
  /** The CLI refreshes on demand instead of in the background. */
  backgroundRefresh?: boolean;
  resubmitAfterMs?: number;
};

export type AppServices = {
  handlers: Handlers;
  engine: JobEngine;
  tracker: JobTracker;
  settings: SettingsStore;
  backend: ClusterBackends['get'];
  close(): Promise<void>;
};

/** Every service of one app instance (desktop, browser mode or CLI), wired once. */
export function openAppServices(options: AppServicesOptions): AppServices {
  const { dataDir, hub, log } = options;
  const settings = options.settingsBackend ? new SettingsStore(options.settingsBackend) : openNodeSettings(dataDir);
  const backends = new ClusterBackends(dataDir);
  const journal = new JobJournal(join(dataDir, 'journal', 'jobs.jsonl'));
  for (const skipped of journal.loadReport.skippedLines) log.warn(`journal line ${skipped.line} skipped: ${skipped.reason}`);
  const batcher = new ChangeBatcher((jobs) => hub.emit('jobs.changed', { jobs }));
  const engine = new JobEngine({ journal, backend: backends.get, settings: () => settings.read(), onChanged: (jobs) => batcher.add(jobs), log, ...(options.resubmitAfterMs === undefined ? {} : { resubmitAfterMs: options.resubmitAfterMs }) });
  const tracker = new JobTracker(engine, backends.get, log);
  const loop = new RefreshLoop(tracker, engine, log);
  if (options.backgroundRefresh !== false) {
    void engine.recover().catch((error: unknown) => log.error('recovering interrupted submissions failed', error));
    loop.start();
  }
  return {
    handlers: { ...createAppHandlers(options), ...createJobHandlers(engine, backends.get, () => loop.nudge()) },
    engine,
    tracker,
    settings,
    backend: backends.get,
    close: async () => {
      loop.stop();
      batcher.flush();
      await backends.closeAll();
    },
  };
}
