import { describe, expect, it, vi } from 'vitest';
import { methodNames } from '../../shared/contract';
import { Dispatcher } from '../../shared/contract/dispatcher';
import { EventHub } from '../../shared/contract/eventHub';
import { ContractErrorCode } from '../../shared/errors';
import { hostileValue, seededRandom } from './support/hostileValues';
import { proofCount, recordCheck } from './support/proofRecorder';
import { realDispatcher } from '../support/testHandlers';

type Listener = (event: unknown, ...args: unknown[]) => unknown;
const channels = vi.hoisted(() => ({ handle: new Map<string, Listener>(), on: new Map<string, Listener>() }));

// Electron cannot run here; its ipcMain is only a registry of listeners, so a stand-in that keeps
// them lets the proof call the real registration code exactly as Electron would.
vi.mock('electron', () => ({
  ipcMain: {
    handle: (channel: string, listener: Listener) => channels.handle.set(channel, listener),
    on: (channel: string, listener: Listener) => channels.on.set(channel, listener),
  },
}));

const { registerContractIpc } = await import('../../electron/main/contractIpc');
const { methodChannel } = await import('../../electron/main/ipcChannels');

const appWindowId = 7;
const mainFrame = { url: 'app://slurmdesk/index.html' };
const trustedWindow = { id: appWindowId, mainFrame, send: () => undefined };

/** Senders that must never reach a handler: other windows, iframes, pages navigated away. */
const foreignSenders = [
  { label: 'another webContents', event: { sender: { id: 8, mainFrame }, senderFrame: mainFrame } },
  { label: 'an iframe on the app origin', event: { sender: { id: appWindowId, mainFrame }, senderFrame: { url: 'app://slurmdesk/index.html' } } },
  { label: 'an iframe of another site', event: { sender: { id: appWindowId, mainFrame }, senderFrame: { url: 'https://evil.example/' } } },
  { label: 'the window navigated to the web', event: (() => { const frame = { url: 'https://evil.example/' }; return { sender: { id: appWindowId, mainFrame: frame }, senderFrame: frame }; })() },
  { label: 'a local file page', event: (() => { const frame = { url: 'file:///tmp/x.html' }; return { sender: { id: appWindowId, mainFrame: frame }, senderFrame: frame }; })() },
  { label: 'a look-alike app host', event: (() => { const frame = { url: 'app://slurmdesk.evil/index.html' }; return { sender: { id: appWindowId, mainFrame: frame }, senderFrame: frame }; })() },
  { label: 'a frame that is gone', event: { sender: { id: appWindowId, mainFrame }, senderFrame: null } },
];

describe('Electron IPC: only the app window top frame may call main', () => {
  it('refuses every method from every foreign frame or origin before looking at the payload', async () => {
    const { dispatcher } = realDispatcher();
    const dispatched: string[] = [];
    const spy = new Dispatcher({} as never);
    spy.dispatch = async (method, params, context) => {
      dispatched.push(String(method));
      return dispatcher.dispatch(method, params, context);
    };
    registerContractIpc(spy, new EventHub(), () => [trustedWindow as never]);
    const random = seededRandom(31);
    const rounds = proofCount(30, 3);
    let attempts = 0;
    let refused = 0;
    for (const method of methodNames) {
      const listener = channels.handle.get(methodChannel(method));
      expect(listener, `no IPC channel for ${method}`).toBeDefined();
      for (let round = 0; round < rounds; round += 1) {
        for (const sender of foreignSenders) {
          attempts += 1;
          const reply = (await listener!(sender.event, `r${round}`, round === 0 ? {} : hostileValue(random))) as { ok: boolean; error?: { code: string } };
          if (!reply.ok && reply.error?.code === ContractErrorCode.unauthorized) refused += 1;
        }
      }
    }
    // The trusted window still gets through, and a malformed request id is refused.
    const appInfo = channels.handle.get(methodChannel('app.info'))!;
    // `once`: main ties what a window opens (terminals, forwards) to its 'destroyed' event.
    const trustedEvent = { sender: { id: appWindowId, mainFrame, once: () => undefined }, senderFrame: mainFrame };
    const fromApp = (await appInfo(trustedEvent, 'ok-1', {})) as { ok: boolean };
    const badIds = ['', 'a b', 'x'.repeat(65), '../', '$(id)'];
    let badIdsRefused = 0;
    for (const id of [...badIds, 42, null]) {
      const reply = (await appInfo(trustedEvent, id, {})) as { ok: boolean; error?: { code: string } };
      if (!reply.ok && reply.error?.code === ContractErrorCode.malformedFrame) badIdsRefused += 1;
    }
    const reachedDispatcher = dispatched.length;
    recordCheck({
      id: 'ipc-foreign-frame',
      area: 'attack',
      check: 'Electron IPC: foreign frame or origin',
      tried: `every method from ${foreignSenders.length} kinds of foreign sender (other window, iframes, navigated page, file page, look-alike host, gone frame), ${rounds} rounds; malformed request ids`,
      attempts: attempts + badIds.length + 2,
      lost: 0,
      breached: attempts - refused + (badIds.length + 2 - badIdsRefused) + (reachedDispatcher === 1 ? 0 : 1),
      figures: { refused, 'calls that reached the dispatcher': reachedDispatcher, 'trusted window answered': fromApp.ok ? 'yes' : 'no' },
    });
    expect(refused).toBe(attempts);
    expect(badIdsRefused).toBe(badIds.length + 2);
    expect(fromApp.ok).toBe(true);
    expect(dispatched).toEqual(['app.info']);
  });

  it("sends a window's own events (its terminal's output) to that window alone, and closes what it opened when it is destroyed", async () => {
    const sent: { window: number; event: unknown }[] = [];
    const destroyed = new Map<number, () => void>();
    const windowOf = (id: number) => ({
      id,
      mainFrame,
      send: (_channel: string, event: unknown) => sent.push({ window: id, event }),
      once: (_event: string, listener: () => void) => destroyed.set(id, listener),
    });
    const windows = [windowOf(7), windowOf(8)];
    let callerId: string | null = null;
    let gone = false;
    const { services } = realDispatcher();
    const dispatcher = new Dispatcher({
      ...services.handlers,
      'app.info': (params, context) => {
        callerId = context.caller?.id ?? null;
        context.caller?.onGone(() => (gone = true));
        return services.handlers['app.info'](params, context);
      },
    });
    const hub = new EventHub();
    registerContractIpc(dispatcher, hub, () => windows as never);
    const appInfo = channels.handle.get(methodChannel('app.info'))!;
    const fromEight = { sender: windows[1], senderFrame: mainFrame };
    expect(((await appInfo(fromEight, 'w8-1', {})) as { ok: boolean }).ok).toBe(true);
    expect(callerId).toBe('window-8');
    hub.emitTo(callerId!, 'terminal.output', { id: 'term-0123456789abcdef', data: 'secret screen' });
    hub.emit('app.notice', { level: 'info', message: 'for everyone' });
    expect(sent.map(({ window, event }) => `${window}:${String(event)}`)).toEqual(['8:terminal.output', '7:app.notice', '8:app.notice']);
    destroyed.get(8)!();
    expect(gone).toBe(true);
  });
});
