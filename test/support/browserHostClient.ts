import { request } from 'node:http';
import WebSocket from 'ws';
import { launchCodeField, launchPath, rpcSubprotocol, sessionCookieName } from '../../shared/contract/browserMode';

/** `token` is the session secret, sent as the session cookie the host sets on a launch. */
export type HandshakeOptions = { token?: string | null; origin?: string | null; host?: string };

/** Opens a socket to a browser-mode host the way a page (or an attacker) would. */
export function openSocket(port: number, options: HandshakeOptions): WebSocket {
  const protocols = [rpcSubprotocol];
  const headers: Record<string, string> = {};
  if (options.token) headers.Cookie = `${sessionCookieName(port)}=${options.token}`;
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

export type LaunchOutcome = { status: number; sessionSecret: string | null; location: string | null };

/** POSTs a launch code as the launch page's form does; a success carries the session cookie. */
export function launchWithCode(port: number, code: string, options: { origin?: string | null; host?: string } = {}): Promise<LaunchOutcome> {
  const body = new URLSearchParams({ [launchCodeField]: code }).toString();
  const headers: Record<string, string> = {
    Host: options.host ?? `127.0.0.1:${port}`,
    'Content-Type': 'application/x-www-form-urlencoded',
    'Content-Length': String(Buffer.byteLength(body)),
  };
  if (options.origin !== null) headers.Origin = options.origin ?? 'null';
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, path: launchPath, method: 'POST', headers }, (response) => {
      response.resume();
      const name = `${sessionCookieName(port)}=`;
      const cookie = (response.headers['set-cookie'] ?? []).find((line) => line.startsWith(name));
      resolve({
        status: response.statusCode ?? 0,
        sessionSecret: cookie ? cookie.slice(name.length).split(';')[0]! : null,
        location: typeof response.headers.location === 'string' ? response.headers.location : null,
      });
    });
    req.on('error', reject);
    req.end(body);
  });
}
