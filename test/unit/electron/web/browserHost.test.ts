import { mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type WebSocket from 'ws';
import { silentLogger } from '../../../../electron/services/log';
import { startBrowserHost, type BrowserHost } from '../../../../electron/web/browserHost';
import { ContractErrorCode } from '../../../../shared/errors';
import { connected, handshakeStatus, launchWithCode, openSocket } from '../../../support/browserHostClient';
import { realDispatcher } from '../../../support/testHandlers';

const token = 'a'.repeat(64);
let host: BrowserHost;
let origin: string;
let launchFolder: string;

beforeAll(async () => {
  const rendererDir = mkdtempSync(join(tmpdir(), 'slurmdesk-renderer-'));
  writeFileSync(join(rendererDir, 'index.html'), '<!doctype html><title>Slurm Desk</title>');
  const { dispatcher, hub } = realDispatcher();
  launchFolder = join(mkdtempSync(join(tmpdir(), 'slurmdesk-data-')), 'browser');
  host = await startBrowserHost({ rendererDir, dispatcher, hub, log: silentLogger, token, maxFrameBytes: 1024 * 1024, launchFolder });
  origin = host.origin;
});
afterAll(() => host.close());

function httpGet(path: string, hostHeader: string): Promise<{ status: number; headers: Record<string, unknown>; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port: host.port, path, headers: { Host: hostHeader } }, (response) => {
      let body = '';
      response.on('data', (chunk) => (body += chunk));
      response.on('end', () => resolve({ status: response.statusCode ?? 0, headers: response.headers, body }));
    });
    req.on('error', reject);
    req.end();
  });
}

describe('browser-mode host: who may connect', () => {
  it('gives out addresses on 127.0.0.1 that carry a one-time code, never the session secret', () => {
    const address = host.oneTimeAddress();
    expect(address).toMatch(new RegExp(`^http://127\\.0\\.0\\.1:${host.port}/#code=[0-9a-f]{64}$`));
    expect(address).not.toContain(token);
    expect(host.launchPage!.url).toMatch(/^file:\/\/.*\.html$/);
    expect(readFileSync(host.launchPage!.path, 'utf8')).not.toContain(token);
  });

  it('keeps the launch page readable by this user only', () => {
    expect(statSync(host.launchPage!.path).mode & 0o777).toBe(0o600);
    expect(statSync(launchFolder).mode & 0o777).toBe(0o700);
  });

  it('trades a one-time code once for the HttpOnly, SameSite=Strict session cookie', async () => {
    const code = new URLSearchParams(new URL(host.oneTimeAddress()).hash.slice(1)).get('code')!;
    const first = await launchWithCode(host.port, code, { origin });
    expect(first).toMatchObject({ status: 303, location: '/', sessionSecret: token });
    expect((await launchWithCode(host.port, code, { origin })).status).toBe(403);
    expect((await launchWithCode(host.port, 'c'.repeat(64))).status).toBe(403);
  });

  it('rewrites the launch page after each use: the page read before is dead', async () => {
    const before = readFileSync(host.launchPage!.path, 'utf8');
    const code = /name="code" value="([0-9a-f]{64})"/.exec(before)![1]!;
    expect((await launchWithCode(host.port, code)).status).toBe(303);
    const after = readFileSync(host.launchPage!.path, 'utf8');
    expect(after).not.toBe(before);
    expect((await launchWithCode(host.port, code)).status).toBe(403);
    expect(statSync(host.launchPage!.path).mode & 0o777).toBe(0o600);
  });

  it('refuses a launch POSTed by another site, before looking at its code', async () => {
    const code = new URLSearchParams(new URL(host.oneTimeAddress()).hash.slice(1)).get('code')!;
    expect((await launchWithCode(host.port, code, { origin: 'https://evil.example' })).status).toBe(403);
    expect((await launchWithCode(host.port, code, { host: `evil.example:${host.port}` })).status).toBe(403);
  });

  it('accepts the page with the right Host, Origin and token', async () => {
    expect(await handshakeStatus(openSocket(host.port, { token, origin }))).toBe(101);
  });

  it('refuses a socket without the token', async () => {
    expect(await handshakeStatus(openSocket(host.port, { token: null, origin }))).toBe(401);
  });

  it('refuses a socket with a wrong token of the same length', async () => {
    expect(await handshakeStatus(openSocket(host.port, { token: 'b'.repeat(64), origin }))).toBe(401);
  });

  it('refuses a socket from another site (Origin)', async () => {
    expect(await handshakeStatus(openSocket(host.port, { token, origin: 'https://evil.example' }))).toBe(403);
    expect(await handshakeStatus(openSocket(host.port, { token, origin: `http://127.0.0.1:${host.port + 1}` }))).toBe(403);
  });

  it('refuses a socket without an Origin (not a page of ours)', async () => {
    expect(await handshakeStatus(openSocket(host.port, { token, origin: null }))).toBe(403);
  });

  it('refuses a rebinding attack: a foreign Host header, even with a matching Origin', async () => {
    const rebound = `evil.example:${host.port}`;
    expect(await handshakeStatus(openSocket(host.port, { token, origin: `http://${rebound}`, host: rebound }))).toBe(403);
    expect((await httpGet('/', rebound)).status).toBe(403);
  });

  it('serves the page with the strict CSP and never a file outside the renderer folder', async () => {
    const page = await httpGet('/', `127.0.0.1:${host.port}`);
    expect(page.status).toBe(200);
    expect(page.headers['content-security-policy']).toContain("script-src 'self'");
    expect(page.headers['content-security-policy']).not.toContain('unsafe-eval');
    for (const path of ['/../package.json', '/%2e%2e/%2e%2e/etc/passwd', '/..%2f..%2fetc%2fpasswd']) {
      expect((await httpGet(path, `127.0.0.1:${host.port}`)).status).toBe(404);
    }
  });
});

