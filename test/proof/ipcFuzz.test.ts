import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { methods, methodNames } from '../../shared/contract';
import { ContractErrorCode } from '../../shared/errors';
import { connected, openSocket } from '../support/browserHostClient';
import { startAppUnderAttack, type AppUnderAttack } from './support/appProcess';
import { deepNestText, hostileString, hostileValue, seededRandom, type Random } from './support/hostileValues';
import { mb, proofCount, recordCheck } from './support/proofRecorder';

/**
 * Every contract method, fed malformed payloads over the real browser-mode socket of a running
 * app. A payload is malformed by construction (not an object, or carrying a key the strict schema
 * does not know), so the only right answer is invalid-params: any other reply means a handler ran
 * on input it should never have seen.
 */
const perMethod = proofCount(1000, 100);
let app: AppUnderAttack;

beforeAll(async () => {
  app = await startAppUnderAttack();
});
afterAll(() => app?.stop());

type Reply = { kind: string; id?: string; ok?: boolean; error?: { code: string } };

function shapeKeys(method: string): string[] {
  const def = (methods as Record<string, { params: { _zod: { def: { shape?: Record<string, unknown> } } } }>)[method]!.params._zod.def;
  return Object.keys(def.shape ?? {});
}

function malformedParams(random: Random, keys: string[]): unknown {
  const style = random.int(4);
  if (style === 0) return random.pick([null, 0, 'x', true, [], [{}], 'a'.repeat(10_000), -1]);
  const payload: Record<string, unknown> = {};
  for (const key of keys) if (random.chance(0.7)) payload[key] = hostileValue(random);
  let unknown = hostileString(random, { maxFragments: 3 });
  while (keys.includes(unknown)) unknown += '_';
  if (style === 1) return JSON.parse(`{"__proto__":{"isAdmin":true},${JSON.stringify(unknown)}:1}`) as unknown;
  payload[unknown] = hostileValue(random);
  return payload;
}

async function callAll(socket: Awaited<ReturnType<typeof connected>>, frames: { id: string; text: string }[]): Promise<Map<string, Reply>> {
  const replies = new Map<string, Reply>();
  const start = socket.received.length;
  // Batches well under the per-session in-flight limit: this proves validation, not the flood guard.
  for (let offset = 0; offset < frames.length; offset += 100) {
    const batch = frames.slice(offset, offset + 100);
    const expected = socket.received.length + batch.length;
    for (const frame of batch) socket.send(frame.text);
    const deadline = Date.now() + 60_000;
    while (socket.received.length < expected && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 2));
  }
  for (const reply of socket.received.slice(start) as Reply[]) if (reply.id) replies.set(reply.id, reply);
  return replies;
}

async function appInfoAnswers(): Promise<boolean> {
  const socket = await connected(openSocket(app.port, { token: app.token, origin: app.origin }));
  socket.send({ kind: 'request', id: 'health', method: 'app.info', params: {} });
  const reply = (await socket.nextReply()) as Reply | undefined;
  socket.send('');
  return reply?.ok === true;
}

