import { rpcPath, rpcSubprotocol, tokenSubprotocolPrefix } from '../../shared/contract/browserMode';
import { FramePort } from '../../shared/contract/framePort';

/**
 * Browser mode: one WebSocket to the host that served this page. The one-time token from the URL
 * fragment goes in the handshake (a subprotocol), never in a URL the server logs.
 */
export function openWebSocketPort(token: string): Promise<FramePort> {
  const url = new URL(rpcPath, window.location.href);
  url.protocol = url.protocol === 'https:' ? 'wss:' : 'ws:';
  url.hash = '';
  const socket = new WebSocket(url, [rpcSubprotocol, tokenSubprotocolPrefix + token]);
  const port = new FramePort('websocket', (text) => socket.send(text));
  socket.addEventListener('message', (message) => {
    if (typeof message.data === 'string') port.receive(message.data);
  });
  return new Promise((resolve, reject) => {
    socket.addEventListener('open', () => resolve(port), { once: true });
    socket.addEventListener('close', (closed) => {
      port.disconnect(`The connection to Slurm Desk closed: ${describeClose(closed)}. Reload the page to reconnect.`);
      reject(new Error('Slurm Desk refused the connection. Open the exact address the app printed, including the part after #.'));
    });
  });
}

function describeClose(closed: CloseEvent): string {
  if (closed.code === 1009) return 'a message was larger than the app accepts';
  const reason = closed.reason.replace(/\.$/, '');
  if (closed.code === 1001) return reason || 'the app is shutting down';
  return reason || `code ${closed.code}`;
}
