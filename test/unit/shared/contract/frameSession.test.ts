import { describe, expect, it } from 'vitest';
import { FrameSession, maxInFlightPerSession } from '../../../../shared/contract/frameSession';
import { ContractErrorCode } from '../../../../shared/errors';
import { realDispatcher } from '../../../support/testHandlers';

function session(overrides = {}) {
  const { dispatcher, hub } = realDispatcher(overrides);
  const sent: Record<string, unknown>[] = [];
  const frames = new FrameSession(dispatcher, (text) => sent.push(JSON.parse(text)), 'memory', hub);
  const settle = () => new Promise((resolve) => setTimeout(resolve, 10));
  return { frames, sent, settle };
}

describe('FrameSession', () => {
  it.each([
    ['text that is not JSON', '{"kind":'],
    ['JSON that is not a frame', '[1,2,3]'],
    ['a frame of an unknown kind', '{"kind":"exec","cmd":"id"}'],
    ['a request without an id', '{"kind":"request","method":"app.info","params":{}}'],
  ])('answers %s with a malformed-frame error and keeps serving', async (_label, text) => {
    const { frames, sent, settle } = session();
    frames.receive(text);
    frames.receive(JSON.stringify({ kind: 'request', id: 'after', method: 'app.info', params: {} }));
    await settle();
    expect(sent[0]).toMatchObject({ kind: 'error', error: { code: ContractErrorCode.malformedFrame } });
    expect(sent[1]).toMatchObject({ kind: 'response', id: 'after', ok: true });
  });

  it('refuses a second request with an id already in flight', async () => {
    const { frames, sent, settle } = session({ 'app.info': () => new Promise(() => {}) });
    const frame = JSON.stringify({ kind: 'request', id: 'same', method: 'app.info', params: {} });
    frames.receive(frame);
    frames.receive(frame);
    await settle();
    expect(sent).toEqual([expect.objectContaining({ id: 'same', ok: false })]);
  });

  it(`refuses calls beyond ${maxInFlightPerSession} in flight instead of queueing without bound`, async () => {
    const { frames, sent, settle } = session({ 'app.info': () => new Promise(() => {}) });
    for (let index = 0; index <= maxInFlightPerSession; index += 1) {
      frames.receive(JSON.stringify({ kind: 'request', id: `r${index}`, method: 'app.info', params: {} }));
    }
    await settle();
    expect(sent).toEqual([expect.objectContaining({ id: `r${maxInFlightPerSession}`, ok: false })]);
  });

  it('aborts every in-flight call when the window goes away', async () => {
    const signals: AbortSignal[] = [];
    const { frames, settle } = session({
      'app.info': (_p: unknown, context: { signal: AbortSignal }) => {
        signals.push(context.signal);
        return new Promise(() => {});
      },
    });
    frames.receive(JSON.stringify({ kind: 'request', id: 'a', method: 'app.info', params: {} }));
    frames.receive(JSON.stringify({ kind: 'request', id: 'b', method: 'app.info', params: {} }));
    await settle();
    frames.close();
    expect(signals.map((signal) => signal.aborted)).toEqual([true, true]);
  });
});
