import type { TransportKind } from '../app/appInfo';
import { ContractError, ContractErrorCode, type SerializedError, serializeError } from '../errors';
import { ServerFrameSchema, type ClientFrame, type WireResult } from './frames';
import type { ContractPort } from './port';

/**
 * The client half of a frame transport: matches replies to requests by id and hands events to
 * listeners. The owner feeds it received text and tells it when the connection is gone.
 */
export class FramePort implements ContractPort {
  private readonly pending = new Map<string, (result: WireResult) => void>();
  private readonly listeners = new Set<(event: string, payload: unknown) => void>();
  private readonly errorListeners = new Set<(error: SerializedError) => void>();
  private readonly disconnectListeners = new Set<(message: string) => void>();
  private disconnectedBy: ContractError | null = null;

  constructor(
    readonly transport: TransportKind,
    private readonly send: (text: string) => void,
  ) {}

  request(id: string, method: string, params: unknown): Promise<WireResult> {
    if (this.disconnectedBy) return Promise.resolve({ ok: false, error: serializeError(this.disconnectedBy) });
    return new Promise((resolve) => {
      this.pending.set(id, resolve);
      this.write({ kind: 'request', id, method, params });
    });
  }

  cancel(id: string): void {
    if (this.pending.has(id)) this.write({ kind: 'cancel', id });
  }

  onEvent(listener: (event: string, payload: unknown) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  onDisconnect(listener: (message: string) => void): () => void {
    this.disconnectListeners.add(listener);
    return () => this.disconnectListeners.delete(listener);
  }

  /** Errors the server sent without a request id (a frame it could not read). */
  onFrameError(listener: (error: SerializedError) => void): () => void {
    this.errorListeners.add(listener);
    return () => this.errorListeners.delete(listener);
  }

  receive(text: string): void {
    let frame;
    try {
      frame = ServerFrameSchema.parse(JSON.parse(text));
    } catch {
      return; // A server that speaks garbage is not ours; nothing sensible to do with it.
    }
    switch (frame.kind) {
      case 'response': {
        const resolve = this.pending.get(frame.id);
        this.pending.delete(frame.id);
        resolve?.(frame.ok ? { ok: true, result: frame.result } : { ok: false, error: frame.error });
        return;
      }
      case 'event':
        for (const listener of this.listeners) listener(frame.event, frame.payload);
        return;
      case 'error':
        for (const listener of this.errorListeners) listener(frame.error);
        return;
    }
  }

  /** The connection is gone: every pending call fails with a clear error, later calls too. */
  disconnect(reason: string): void {
    if (this.disconnectedBy) return;
    this.disconnectedBy = new ContractError(ContractErrorCode.disconnected, reason);
    for (const listener of this.disconnectListeners) listener(reason);
    const error = serializeError(this.disconnectedBy);
    for (const resolve of this.pending.values()) resolve({ ok: false, error });
    this.pending.clear();
  }

  private write(frame: ClientFrame): void {
    try {
      this.send(JSON.stringify(frame));
    } catch (cause) {
      const resolve = 'id' in frame ? this.pending.get(frame.id) : undefined;
      if (frame.kind === 'request' && resolve) {
        this.pending.delete(frame.id);
        const message = cause instanceof Error ? cause.message : String(cause);
        resolve({
          ok: false,
          error: serializeError(new ContractError(ContractErrorCode.malformedFrame, `Could not send ${frame.method}: ${message}`)),
        });
      }
    }
  }
}
