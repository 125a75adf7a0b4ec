import WebSocket from 'ws';
import { rpcSubprotocol, tokenSubprotocolPrefix } from '../../shared/contract/browserMode';

export type HandshakeOptions = { token?: string | null; origin?: string | null; host?: string };

/** Opens a socket to a browser-mode host the way a page (or an attacker) would. */
export function openSocket(port: number, options: HandshakeOptions): WebSocket {
  const protocols = [rpcSubprotocol];
  if (options.token) protocols.push(tokenSubprotocolPrefix + options.token);
  const headers: Record<string, string> = {};
  if (options.host) headers.Host = options.host;
  return new WebSocket(`ws://127.0.0.1:${port}/rpc`, protocols, {
    headers,
    ...(options.origin ? { origin: options.origin } : {}),
  });
}

/** Resolves with the HTTP status of a refused handshake, or 101 when it was accepted. */
export function handshakeStatus(socket: WebSocket): Promise<number> {
  return new Promise((resolve, reject) => {
    socket.once('open', () => {
      resolve(101);
      socket.close();
    });
    socket.once('unexpected-response', (_request, response) => resolve(response.statusCode ?? 0));
    socket.once('error', (error) => {
      // A refused handshake also surfaces as an error after unexpected-response; ignore that one.
      if (!/Unexpected server response/.test(error.message)) reject(error);
    });
  });
}

/** Sends frames on an open socket and collects every reply in order. */
export async function connected(socket: WebSocket) {
  const received: Record<string, unknown>[] = [];
  socket.on('message', (data) => received.push(JSON.parse(data.toString())));
  await new Promise<void>((resolve, reject) => {
    socket.once('open', () => resolve());
    socket.once('error', reject);
  });
  return {
    received,
    send: (frame: unknown) => socket.send(typeof frame === 'string' ? frame : JSON.stringify(frame)),
    nextReply: async (count = 1) => {
      const deadline = Date.now() + 5000;
      while (received.length < count && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 5));
      return received[count - 1];
    },
  };
}
