import { Dispatcher, type Handlers } from '../../shared/contract/dispatcher';
import { EventHub } from '../../shared/contract/eventHub';
import { createHandlers } from '../../electron/services/createHandlers';

/** The real handlers over a scratch data folder, with hooks a test may override. */
export function realDispatcher(overrides: Partial<Handlers> = {}, onInternalError?: (method: string, error: unknown) => void) {
  const hub = new EventHub();
  const handlers = {
    ...createHandlers({ dataDir: '/tmp/slurmdesk-test-data', electronVersion: null, openExternal: async () => false }),
    ...overrides,
  };
  const dispatcher = new Dispatcher(handlers, onInternalError ? { onInternalError } : {});
  return { hub, dispatcher };
}
