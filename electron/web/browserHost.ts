import { randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Duplex } from 'node:stream';
import { WebSocketServer, type WebSocket } from 'ws';
import { launchCodeField, launchPath, rpcPath, rpcSubprotocol, sessionCookieName } from '../../shared/contract/browserMode';
import type { Dispatcher } from '../../shared/contract/dispatcher';
import type { EventHub } from '../../shared/contract/eventHub';
import { FrameSession } from '../../shared/contract/frameSession';
import { ContractError, ContractErrorCode, serializeError } from '../../shared/errors';
import { contentSecurityPolicy } from '../../shared/security/contentSecurityPolicy';
import type { Logger } from '../services/log';
import { isAllowedHost, isAllowedLaunchOrigin, isAllowedOrigin, sessionFromCookieHeader, tokensMatch } from './handshakeGuards';
import { LaunchCodes } from './launchCodes';
import { LaunchPageFile } from './launchPage';
import { serveStaticFile } from './staticFiles';

export type BrowserHostOptions = {
  rendererDir: string;
  dispatcher: Dispatcher;
  hub: EventHub;
  log: Logger;
  /** 0 (the default) picks a free port. */
  port?: number;
  /** The session secret, generated when absent; tests pass their own. It is never printed. */
  token?: string;
  /** A private folder (0700) for the launch page; without it, only one-time addresses open the app. */
  launchFolder?: string;
  /** How long a launch code stays good if nobody uses it. */
  launchCodeLifetimeMs?: number;
  /** Larger frames close that socket with 1009; nothing the app sends comes near it. */
  maxFrameBytes?: number;
};

export type BrowserHost = {
  origin: string;
  port: number;
  /** The session secret: in this process only, and as the cookie the host sets on a launch. */
  token: string;
  /** `name=value` of the session cookie, for in-process clients (tests). */
  sessionCookie: string;
  /** The launch page to open (a file of this user only), or null without a launch folder. */
  launchPage: { path: string; url: string } | null;
  /** An address that opens the app once, within the code lifetime: for a person to paste. */
  oneTimeAddress(): string;
  connectionCount(): number;
  close(): Promise<void>;
};

export const defaultMaxFrameBytes = 8 * 1024 * 1024;
export const defaultLaunchCodeLifetimeMs = 10 * 60 * 1000;
/** A launch form holds one code; anything longer is not ours. */
const maxLaunchBodyBytes = 4096;

/**
 * Browser mode: the same renderer and the same contract as the desktop window, served on
 * 127.0.0.1 only. Static files are public (they hold no data); the socket that carries the
 * contract requires the right Host, the app's Origin and the session cookie, which a browser
 * gets only by presenting a one-time launch code. The secret itself is never on a command line,
 * in an environment, a log line or an address.
 */
export async function startBrowserHost(options: BrowserHostOptions): Promise<BrowserHost> {
  const token = options.token ?? randomBytes(32).toString('hex');
  const { dispatcher, hub, log } = options;
  const identity = { port: 0 };
  const codes = new LaunchCodes(options.launchCodeLifetimeMs ?? defaultLaunchCodeLifetimeMs);
  let launchPage: LaunchPageFile | null = null;
  let pageCode: string | null = null;
  const refreshLaunchPage = () => {
    if (!launchPage) return;
    if (pageCode) codes.revoke(pageCode);
    pageCode = codes.issue();
    launchPage.write(`http://127.0.0.1:${identity.port}`, pageCode);
  };

  const sockets = new WebSocketServer({
    noServer: true,
    maxPayload: options.maxFrameBytes ?? defaultMaxFrameBytes,
    perMessageDeflate: false,
    handleProtocols: (offered) => (offered.has(rpcSubprotocol) ? rpcSubprotocol : false),
  });

  const server = createServer((request, response) => {
    setSecurityHeaders(response, identity.port);
    if (!isAllowedHost(request.headers.host, identity)) return refuse(response, 403, 'Unexpected Host header.');
    const path = new URL(request.url ?? '/', 'http://placeholder').pathname;
    if (path === launchPath && request.method === 'POST') return void launch(request, response);
    if (request.method !== 'GET' && request.method !== 'HEAD') return refuse(response, 405, 'Method not allowed.');
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

  /** One code, one session cookie; the launch page is rewritten at once with a fresh code. */
  async function launch(request: IncomingMessage, response: ServerResponse) {
    if (!isAllowedLaunchOrigin(request.headers.origin, identity)) return refuse(response, 403, 'Forbidden Origin.');
    const body = await readSmallBody(request, maxLaunchBodyBytes);
    if (body === null) {
      // The rest of the body is never read: answer, then drop the connection.
      response.once('finish', () => request.socket.destroy());
      response.setHeader('Connection', 'close');
      return refuse(response, 413, 'A launch carries one code; this request was far larger.');
    }
    const presented = new URLSearchParams(body).get(launchCodeField);
    const wasPageCode = presented !== null && pageCode !== null && tokensMatch(presented, pageCode);
    if (presented === null || !codes.redeem(presented)) {
      log.warn('refused a launch: the code was used, expired or wrong');
      return refuse(
        response,
        403,
        'This launch page or address was already used or has expired. Open the launch page Slurm Desk printed again (it is rewritten after every use), or restart Slurm Desk.',
      );
    }
    if (wasPageCode) {
      pageCode = null;
      refreshLaunchPage();
    }
    log.info('a browser launched the app');
    response.writeHead(303, {
      Location: '/',
      'Set-Cookie': `${sessionCookieName(identity.port)}=${token}; HttpOnly; SameSite=Strict; Path=/`,
      'Cache-Control': 'no-store',
      'Content-Length': 0,
    });
    response.end();
  }

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
  if (options.launchFolder) {
    launchPage = new LaunchPageFile(options.launchFolder, identity.port);
    refreshLaunchPage();
  }
  // An unused page code dies with its lifetime; the page then carries a fresh one.
  const rotation = setInterval(refreshLaunchPage, options.launchCodeLifetimeMs ?? defaultLaunchCodeLifetimeMs);
  rotation.unref();

  return {
    origin,
    port: identity.port,
    token,
    sessionCookie: `${sessionCookieName(identity.port)}=${token}`,
    launchPage: launchPage ? { path: launchPage.path, url: launchPage.url } : null,
    oneTimeAddress: () => `${origin}/#${launchCodeField}=${codes.issue()}`,
    connectionCount: () => sockets.clients.size,
    close: async () => {
      clearInterval(rotation);
      launchPage?.remove();
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
  const presented = sessionFromCookieHeader(request.headers.cookie, sessionCookieName(identity.port));
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

/** The body of a small form POST, or null when it is larger than `limit` (the rest is not read). */
function readSmallBody(request: IncomingMessage, limit: number): Promise<string | null> {
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    let size = 0;
    request.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) {
        request.pause();
        resolve(null);
        return;
      }
      chunks.push(chunk);
    });
    request.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    request.on('error', () => resolve(null));
  });
}
