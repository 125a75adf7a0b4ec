import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { rpcSubprotocol, sessionCookieName } from '../../shared/contract/browserMode';
import { maxShownResultBytes } from '../../electron/services/jobs/jobOutputs';
import { connected } from '../support/browserHostClient';
import { startAppUnderAttack, type AppUnderAttack } from './support/appProcess';
import { mb, proofCount, recordCheck } from './support/proofRecorder';

/**
 * Outputs far larger than a screen: a job printing 1 GB to stdout and a 200 MB result.json, read
 * through the real browser-mode socket of a running app while it answers app.info. The app's
 * resident memory is sampled throughout and reported; reads cost what they return.
 */
const stdoutBytes = proofCount(1024, 100) * 1024 * 1024;
const resultBytes = proofCount(200, 20) * 1024 * 1024;
let app: AppUnderAttack;
let socket: Awaited<ReturnType<typeof connected>>;
let nextId = 0;

async function call<T>(method: string, params: unknown, timeoutMs = 120_000): Promise<{ ok: boolean; result?: T; error?: { code: string; message: string }; ms: number }> {
  const id = `c${(nextId += 1)}`;
  const started = Date.now();
  socket.send({ kind: 'request', id, method, params });
  while (Date.now() - started < timeoutMs) {
    const reply = socket.received.find((frame) => frame.id === id) as { ok: boolean; result?: T; error?: { code: string; message: string } } | undefined;
    if (reply) {
      socket.received.splice(socket.received.indexOf(reply), 1);
      return { ...reply, ms: Date.now() - started };
    }
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
  throw new Error(`${method} gave no reply in ${timeoutMs} ms`);
}

/** Samples the app's RSS when started, every 100 ms, and when stopped (a call may take less than 100 ms). */
function sampleRss() {
  let peak = app.rssBytes();
  const timer = setInterval(() => (peak = Math.max(peak, app.rssBytes())), 100);
  return { stop: () => (clearInterval(timer), Math.max(peak, app.rssBytes())) };
}

async function waitForEnd(id: string): Promise<string> {
  for (let tries = 0; tries < 1200; tries += 1) {
    const reply = await call<{ state: string }>('jobs.get', { id });
    const state = reply.result?.state ?? '';
    if (['COMPLETED', 'FAILED', 'CANCELLED', 'TIMEOUT', 'LOST'].includes(state)) return state;
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  return 'still running';
}

describe('big outputs: the app stays responsive with bounded memory', () => {
  beforeAll(async () => {
    app = await startAppUnderAttack({ env: { HOME: mkdtempSync(join(tmpdir(), 'slurmdesk-proof-big-home-')) } });
    // Chromium takes frames of any size; the ws client stops at 100 MB unless told otherwise.
    socket = await connected(new WebSocket(`ws://127.0.0.1:${app.port}/rpc`, [rpcSubprotocol], { origin: app.origin, headers: { Cookie: `${sessionCookieName(app.port)}=${app.token}` }, maxPayload: 2 * 1024 * 1024 * 1024 }));
  });
  afterAll(() => app?.stop());

  it(`follows a job printing ${mb(stdoutBytes)} MB to stdout`, async () => {
    const rssBefore = app.rssBytes();
    const lines = Math.floor(stdoutBytes / 100);
    const expectedSize = lines * 100;
    const submitted = await call<{ id: string }>('jobs.submit', { spec: { name: 'loud', cluster: 'embedded', task: { kind: 'script', body: `yes 'xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx' | head -n ${lines}` } } });
    expect(submitted.ok, JSON.stringify(submitted.error)).toBe(true);
    const id = submitted.result!.id;
    const rss = sampleRss();
    const latencies: number[] = [];
    let reads = 0;
    let bytesRead = 0;
    let offset = 0;
    // Follow from the start while it prints, as the log view does, then jump to the tail.
    for (let state = ''; state !== 'COMPLETED' && reads < 100_000; ) {
      const chunk = await call<{ text: string; nextOffset: number; size: number }>('jobs.logs', { id, stream: 'stdout', offset, length: 1024 * 1024 });
      const ping = await call('app.info', {});
      latencies.push(ping.ms);
      reads += 1;
      if (chunk.ok) {
        bytesRead += chunk.result!.nextOffset - offset;
        offset = chunk.result!.nextOffset;
      }
      if (reads % 20 === 0) state = (await call<{ state: string }>('jobs.get', { id })).result?.state ?? '';
      if (reads > 50) break;
    }
    expect(await waitForEnd(id)).toBe('COMPLETED');
    const tail = await call<{ text: string; offset: number; size: number }>('jobs.logs', { id, stream: 'stdout', tail: true, length: 64 * 1024 });
    const peak = rss.stop();
    latencies.sort((a, b) => a - b);
    recordCheck({
      id: 'big-stdout',
      area: 'fault',
      check: `A job printing ${mb(stdoutBytes)} MB to stdout`,
      tried: 'followed by 1 MB reads while it ran, then the 64 KB tail, each read followed by an app.info round trip; app RSS sampled every 100 ms',
      attempts: reads + 1,
      lost: tail.result?.size === expectedSize ? 0 : 1,
      breached: 0,
      figures: { 'log size seen (MB)': mb(tail.result?.size ?? 0), 'MB followed': mb(bytesRead), 'tail read (ms)': tail.ms, 'app.info p50 (ms)': latencies[Math.floor(latencies.length / 2)] ?? 0, 'app.info max (ms)': latencies.at(-1) ?? 0, 'app RSS before (MB)': mb(rssBefore), 'app RSS peak (MB)': mb(peak) },
    });
    expect(tail.ok).toBe(true);
    expect(tail.result!.size).toBe(expectedSize);
    expect(tail.result!.text.length).toBeLessThanOrEqual(64 * 1024);
    // Gross bound only: reading a log by offset must not hold the log in memory.
    expect(peak - rssBefore).toBeLessThan(stdoutBytes / 2 + 256 * 1024 * 1024);
  });

  /** A Python job returning `bytes` of JSON (a list of 1000-character strings), run to its end. */
  async function resultJob(name: string, bytes: number): Promise<{ id: string; items: number }> {
    const root = mkdtempSync(join(tmpdir(), 'slurmdesk-proof-big-result-'));
    writeFileSync(join(root, 'big.py'), 'def make(n):\n    return ["y" * 1000 for _ in range(n // 1004)]\n');
    const submitted = await call<{ id: string }>('jobs.submit', { spec: { name, cluster: 'embedded', task: { kind: 'python', target: 'big.py:make', args: [bytes] }, upload: { root, include: ['big.py'] } } });
    expect(submitted.ok, JSON.stringify(submitted.error)).toBe(true);
    const id = submitted.result!.id;
    expect(await waitForEnd(id)).toBe('COMPLETED');
    return { id, items: Math.floor(bytes / 1004) };
  }

  it(`says a ${mb(resultBytes)} MB result.json is too large to show, without reading it, and still lets it be looked into and downloaded`, async () => {
    const { id } = await resultJob('big-result', resultBytes);
    const rssBefore = app.rssBytes();
    const rss = sampleRss();
    const result = await call<{ kind: string; file?: string; size?: number; limit?: number; path?: string }>('jobs.result', { id }, 300_000);
    const ping = await call('app.info', {});
    const peakResult = rss.stop();
    // What the Result tab offers instead: the file's beginning, and the whole file downloaded a piece at a time.
    const beginning = await call<{ text: string; size: number }>('jobs.readFile', { id, path: result.result?.file ?? 'result.json', offset: 0, length: 64 * 1024, encoding: 'text' });
    const downloadRss = sampleRss();
    const download = await call<{ localPath: string; size: number }>('jobs.download', { id, path: result.result?.file ?? 'result.json' }, 300_000);
    const peakDownload = downloadRss.stop();
    const size = result.result?.size ?? 0;
    const tooLarge = result.ok && result.result?.kind === 'too-large' && size > 0;
    const gotAtIt = beginning.ok && beginning.result!.text.startsWith('["yyy') && download.ok && download.result!.size === size;
    recordCheck({
      id: 'big-result',
      area: 'fault',
      check: `A ${mb(resultBytes)} MB result.json`,
      tried: 'jobs.result over the browser-mode socket, then an app.info round trip, then its first 64 KB (jobs.readFile) and a download (jobs.download); app RSS sampled every 100 ms',
      attempts: 1,
      lost: gotAtIt ? 0 : 1,
      breached: 0,
      figures: {
        outcome: result.ok ? (result.result?.kind === 'too-large' ? `too-large: ${mb(size)} MB over the ${mb(result.result.limit ?? 0)} MB limit` : `returned ${result.result?.kind}`) : `${result.error?.code}: ${result.error?.message.slice(0, 80)}`,
        'jobs.result (ms)': result.ms, 'app.info after (ms)': ping.ms, 'app RSS before (MB)': mb(rssBefore), 'app RSS peak during jobs.result (MB)': mb(peakResult),
        'download (MB)': mb(download.result?.size ?? 0), 'download (ms)': download.ms, 'app RSS peak during download (MB)': mb(peakDownload), 'app RSS after (MB)': mb(app.rssBytes()),
      },
    });
    expect(app.alive()).toBe(true);
    expect(ping.ok).toBe(true);
    expect(tooLarge, JSON.stringify(result)).toBe(true);
    expect(gotAtIt).toBe(true);
    // Gross bounds only: naming a file costs nothing, and a download goes a megabyte at a time.
    expect(peakResult - rssBefore).toBeLessThan(64 * 1024 * 1024);
    expect(peakDownload - rssBefore).toBeLessThan(128 * 1024 * 1024);
  });

  it('returns a result just below the limit whole, with memory bounded by its size', async () => {
    const limit = maxShownResultBytes;
    const { id, items } = await resultJob('just-below', limit - 64 * 1024);
    const rssBefore = app.rssBytes();
    const rss = sampleRss();
    const result = await call<{ kind: string; value?: unknown[] }>('jobs.result', { id }, 300_000);
    const ping = await call('app.info', {});
    const peak = rss.stop();
    const returned = Array.isArray(result.result?.value) ? result.result!.value.length : 0;
    recordCheck({
      id: 'big-result-below-limit',
      area: 'fault',
      check: `A result.json just below the ${mb(limit)} MB limit`,
      tried: 'jobs.result over the browser-mode socket, then an app.info round trip; app RSS sampled every 100 ms',
      attempts: 1,
      lost: returned === items ? 0 : 1,
      breached: 0,
      figures: { outcome: result.ok ? `returned ${returned} items` : `${result.error?.code}: ${result.error?.message.slice(0, 80)}`, 'jobs.result (ms)': result.ms, 'app.info after (ms)': ping.ms, 'app RSS before (MB)': mb(rssBefore), 'app RSS peak (MB)': mb(peak), 'app RSS after (MB)': mb(app.rssBytes()) },
    });
    expect(app.alive()).toBe(true);
    expect(ping.ok).toBe(true);
    expect(returned).toBe(items);
    // Gross bound: reading, parsing, keeping a copy and sending 16 MB must not cost main gigabytes.
    expect(peak - rssBefore).toBeLessThan(256 * 1024 * 1024);
  });
});
