import { ipcMain, type IpcMainEvent, type IpcMainInvokeEvent, type WebContents } from 'electron';
import { methodNames } from '../../shared/contract';
import { CallerHandle } from '../../shared/contract/caller';
import type { Dispatcher } from '../../shared/contract/dispatcher';
import type { EventHub } from '../../shared/contract/eventHub';
import type { WireResult } from '../../shared/contract/frames';
import { ContractError, ContractErrorCode, serializeError } from '../../shared/errors';
import { cancelChannel, eventChannel, methodChannel } from './ipcChannels';
import { isTrustedSender } from './trustedSender';

const requestIdPattern = /^[A-Za-z0-9._-]{1,64}$/;

/**
 * The only code that touches ipcMain. Each contract method gets its own channel; every message is
 * checked for its sender (the app's own top frame) before its payload is even looked at, then the
 * dispatcher checks the payload against the schema.
 */
export function registerContractIpc(dispatcher: Dispatcher, hub: EventHub, trustedWindows: () => WebContents[]) {
  const inFlight = new Map<string, AbortController>();
  // One caller per window, gone when the window is destroyed: what it opened closes with it.
  const callers = new Map<number, CallerHandle>();
  const callerOf = (contents: WebContents): CallerHandle => {
    let caller = callers.get(contents.id);
    if (!caller) {
      const created = new CallerHandle(`window-${contents.id}`);
      callers.set(contents.id, created);
      contents.once('destroyed', () => {
        callers.delete(contents.id);
        created.gone();
      });
      caller = created;
    }
    return caller;
  };
  const trustedIds = () => new Set(trustedWindows().map((contents) => contents.id));
  const trusted = (event: IpcMainInvokeEvent | IpcMainEvent) =>
    isTrustedSender(
      {
        webContentsId: event.sender.id,
        frameUrl: event.senderFrame?.url ?? null,
        isMainFrame: event.senderFrame !== null && event.senderFrame === event.sender.mainFrame,
      },
      trustedIds(),
    );

  for (const method of methodNames) {
    ipcMain.handle(methodChannel(method), async (event, requestId: unknown, params: unknown): Promise<WireResult> => {
      if (!trusted(event)) {
        return refusal(new ContractError(ContractErrorCode.unauthorized, 'Only the Slurm Desk window may call the app.'));
      }
      if (typeof requestId !== 'string' || !requestIdPattern.test(requestId)) {
        return refusal(new ContractError(ContractErrorCode.malformedFrame, 'The request id is missing or malformed.'));
      }
      const key = `${event.sender.id}:${requestId}`;
      const controller = new AbortController();
      inFlight.set(key, controller);
      try {
        return await dispatcher.dispatch(method, params, { signal: controller.signal, transport: 'electron', caller: callerOf(event.sender) });
      } finally {
        inFlight.delete(key);
      }
    });
  }

  ipcMain.on(cancelChannel, (event, requestId: unknown) => {
    if (!trusted(event) || typeof requestId !== 'string') return;
    inFlight.get(`${event.sender.id}:${requestId}`)?.abort();
  });

  return hub.subscribe((name, payload, to) => {
    for (const contents of trustedWindows()) {
      if (to === null || to === `window-${contents.id}`) contents.send(eventChannel, name, payload);
    }
  });
}

function refusal(error: ContractError): WireResult {
  return { ok: false, error: serializeError(error) };
}
