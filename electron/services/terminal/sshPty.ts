import type { SshSession } from '../ssh/sshSession';
import type { PtyProcess, PtySize } from './ptyProcess';

/**
 * A pseudo-terminal on the cluster: the login shell, or `command` (already quoted). It holds one
 * of the connection's channel slots while open, so commands queue rather than fail beside it.
 */
export async function openSshPty(session: SshSession, command: string | null, size: PtySize): Promise<PtyProcess> {
  let release = () => undefined as void;
  const held = new Promise<void>((resolve) => (release = resolve));
  const channel = await new Promise<Awaited<ReturnType<SshSession['openPty']>>>((resolve, reject) => {
    void session.limiter
      .run(async () => {
        resolve(await session.openPty(command, size));
        await held;
      })
      .catch(reject);
  });
  let exitCode: number | null = null;
  channel.on('exit', (code: number | null) => (exitCode = typeof code === 'number' ? code : null));
  channel.once('close', release);
  return {
    write: (data) => void channel.write(data),
    resize: (cols, rows) => channel.setWindow(rows, cols, 0, 0),
    kill: () => channel.close(),
    onData: (listener) => {
      channel.on('data', listener);
      channel.stderr.on('data', listener);
    },
    onExit: (listener) => channel.once('close', () => listener(exitCode)),
  };
}
