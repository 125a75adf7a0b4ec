import { rpcPath, rpcSubprotocol } from '../../shared/contract/browserMode';
import { FramePort } from '../../shared/contract/framePort';

/**
 * Browser mode: one WebSocket to the host that served this page. It is authenticated by the
 * HttpOnly session cookie the host set when this browser launched the app; the page never holds
 * the secret itself.
 */
export function openWebSocketPort(): Promise<FramePort> {
  const url = new URL(rpcPath, window.location.href);
  url.protocol = url.protocol === 'https:' ? 'wss:' : 'ws:';
  url.hash = '';
  const socket = new WebSocket(url, [rpcSubprotocol]);
  const port = new FramePort('websocket', (text) => socket.send(text));
  socket.addEventListener('message', (message) => {
    if (typeof message.data === 'string') port.receive(message.data);
  });
  return new Promise((resolve, reject) => {
    socket.addEventListener('open', () => resolve(port), { once: true });
    socket.addEventListener('close', (closed) => {
      port.disconnect(`The connection to Slurm Desk closed: ${describeClose(closed)}. Reload the page to reconnect.`);
      reject(
        new Error(
          'Slurm Desk refused the connection: this browser has not been launched by it. Open the launch page Slurm Desk printed (or the one-time address it printed).',
        ),
      );
    });
  });
}

function describeClose(closed: CloseEvent): string {
  if (closed.code === 1009) return 'a message was larger than the app accepts';
  const reason = closed.reason.replace(/\.$/, '');
  if (closed.code === 1001) return reason || 'the app is shutting down';
  return reason || `code ${closed.code}`;
}
