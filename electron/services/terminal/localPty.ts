import { spawn } from 'node:child_process';
import type { Writable } from 'node:stream';
import { AppError } from '../../../shared/errors';
import { ptyHelperSource } from './ptyHelperSource';
import type { PtyProcess, PtySize } from './ptyProcess';

/** `argv` on a pseudo-terminal on this computer, through the Python helper (never a shell line). */
export function spawnLocalPty(argv: readonly string[], size: PtySize, options: { cwd?: string; python?: string } = {}): Promise<PtyProcess> {
  const child = spawn(options.python ?? 'python3', ['-c', ptyHelperSource, String(size.cols), String(size.rows), ...argv], {
    cwd: options.cwd,
    env: { ...process.env, TERM: 'xterm-256color' },
    stdio: ['pipe', 'pipe', 'pipe', 'pipe'],
  });
  const control = child.stdio[3] as Writable;
  // Writes to a helper that just exited fail with EPIPE: the exit event says what happened.
  for (const stream of [child.stdin, control]) stream.on('error', () => undefined);
  return new Promise((resolve, reject) => {
    child.once('error', (error) => reject(new AppError('terminal-failed', `A terminal on this computer needs python3, which did not start: ${error.message}`)));
    child.once('spawn', () =>
      resolve({
        write: (data) => void child.stdin.write(data),
        resize: (cols, rows) => void control.write(`${cols} ${rows}\n`),
        kill: () => void child.kill('SIGHUP'),
        onData: (listener) => {
          child.stdout.on('data', listener);
          child.stderr.on('data', listener);
        },
        onExit: (listener) => child.once('close', (code) => listener(code)),
      }),
    );
  });
}
