import { connect } from 'node:net';
import type { Duplex } from 'node:stream';
import { AppError } from '../../../shared/errors';
import type { Backend } from '../backends/types';
import { isSshBackend } from '../ssh/sshBackend';

/** How a forward reaches its target: through one SSH connection, or directly on this computer. */
export interface ForwardRoute {
  dial(host: string, port: number): Promise<Duplex>;
  /** Called once if the connection under the route drops; never for this computer. */
  onDrop(listener: (reason: string) => void): () => void;
}

/** The cluster's current connection (connecting when needed), or this computer's loopback. */
export async function forwardRoute(backend: Backend): Promise<ForwardRoute> {
  if (isSshBackend(backend)) {
    const session = await backend.connection.current();
    return { dial: (host, port) => session.forwardOut(host, port), onDrop: (listener) => session.onClose(listener) };
  }
  return {
    dial: (host, port) =>
      new Promise((resolve, reject) => {
        const socket = connect({ host, port });
        socket.once('connect', () => resolve(socket));
        socket.once('error', (error) => reject(new AppError('forward-failed', `Could not reach ${host}:${port} on this computer: ${error.message}`)));
      }),
    onDrop: () => () => undefined,
  };
}
