import type { Params, Result, MethodName } from '../../../shared/contract/index';
import { connected, openSocket } from '../../support/browserHostClient';
import type { RunningApp } from './browserMode';

/**
 * Calls the contract of a running browser-mode app the way its page does (session cookie and
 * Origin checked by the host), so a test can arrange state (a saved cluster) or look behind the UI
 * (no job was submitted).
 */
export async function callContract<M extends MethodName>(app: RunningApp, method: M, params: Params<M>): Promise<Result<M>> {
  const socket = openSocket(app.port, { token: app.token, origin: app.origin });
  try {
    const session = await connected(socket);
    session.send({ kind: 'request', id: 'test-1', method, params });
    const deadline = Date.now() + 10_000;
    for (;;) {
      const reply = session.received.find((frame) => frame.kind === 'response' && frame.id === 'test-1');
      if (reply) {
        if (reply.ok !== true) throw new Error(`${method} failed: ${JSON.stringify(reply.error)}`);
        return reply.result as Result<M>;
      }
      if (Date.now() > deadline) throw new Error(`${method} got no reply in 10 s`);
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
  } finally {
    socket.close();
  }
}
