import { ContractError, ContractErrorCode, rebuildError } from '../errors';
import { events, methods, type EventName, type EventPayload, type MethodName, type Params, type Result } from './index';
import type { ContractPort } from './port';

export type CallOptions = { signal?: AbortSignal };

let nextId = 0;
function newRequestId(): string {
  nextId = (nextId + 1) % Number.MAX_SAFE_INTEGER;
  return `${Date.now().toString(36)}-${nextId.toString(36)}`;
}

/**
 * The typed face of the contract for the renderer, the CLI and tests. Replies are checked against
 * the same schemas main used, failures come back as rebuilt AppErrors, and an AbortSignal cancels
 * the call on the other side.
 */
export class ContractClient {
  constructor(private readonly port: ContractPort) {}

  get transport() {
    return this.port.transport;
  }

  async call<M extends MethodName>(method: M, params: Params<M>, options: CallOptions = {}): Promise<Result<M>> {
    const { signal } = options;
    if (signal?.aborted) throw new ContractError(ContractErrorCode.cancelled, `${method} was cancelled.`);
    const id = newRequestId();
    const onAbort = () => this.port.cancel(id);
    signal?.addEventListener('abort', onAbort, { once: true });
    try {
      const outcome = await this.port.request(id, method, params);
      if (!outcome.ok) throw rebuildError(outcome.error);
      const checked = methods[method].result.safeParse(outcome.result);
      if (!checked.success) {
        throw new ContractError(ContractErrorCode.invalidResult, `The reply to ${method} did not match the contract.`);
      }
      return checked.data as Result<M>;
    } finally {
      signal?.removeEventListener('abort', onAbort);
    }
  }

  onDisconnect(listener: (message: string) => void): () => void {
    return this.port.onDisconnect(listener);
  }

  on<E extends EventName>(event: E, listener: (payload: EventPayload<E>) => void): () => void {
    return this.port.onEvent((name, payload) => {
      if (name !== event) return;
      const checked = events[event].payload.safeParse(payload);
      if (checked.success) listener(checked.data as EventPayload<E>);
    });
  }
}
