import { contextBridge, ipcRenderer } from 'electron';
import { isEventName, methodNames } from '../../shared/contract';
import type { WireResult } from '../../shared/contract/frames';
import { cancelChannel, eventChannel, methodChannel } from '../main/ipcChannels';

/**
 * The renderer's whole view of main: one function per contract method, a cancel, and an event
 * subscription. No generic invoke and no ipcRenderer cross the bridge, so a compromised page can
 * only make the calls the contract defines (and main still checks every payload).
 */
const methods: Record<string, (requestId: string, params: unknown) => Promise<WireResult>> = {};
for (const method of methodNames) {
  const channel = methodChannel(method);
  methods[method] = (requestId, params) => ipcRenderer.invoke(channel, requestId, params) as Promise<WireResult>;
}

contextBridge.exposeInMainWorld('slurmdesk', {
  methods: Object.freeze(methods),
  cancel: (requestId: string) => ipcRenderer.send(cancelChannel, requestId),
  onEvent: (listener: (event: string, payload: unknown) => void) => {
    const forward = (_event: Electron.IpcRendererEvent, name: unknown, payload: unknown) => {
      if (isEventName(name)) listener(name, payload);
    };
    ipcRenderer.on(eventChannel, forward);
    return () => ipcRenderer.removeListener(eventChannel, forward);
  },
});
