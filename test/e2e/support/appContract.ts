import type { MethodName, Params, Result } from '../../../shared/contract/index';
import { openSocket } from '../../support/browserHostClient';
import type { RunningApp } from './browserMode';

/**
 * Calls the running app's contract from a test, over the same socket and token a page uses: for
 * setting up what a view should show (a saved profile, a finished job) without clicking through
 * another view first.
 */
export async function callApp<M extends MethodName>(app: RunningApp, method: M, params: Params<M>): Promise<Result<M>> {
  const socket = openSocket(app.port, { token: app.token, origin: app.origin });
  try {
    await new Promise<void>((resolve, reject) => {
      socket.once('open', () => resolve());
      socket.once('error', reject);
    });
    const id = `test-${Math.random().toString(16).slice(2)}`;
    const reply = new Promise<Record<string, unknown>>((resolve) =>
      socket.on('message', (data) => {
        const frame = JSON.parse(data.toString()) as Record<string, unknown>;
        if (frame.kind === 'response' && frame.id === id) resolve(frame);
      }),
    );
    socket.send(JSON.stringify({ kind: 'request', id, method, params }));
    const frame = await reply;
    if (frame.ok !== true) throw new Error(`${method} failed: ${JSON.stringify(frame.error)}`);
    return frame.result as Result<M>;
  } finally {
    socket.close();
  }
}
