import ssh2 from 'ssh2';
import { AppError } from '../../../shared/errors';
import { connectionError } from './sshErrors';

const { Client } = ssh2; // CommonJS: named exports come from the default export in ESM bundles

/**
 * The host key a server presents, fetched the way ssh-keyscan does: the key exchange runs, the
 * key is captured, and the connection is dropped before any authentication is attempted.
 */
export function scanHostKey(host: string, port: number, timeoutMs = 15_000): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const client = new Client();
    let key: Buffer | null = null;
    client.on('error', (error) => {
      if (key) resolve(key);
      else reject(error instanceof AppError ? error : connectionError(error, `${host}:${port}`, null));
    });
    client.on('close', () => (key ? resolve(key) : reject(new AppError('scan-failed', `${host}:${port} closed the connection before showing its host key.`))));
    client.connect({
      host,
      port,
      username: 'slurmdesk-host-key-scan',
      readyTimeout: timeoutMs,
      hostVerifier: (presented: Buffer) => {
        key = presented;
        return false; // stop here: nothing past the key exchange
      },
    });
  });
}
