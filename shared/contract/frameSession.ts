import type { TransportKind } from '../app/appInfo';
import { ContractError, ContractErrorCode, serializeError } from '../errors';
import { CallerHandle } from './caller';
import type { Dispatcher } from './dispatcher';
import type { EventHub } from './eventHub';
import { ClientFrameSchema, type ServerFrame } from './frames';

/** More concurrent calls than any window makes; a flood beyond it is refused, not queued. */
export const maxInFlightPerSession = 256;

/**
 * One connected window on a frame transport (the browser-mode socket, the in-memory pipe): turns
 * text frames into dispatches, tracks in-flight calls so they can be cancelled, and forwards
 * events. A bad frame gets an error frame back; the session and the server keep going.
 */
export class FrameSession {
  private readonly inFlight = new Map<string, AbortController>();
  private readonly unsubscribe: () => void;
  private closed = false;
  private readonly caller = new CallerHandle(newCallerId());

  constructor(
    private readonly dispatcher: Dispatcher,
    private readonly send: (text: string) => void,
    private readonly transport: TransportKind,
    hub: EventHub,
  ) {
    this.unsubscribe = hub.subscribe((event, payload, to) => {
      if (to === null || to === this.caller.id) this.emit({ kind: 'event', event, payload });
    });
  }

  receive(text: string): void {
    if (this.closed) return;
    let raw: unknown;
    try {
      raw = JSON.parse(text);
    } catch {
      this.emitError(new ContractError(ContractErrorCode.malformedFrame, 'The frame is not valid JSON.'));
      return;
    }
    const frame = ClientFrameSchema.safeParse(raw);
    if (!frame.success) {
      this.emitError(
        new ContractError(
          ContractErrorCode.malformedFrame,
          'The frame is not a request or a cancel: expected {kind, id, method, params} or {kind: "cancel", id}.',
        ),
      );
      return;
    }
    if (frame.data.kind === 'cancel') {
      this.inFlight.get(frame.data.id)?.abort();
      return;
    }
    void this.handleRequest(frame.data.id, frame.data.method, frame.data.params);
  }

  close(): void {
    if (this.closed) return;
    this.closed = true;
    this.unsubscribe();
    for (const controller of this.inFlight.values()) controller.abort();
    this.inFlight.clear();
    this.caller.gone();
  }

  private async handleRequest(id: string, method: string, params: unknown): Promise<void> {
    if (this.inFlight.has(id)) {
      this.respondError(id, new ContractError(ContractErrorCode.malformedFrame, `Request id ${id} is already in use.`));
      return;
    }
    if (this.inFlight.size >= maxInFlightPerSession) {
      this.respondError(
        id,
        new ContractError(ContractErrorCode.malformedFrame, `Too many calls in flight (limit ${maxInFlightPerSession}).`),
      );
      return;
    }
    const controller = new AbortController();
    this.inFlight.set(id, controller);
    try {
      const outcome = await this.dispatcher.dispatch(method, params, {
        signal: controller.signal,
        transport: this.transport,
        caller: this.caller,
      });
      this.emit({ kind: 'response', id, ...outcome });
    } finally {
      this.inFlight.delete(id);
    }
  }

  private respondError(id: string, error: ContractError): void {
    this.emit({ kind: 'response', id, ok: false, error: serializeError(error) });
  }

  private emitError(error: ContractError): void {
    this.emit({ kind: 'error', error: serializeError(error) });
  }

  private emit(frame: ServerFrame): void {
    if (!this.closed) this.send(JSON.stringify(frame));
  }
}

// Unique in this process is enough: a window never names its own caller, the transport does.
let sessions = 0;
function newCallerId(): string {
  sessions += 1;
  return `session-${sessions}`;
}