describe('IPC: every contract method refuses malformed payloads and the app keeps running', () => {
  it(`rejects ${perMethod} malformed payloads per method (${methodNames.length} methods)`, async () => {
    const socket = await connected(openSocket(app.port, { token: app.token, origin: app.origin }));
    const random = seededRandom(20261126);
    const breaches: string[] = [];
    let sent = 0;
    let rejected = 0;
    const rssBefore = app.rssBytes();
    for (const method of methodNames) {
      const keys = shapeKeys(method);
      const frames = Array.from({ length: perMethod }, (_, index) => {
        const id = `${method}-${index}`;
        // Every tenth payload nests 100,000 deep, which only text can carry.
        if (index % 10 === 9) return { id, text: `{"kind":"request","id":"${id}","method":"${method}","params":{"deep":${deepNestText(100_000)}}}` };
        return { id, text: JSON.stringify({ kind: 'request', id, method, params: malformedParams(random, keys) }) };
      });
      sent += frames.length;
      const replies = await callAll(socket, frames);
      for (const frame of frames) {
        const reply = replies.get(frame.id);
        if (reply && reply.ok === false && reply.error?.code === ContractErrorCode.invalidParams) rejected += 1;
        else breaches.push(`${method}: ${JSON.stringify(reply ?? 'no reply').slice(0, 200)} for ${frame.text.slice(0, 200)}`);
      }
      expect(app.alive(), `the app died while ${method} was fuzzed`).toBe(true);
    }
    const healthy = await appInfoAnswers();
    recordCheck({
      id: 'ipc-fuzz-methods',
      area: 'attack',
      check: 'IPC fuzzing, every contract method',
      tried: `${perMethod} malformed payloads for each of ${methodNames.length} methods over the browser-mode socket (non-objects, unknown keys, __proto__ keys, hostile and 100 kB strings, 100,000-deep nesting)`,
      attempts: sent,
      lost: 0,
      breached: breaches.length + (healthy ? 0 : 1) + (app.alive() ? 0 : 1),
      figures: { rejected, methods: methodNames.length, 'app RSS before (MB)': mb(rssBefore), 'app RSS after (MB)': mb(app.rssBytes()) },
    });
    expect(breaches.slice(0, 5)).toEqual([]);
    expect(rejected).toBe(sent);
    expect(healthy).toBe(true);
  });

  it('answers malformed frames with an error frame, closes a socket only for an oversized frame, and stays up', async () => {
    const count = proofCount(2000, 200);
    const random = seededRandom(7);
    const socket = await connected(openSocket(app.port, { token: app.token, origin: app.origin }));
    const makers: (() => string)[] = [
      () => hostileString(random),
      () => JSON.stringify(hostileValue(random)),
      () => JSON.stringify({ kind: 'request', id: '', method: 'app.info', params: {} }),
      () => JSON.stringify({ kind: 'request', id: 'x'.repeat(65), method: 'app.info', params: {} }),
      () => JSON.stringify({ kind: hostileString(random), id: 'a', method: 'app.info', params: {} }),
      () => JSON.stringify({ kind: 'request', id: 'a', method: 'm'.repeat(129), params: {} }),
      // A well-formed cancel gets no reply by design; these ids are never well-formed.
      () => JSON.stringify({ kind: 'cancel', id: random.pick([null, 0, {}, [], '', 'x'.repeat(65), true]) }),
      () => '{"kind":"request","id":"a","method":"app.info","params":{}',
    ];
    let errorFrames = 0;
    const unknownMethod = { sent: 0, refused: 0 };
    for (let i = 0; i < count; i += 1) {
      const before = socket.received.length;
      const text = random.pick(makers)();
      socket.send(text);
      const reply = (await socket.nextReply(before + 1)) as Reply | undefined;
      if (reply && (reply.kind === 'error' || (reply.kind === 'response' && reply.ok === false))) errorFrames += 1;
    }
    for (let i = 0; i < count / 10; i += 1) {
      const before = socket.received.length;
      let name = hostileString(random, { maxFragments: 3 }).slice(0, 120);
      if ((methodNames as readonly string[]).includes(name)) name += '!';
      socket.send({ kind: 'request', id: `u${i}`, method: name, params: {} });
      unknownMethod.sent += 1;
      const reply = (await socket.nextReply(before + 1)) as Reply | undefined;
      if (reply?.ok === false && reply.error?.code === ContractErrorCode.unknownMethod) unknownMethod.refused += 1;
    }

    // Binary frames are refused; a frame over the 8 MB limit closes that one socket (1009).
    const attacker = openSocket(app.port, { token: app.token, origin: app.origin });
    const closeCode = await new Promise<number>((resolve) => {
      attacker.once('open', () => {
        attacker.send(Buffer.from([0, 1, 2]));
        attacker.send(JSON.stringify({ kind: 'request', id: 'big', method: 'app.info', params: { x: 'y'.repeat(9 * 1024 * 1024) } }));
      });
      attacker.once('close', (code) => resolve(code));
    });
    const healthy = await appInfoAnswers();
    recordCheck({
      id: 'ipc-fuzz-frames',
      area: 'attack',
      check: 'IPC fuzzing, frames and unknown methods',
      tried: 'frames that are not JSON, not a request, with bad ids or method names; unknown hostile method names; a binary frame; a 9 MB frame',
      attempts: count + unknownMethod.sent + 2,
      lost: 0,
      breached: count - errorFrames + (unknownMethod.sent - unknownMethod.refused) + (closeCode === 1009 ? 0 : 1) + (healthy ? 0 : 1),
      figures: { 'error frames': errorFrames, 'unknown methods refused': unknownMethod.refused, 'oversized frame close code': closeCode },
    });
    expect(errorFrames).toBe(count);
    expect(unknownMethod.refused).toBe(unknownMethod.sent);
    expect(closeCode).toBe(1009);
    expect(healthy).toBe(true);
    expect(app.alive()).toBe(true);
  });
});
