import type { TransportKind } from '../app/appInfo';
import type { WireResult } from './frames';

/**
 * What a client needs of a transport. Electron's preload, the browser-mode socket and the
 * in-memory pipe each provide one; ContractClient is written once on top of it.
 */
export interface ContractPort {
  readonly transport: TransportKind;
  request(id: string, method: string, params: unknown): Promise<WireResult>;
  cancel(id: string): void;
  onEvent(listener: (event: string, payload: unknown) => void): () => void;
  /** Told once when the link is gone for good (the browser-mode socket closed); Electron never is. */
  onDisconnect(listener: (message: string) => void): () => void;
}