describe('browser-mode host: launch codes expire', () => {
  it('refuses a code older than its lifetime', async () => {
    const { dispatcher, hub } = realDispatcher();
    const rendererDir = mkdtempSync(join(tmpdir(), 'slurmdesk-renderer-'));
    const short = await startBrowserHost({ rendererDir, dispatcher, hub, log: silentLogger, launchCodeLifetimeMs: 50 });
    try {
      const code = new URLSearchParams(new URL(short.oneTimeAddress()).hash.slice(1)).get('code')!;
      await new Promise((resolve) => setTimeout(resolve, 120));
      expect((await launchWithCode(short.port, code)).status).toBe(403);
    } finally {
      await short.close();
    }
  });
});

describe('browser-mode host: bad input gets a clear error and the server keeps serving', () => {
  let socket: WebSocket;
  beforeAll(() => {
    socket = openSocket(host.port, { token, origin });
  });
  afterAll(() => socket.close());

  it('answers app.info over the socket and says so', async () => {
    const session = await connected(socket);
    session.send({ kind: 'request', id: '1', method: 'app.info', params: {} });
    expect(await session.nextReply()).toMatchObject({ kind: 'response', id: '1', ok: true, result: { transport: 'websocket' } });

    session.send({ kind: 'request', id: '2', method: 'app.info', params: { unexpected: true } });
    expect(await session.nextReply(2)).toMatchObject({
      id: '2',
      ok: false,
      error: { code: ContractErrorCode.invalidParams, message: expect.stringContaining('app.info') },
    });

    session.send({ kind: 'request', id: '3', method: 'system.exec', params: { cmd: 'id' } });
    expect(await session.nextReply(3)).toMatchObject({ id: '3', ok: false, error: { code: ContractErrorCode.unknownMethod } });

    session.send('this is not json');
    expect(await session.nextReply(4)).toMatchObject({ kind: 'error', error: { code: ContractErrorCode.malformedFrame } });

    session.send({ kind: 'request', id: '5', method: 'app.info', params: {} });
    expect(await session.nextReply(5)).toMatchObject({ id: '5', ok: true });
  });

  it('closes a socket that sends a 50 MB frame with 1009 (message too big), and keeps serving others', async () => {
    const bystander = await connected(openSocket(host.port, { token, origin }));
    const flooder = openSocket(host.port, { token, origin });
    await connected(flooder);
    const closed = new Promise<{ code: number; reason: string }>((resolve) =>
      flooder.once('close', (code, reason) => resolve({ code, reason: reason.toString() })),
    );
    flooder.on('error', () => {});
    flooder.send(JSON.stringify({ kind: 'request', id: 'big', method: 'app.info', params: { pad: 'x'.repeat(50 * 1024 * 1024) } }));
    const outcome = await closed;
    // 1009 is the WebSocket code for "message too big"; the page turns it into words.
    expect(outcome.code).toBe(1009);

    bystander.send({ kind: 'request', id: 'still', method: 'app.info', params: {} });
    expect(await bystander.nextReply()).toMatchObject({ id: 'still', ok: true });
    const fresh = await connected(openSocket(host.port, { token, origin }));
    fresh.send({ kind: 'request', id: 'new', method: 'app.info', params: {} });
    expect(await fresh.nextReply()).toMatchObject({ id: 'new', ok: true });
  });
});
