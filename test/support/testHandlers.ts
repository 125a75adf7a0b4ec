import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Dispatcher, type Handlers } from '../../shared/contract/dispatcher';
import { EventHub } from '../../shared/contract/eventHub';
import { openAppServices } from '../../electron/services/appServices';
import { silentLogger } from '../../electron/services/log';

/** The real handlers over a scratch data folder, with hooks a test may override. */
export function realDispatcher(overrides: Partial<Handlers> = {}, onInternalError?: (method: string, error: unknown) => void) {
  const hub = new EventHub();
  const dataDir = mkdtempSync(join(tmpdir(), 'slurmdesk-test-data-'));
  const services = openAppServices({ dataDir, electronVersion: null, openExternal: async () => false, hub, log: silentLogger, backgroundRefresh: false });
  const dispatcher = new Dispatcher({ ...services.handlers, ...overrides }, onInternalError ? { onInternalError } : {});
  return { hub, dispatcher, dataDir, services };
}
