import type { Dispatcher } from './dispatcher';
import type { EventHub } from './eventHub';
import { FramePort } from './framePort';
import { FrameSession } from './frameSession';

/**
 * The in-memory transport: the client and the server talk through the same JSON frames the
 * socket carries (so anything that would not survive serialization fails here too), delivered on
 * a microtask so ordering matches an asynchronous wire.
 */
export function connectInMemory(dispatcher: Dispatcher, hub: EventHub): { port: FramePort; close: () => void } {
  let session: FrameSession | null = null;
  const port = new FramePort('memory', (text) => queueMicrotask(() => session?.receive(text)));
  session = new FrameSession(dispatcher, (text) => queueMicrotask(() => port.receive(text)), 'memory', hub);
  return {
    port,
    close: () => {
      session?.close();
      session = null;
      port.disconnect('The in-memory connection was closed.');
    },
  };
}
