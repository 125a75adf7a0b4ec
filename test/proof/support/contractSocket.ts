import WebSocket from 'ws';
import { rpcSubprotocol, sessionCookieName } from '../../../shared/contract/browserMode';
import type { AppUnderAttack } from './appProcess';

export type CallOutcome<T> = { ok: boolean; result?: T; error?: { code: string; message: string }; ms: number };

export type ContractSocket = {
  /** One request; resolves with the reply and its round-trip time (never rejects on a refusal). */
  call<T = unknown>(method: string, params: unknown, timeoutMs?: number): Promise<CallOutcome<T>>;
  /** Event frames as they arrived, by event name. */
  events: Map<string, number>;
  close(): void;
};

/**
 * The app's browser-mode socket, as its page opens it (session cookie and Origin), with replies matched to
 * their request as they arrive: round trips are timed to the millisecond, not to a polling step.
 */
export async function openContractSocket(app: AppUnderAttack, options: { maxPayload?: number } = {}): Promise<ContractSocket> {
  const socket = new WebSocket(`ws://127.0.0.1:${app.port}/rpc`, [rpcSubprotocol], {
    origin: app.origin,
    headers: { Cookie: `${sessionCookieName(app.port)}=${app.token}` },
    // Chromium takes frames of any size; the ws client stops at 100 MB unless told otherwise.
    maxPayload: options.maxPayload ?? 2 * 1024 * 1024 * 1024,
  });
  const waiting = new Map<string, (frame: { ok: boolean; result?: unknown; error?: { code: string; message: string } }) => void>();
  const events = new Map<string, number>();
  socket.on('message', (data) => {
    const frame = JSON.parse(data.toString()) as { kind: string; id?: string; event?: string; ok: boolean };
    if (frame.kind === 'event') events.set(frame.event!, (events.get(frame.event!) ?? 0) + 1);
    else if (frame.id !== undefined) waiting.get(frame.id)?.(frame);
  });
  await new Promise<void>((resolve, reject) => {
    socket.once('open', () => resolve());
    socket.once('error', reject);
  });
  let nextId = 0;
  return {
    events,
    call: <T>(method: string, params: unknown, timeoutMs = 120_000) =>
      new Promise<CallOutcome<T>>((resolve, reject) => {
        const id = `p${(nextId += 1)}`;
        const started = performance.now();
        const timer = setTimeout(() => {
          waiting.delete(id);
          reject(new Error(`${method} gave no reply in ${timeoutMs} ms`));
        }, timeoutMs);
        waiting.set(id, (frame) => {
          clearTimeout(timer);
          waiting.delete(id);
          resolve({ ok: frame.ok, ...(frame.ok ? { result: frame.result as T } : { error: frame.error! }), ms: Math.round((performance.now() - started) * 10) / 10 });
        });
        socket.send(JSON.stringify({ kind: 'request', id, method, params }));
      }),
    close: () => socket.close(),
  };
}
