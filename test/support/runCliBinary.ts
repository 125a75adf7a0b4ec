import { spawn } from 'node:child_process';
import { join } from 'node:path';

export const repoRoot = join(import.meta.dirname, '..', '..');
export const cliEntry = join(repoRoot, 'out', 'cli', 'main.mjs');

export type CliRun = { code: number | null; stdout: string; stderr: string; bytes: Buffer };

/**
 * Runs the built `slurmdesk` as a person would, in a scratch home and data folder, without
 * blocking this process (an in-process server may have to answer it). With `tty`, it runs under
 * util-linux `script`, so its stdin and stdout are a real pseudo-terminal; `bytes` is then what
 * reached that terminal, stdout and stderr together, and `answer` is typed each time `when` appears.
 */
export function runCli(
  args: readonly string[],
  options: { home: string; cwd?: string; tty?: boolean; answer?: { when: string; text: string }; timeoutMs?: number },
): Promise<CliRun> {
  const env: NodeJS.ProcessEnv = { ...process.env, HOME: options.home, SLURMDESK_HOME: join(options.home, 'data'), TERM: 'xterm' };
  delete env.SSH_AUTH_SOCK;
  const argv = [process.execPath, cliEntry, ...args];
  const child = options.tty
    ? spawn('script', ['-qefc', argv.map(shellWord).join(' '), '/dev/null'], { cwd: options.cwd ?? repoRoot, env })
    : spawn(argv[0]!, argv.slice(1), { cwd: options.cwd ?? repoRoot, env, stdio: ['ignore', 'pipe', 'pipe'] });
  const out: Buffer[] = [];
  const err: Buffer[] = [];
  let answered = 0;
  child.stdout!.on('data', (chunk: Buffer) => {
    out.push(chunk);
    if (!options.answer) return;
    // Each time the question appears (a refused answer is asked again), it is answered once.
    const asked = Buffer.concat(out).toString('utf8').split(options.answer.when).length - 1;
    for (; answered < asked; answered += 1) child.stdin!.write(options.answer.text);
  });
  child.stderr!.on('data', (chunk: Buffer) => err.push(chunk));
  const timer = setTimeout(() => child.kill('SIGKILL'), options.timeoutMs ?? 120_000);
  return new Promise((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(timer);
      if (options.tty) child.stdin!.end();
      const bytes = Buffer.concat(out);
      resolve({ code, stdout: bytes.toString('utf8'), stderr: Buffer.concat(err).toString('utf8'), bytes });
    });
  });
}

function shellWord(word: string): string {
  return `'${word.replace(/'/g, `'\\''`)}'`;
}
