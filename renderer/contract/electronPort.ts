import type { WireResult } from '../../shared/contract/frames';
import type { ContractPort } from '../../shared/contract/port';
import { ContractError, ContractErrorCode, serializeError } from '../../shared/errors';

/** The narrow API the preload script exposes on `window.slurmdesk` (see electron/preload). */
export type DesktopBridge = {
  methods: Record<string, (requestId: string, params: unknown) => Promise<WireResult>>;
  cancel(requestId: string): void;
  onEvent(listener: (event: string, payload: unknown) => void): () => void;
};

export function desktopBridge(): DesktopBridge | undefined {
  return (window as unknown as { slurmdesk?: DesktopBridge }).slurmdesk;
}

export function electronPort(bridge: DesktopBridge): ContractPort {
  return {
    transport: 'electron',
    request(id, method, params) {
      const call = Object.hasOwn(bridge.methods, method) ? bridge.methods[method] : undefined;
      if (!call) {
        const error = new ContractError(ContractErrorCode.unknownMethod, `Unknown method ${JSON.stringify(method)}.`);
        return Promise.resolve({ ok: false, error: serializeError(error) });
      }
      return call(id, params);
    },
    cancel: (id) => bridge.cancel(id),
    onEvent: (listener) => bridge.onEvent(listener),
    // The window and main live and die together: there is no link to lose.
    onDisconnect: () => () => {},
  };
}
