import { randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Duplex } from 'node:stream';
import { WebSocketServer, type WebSocket } from 'ws';
import { rpcPath, rpcSubprotocol, tokenSubprotocolPrefix } from '../../shared/contract/browserMode';
import type { Dispatcher } from '../../shared/contract/dispatcher';
import type { EventHub } from '../../shared/contract/eventHub';
import { FrameSession } from '../../shared/contract/frameSession';
import { ContractError, ContractErrorCode, serializeError } from '../../shared/errors';
import { contentSecurityPolicy } from '../../shared/security/contentSecurityPolicy';
import type { Logger } from '../services/log';
import { isAllowedHost, isAllowedOrigin, tokenFromSubprotocols, tokensMatch } from './handshakeGuards';
import { serveStaticFile } from './staticFiles';

export type BrowserHostOptions = {
  rendererDir: string;
  dispatcher: Dispatcher;
  hub: EventHub;
  log: Logger;
  /** 0 (the default) picks a free port. */
  port?: number;
  /** Generated when absent; tests pass their own. */
  token?: string;
  /** Larger frames close that socket with 1009; nothing the app sends comes near it. */
  maxFrameBytes?: number;
};

export type BrowserHost = {
  /** The address to open, token in the fragment (never sent to the server in a request line). */
  url: string;
  origin: string;
  port: number;
  token: string;
  connectionCount(): number;
  close(): Promise<void>;
};

export const defaultMaxFrameBytes = 8 * 1024 * 1024;

/**
 * Browser mode: the same renderer and the same contract as the desktop window, served on
 * 127.0.0.1 only. Static files are public (they hold no data); the socket that carries the
 * contract requires the right Host, the app's Origin and the one-time token.
 */
export async function startBrowserHost(options: BrowserHostOptions): Promise<BrowserHost> {
  const token = options.token ?? randomBytes(32).toString('hex');
  const { dispatcher, hub, log } = options;
  const identity = { port: 0 };

  const sockets = new WebSocketServer({
    noServer: true,
    maxPayload: options.maxFrameBytes ?? defaultMaxFrameBytes,
    perMessageDeflate: false,
    handleProtocols: (offered) => (offered.has(rpcSubprotocol) ? rpcSubprotocol : false),
  });

  const server = createServer((request, response) => {
    setSecurityHeaders(response, identity.port);
    if (!isAllowedHost(request.headers.host, identity)) return refuse(response, 403, 'Unexpected Host header.');
    if (request.method !== 'GET' && request.method !== 'HEAD') return refuse(response, 405, 'Method not allowed.');
    const path = new URL(request.url ?? '/', 'http://placeholder').pathname;
    void serveStaticFile(options.rendererDir, path, response, request.method === 'HEAD');
  });
  server.headersTimeout = 10_000;
  server.requestTimeout = 30_000;
  server.keepAliveTimeout = 5_000;

  server.on('upgrade', (request: IncomingMessage, socket: Duplex, head: Buffer) => {
    const refusal = checkUpgrade(request, identity, token);
    if (refusal) {
      log.warn(`refused a socket: ${refusal.reason} (origin ${JSON.stringify(request.headers.origin ?? null)})`);
      socket.end(`HTTP/1.1 ${refusal.status} ${refusal.reason}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
      socket.destroy();
      return;
    }
    sockets.handleUpgrade(request, socket, head, (ws) => attach(ws));
  });

  function attach(ws: WebSocket) {
    const session = new FrameSession(dispatcher, (text) => ws.send(text), 'websocket', hub);
    ws.on('message', (data, isBinary) => {
      if (isBinary) {
        const error = new ContractError(ContractErrorCode.malformedFrame, 'Binary frames are not part of the contract; send JSON text.');
        ws.send(JSON.stringify({ kind: 'error', error: serializeError(error) }));
        return;
      }
      session.receive(data.toString());
    });
    ws.on('error', (error) => log.warn(`socket error, closing it: ${error.message}`));
    ws.on('close', () => session.close());
  }

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => resolve());
  });
  identity.port = (server.address() as AddressInfo).port;
  const origin = `http://127.0.0.1:${identity.port}`;

  return {
    url: `${origin}/#token=${token}`,
    origin,
    port: identity.port,
    token,
    connectionCount: () => sockets.clients.size,
    close: async () => {
      for (const client of sockets.clients) client.close(1001, 'Slurm Desk is shutting down.');
      await new Promise<void>((resolve) => sockets.close(() => resolve()));
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

type Refusal = { status: number; reason: string };

function checkUpgrade(request: IncomingMessage, identity: { port: number }, token: string): Refusal | null {
  const path = new URL(request.url ?? '/', 'http://placeholder').pathname;
  if (path !== rpcPath) return { status: 404, reason: 'Not Found' };
  if (!isAllowedHost(request.headers.host, identity)) return { status: 403, reason: 'Forbidden Host' };
  if (!isAllowedOrigin(request.headers.origin, identity)) return { status: 403, reason: 'Forbidden Origin' };
  const presented = tokenFromSubprotocols(request.headers['sec-websocket-protocol'], tokenSubprotocolPrefix);
  if (presented === null || !tokensMatch(presented, token)) return { status: 401, reason: 'Unauthorized' };
  return null;
}

function setSecurityHeaders(response: ServerResponse, port: number) {
  const socketOrigins = [`ws://127.0.0.1:${port}`, `ws://localhost:${port}`];
  response.setHeader('Content-Security-Policy', contentSecurityPolicy({ connectSources: socketOrigins }));
  response.setHeader('X-Content-Type-Options', 'nosniff');
  response.setHeader('Referrer-Policy', 'no-referrer');
  response.setHeader('X-Frame-Options', 'DENY');
  response.setHeader('Cross-Origin-Opener-Policy', 'same-origin');
  response.setHeader('Cross-Origin-Resource-Policy', 'same-origin');
}

function refuse(response: ServerResponse, status: number, message: string) {
  response.writeHead(status, { 'Content-Type': 'text/plain; charset=utf-8' });
  response.end(`${message}\n`);
}
