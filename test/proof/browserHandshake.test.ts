import { connect, type Socket } from 'node:net';
import { request } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connected, handshakeStatus, launchWithCode, openSocket, type HandshakeOptions } from '../support/browserHostClient';
import { startAppUnderAttack, type AppUnderAttack } from './support/appProcess';
import { seededRandom } from './support/hostileValues';
import { mb, proofCount, recordCheck } from './support/proofRecorder';

/**
 * Browser mode as an attacker on this machine or a hostile web page sees it: the socket must be
 * refused without the token, from another Origin, under another Host name (DNS rebinding), and
 * connections that never finish their request must not starve the person's own window.
 */
let app: AppUnderAttack;

beforeAll(async () => {
  app = await startAppUnderAttack();
});
afterAll(() => app?.stop());

async function appInfoAnswers(): Promise<boolean> {
  try {
    const socket = await connected(openSocket(app.port, { token: app.token, origin: app.origin }));
    socket.send({ kind: 'request', id: 'health', method: 'app.info', params: {} });
    const reply = (await socket.nextReply()) as { ok?: boolean } | undefined;
    return reply?.ok === true;
  } catch {
    return false;
  }
}

describe('browser mode: handshake attacks', () => {
  it('refuses every socket without the right token, Origin and Host, and accepts the real page', async () => {
    const random = seededRandom(99);
    const rounds = proofCount(200, 20);
    const port = app.port;
    const hex = () => Array.from({ length: 64 }, () => random.pick([...'0123456789abcdef'])).join('');
    const attacks: { label: string; options: HandshakeOptions }[] = [];
    for (let i = 0; i < rounds; i += 1) attacks.push({ label: 'wrong token', options: { token: hex(), origin: app.origin } });
    attacks.push(
      { label: 'no token', options: { token: null, origin: app.origin } },
      { label: 'token prefix', options: { token: app.token.slice(0, 63), origin: app.origin } },
      { label: 'token plus one', options: { token: `${app.token}0`, origin: app.origin } },
      { label: 'token upper case', options: { token: app.token.toUpperCase(), origin: app.origin } },
    );
    const foreignOrigins = [
      'https://evil.example', `http://127.0.0.1:${port + 1}`, `https://127.0.0.1:${port}`, `http://127.0.0.1:${port}.evil.example`,
      'null', 'file://', `http://localhost:${port}@evil.example`, 'chrome-extension://abcdef', `http://0.0.0.0:${port}`, `http://[::1]:${port}`,
    ];
    for (const origin of foreignOrigins) attacks.push({ label: `foreign Origin ${origin}`, options: { token: app.token, origin } });
    attacks.push({ label: 'no Origin', options: { token: app.token, origin: null } });
    const reboundHosts = [
      `evil.example:${port}`, `127.0.0.1.nip.io:${port}`, `localhost.evil.example:${port}`, '127.0.0.1', `127.0.0.1:${port + 1}`,
      `0.0.0.0:${port}`, `[::1]:${port}`, `127.0.0.1:${port}.evil.example`, `127.1:${port}`, `2130706433:${port}`,
    ];
    for (const host of reboundHosts) {
      attacks.push({ label: `rebinding Host ${host}`, options: { token: app.token, origin: app.origin, host } });
      attacks.push({ label: `rebinding Host and Origin ${host}`, options: { token: app.token, origin: `http://${host}`, host } });
    }
    const accepted: string[] = [];
    const statuses: Record<string, number> = {};
    for (const attack of attacks) {
      const status = await handshakeStatus(openSocket(port, attack.options));
      statuses[status] = (statuses[status] ?? 0) + 1;
      if (status === 101) accepted.push(attack.label);
    }
    // Launch codes: guessed ones, the used printed one, and a real one sent by another site's page.
    const usedCode = new URLSearchParams(new URL(app.printedOneTimeAddress).hash.slice(1)).get('code')!;
    const launches = [
      ...Array.from({ length: rounds }, () => launchWithCode(port, hex())),
      launchWithCode(port, usedCode, { origin: app.origin }),
      launchWithCode(port, usedCode.toUpperCase()),
      launchWithCode(port, ''),
      launchWithCode(port, 'x'.repeat(5000)),
      launchWithCode(port, hex(), { origin: 'https://evil.example' }),
      launchWithCode(port, hex(), { host: `evil.example:${port}` }),
    ];
    const launchOutcomes = [];
    for (const launch of launches) launchOutcomes.push(await launch);
    const launchesAccepted = launchOutcomes.filter((outcome) => outcome.status < 400 || outcome.sessionSecret !== null).length;
    const pagesServedToForeignHost = await Promise.all(reboundHosts.map((host) => httpStatus('/', host)));
    const realPage = await handshakeStatus(openSocket(port, { token: app.token, origin: app.origin }));
    const healthy = await appInfoAnswers();
    const servedForeign = pagesServedToForeignHost.filter((status) => status !== 403).length;
    recordCheck({
      id: 'browser-handshake',
      area: 'attack',
      check: 'Browser mode: session cookie, launch codes, Origin, Host (DNS rebinding), cross-site socket',
      tried: 'wrong/missing/near-miss session cookies, guessed/used/oversized launch codes, foreign Origins (other ports, schemes, userinfo, null, file, extensions), rebinding Host headers on the socket and the page',
      attempts: attacks.length + reboundHosts.length + launchOutcomes.length,
      lost: 0,
      breached: accepted.length + servedForeign + launchesAccepted + (healthy ? 0 : 1),
      figures: { ...Object.fromEntries(Object.entries(statuses).map(([status, count]) => [`HTTP ${status}`, count])), 'real page accepted': realPage === 101 ? 'yes' : 'no' },
    });
    expect(accepted).toEqual([]);
    expect(launchesAccepted).toBe(0);
    expect(servedForeign).toBe(0);
    expect(realPage).toBe(101);
    expect(healthy).toBe(true);
  });

  it('stays responsive to its own page while slow-loris connections hang, and drops them', async () => {
    const count = proofCount(1000, 100);
    const sockets: Socket[] = [];
    let closedByServer = 0;
    for (let i = 0; i < count; i += 1) {
      const socket = connect(app.port, '127.0.0.1');
      socket.on('error', () => undefined);
      socket.on('close', () => (closedByServer += 1));
      // Half look like page requests, half like socket upgrades; none ever finishes its headers.
      socket.write(i % 2 === 0 ? 'GET / HTTP/1.1\r\n' : `GET /rpc HTTP/1.1\r\nHost: 127.0.0.1:${app.port}\r\nUpgrade: websocket\r\n`);
      sockets.push(socket);
    }
    const trickle = setInterval(() => {
      for (const socket of sockets) if (!socket.destroyed) socket.write(`X-Slow-${Math.random().toString(36).slice(2, 6)}: 1\r\n`);
    }, 1000);
    const rssDuring: number[] = [];
    let answered = 0;
    const probes = 10;
    try {
      for (let i = 0; i < probes; i += 1) {
        if (await appInfoAnswers()) answered += 1;
        rssDuring.push(app.rssBytes());
        await new Promise((resolve) => setTimeout(resolve, 500));
      }
      // Node drops connections whose headers take longer than headersTimeout (10 s), checked every 30 s.
      const deadline = Date.now() + 60_000;
      while (closedByServer < count && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 500));
    } finally {
      clearInterval(trickle);
      for (const socket of sockets) socket.destroy();
    }
    const healthy = await appInfoAnswers();
    recordCheck({
      id: 'browser-slowloris',
      area: 'attack',
      check: 'Browser mode: slow-loris connections',
      tried: `${count} connections that trickle header lines forever (page and socket upgrade), while the real page keeps calling app.info`,
      attempts: count,
      lost: 0,
      breached: probes - answered + (healthy ? 0 : 1),
      figures: { 'app.info answered during attack': `${answered}/${probes}`, 'dropped by the server within 60 s': closedByServer, 'peak app RSS (MB)': mb(Math.max(...rssDuring)) },
    });
    expect(answered).toBe(probes);
    expect(healthy).toBe(true);
    expect(app.alive()).toBe(true);
  });
});

function httpStatus(path: string, hostHeader: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port: app.port, path, headers: { Host: hostHeader } }, (response) => {
      response.resume();
      resolve(response.statusCode ?? 0);
    });
    req.on('error', reject);
    req.end();
  });
}
