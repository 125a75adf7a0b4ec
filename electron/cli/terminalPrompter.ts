import { createInterface } from 'node:readline';
import { Writable } from 'node:stream';
import { visibleText } from '../../shared/security/visibleText';
import type { AuthPrompter, SecretRequest } from '../services/ssh/authPrompter';

/** Why a CLI without a terminal cannot sign in with a password, and what to do instead. */
export const noTerminalReason = 'cannot ask for a password here (no terminal); use a key, ssh-agent, or run in a terminal';

/**
 * Asks for passwords, passphrases and MFA codes on the terminal, echo off unless the server asked
 * for echo. What is typed is remembered for the rest of this command (in memory only), so a
 * command that connects again does not ask again; the next command asks afresh. Where there is no
 * terminal (scripts, CI) nobody can answer and the login fails with what to do instead. The
 * server chooses a keyboard-interactive name, instructions and prompts: they are shown escaped,
 * so they cannot retitle the terminal, write the clipboard or draw a prompt over this one.
 */
export function terminalPrompter(input: NodeJS.ReadStream = process.stdin, output: NodeJS.WriteStream = process.stderr): AuthPrompter {
  if (!input.isTTY) return { ask: async () => null, cannotAsk: () => noTerminalReason };
  return {
    cannotAsk: () => null,
    ask: async (request) => {
      output.write(`${introduction(request)}\n`);
      if (request.retry) output.write(`${request.retry}\n`);
      const prompts = request.kind === 'keyboard-interactive' ? request.prompts : [{ prompt: request.kind === 'password' ? 'Password: ' : `Passphrase for ${request.keyFile}: `, echo: false }];
      if (request.kind === 'keyboard-interactive') {
        if (request.name) output.write(`${fromServer(request.name)}\n`);
        if (request.instructions) output.write(`${fromServer(request.instructions)}\n`);
      }
      const values: string[] = [];
      for (const prompt of prompts) values.push(await readLine(input, output, request.kind === 'keyboard-interactive' ? fromServer(prompt.prompt) : prompt.prompt, prompt.echo));
      return { values, save: false, rememberForSession: request.kind !== 'keyboard-interactive' };
    },
  };
}

/** "Signing in to hpc (ana@hpc.example.org:22)", or through "the jump host (…) on the way to hpc". */
function introduction(request: SecretRequest): string {
  const where = request.hop ? `${request.hopLabel} on the way to ${request.cluster}` : `${request.cluster} (${request.hopLabel})`;
  return `Signing in to ${where}`;
}

/**
 * Text the server chose (keyboard-interactive names, instructions, prompts) passes through here
 * on its way to the terminal: the one place to make it safe to print.
 */
function fromServer(text: string): string {
  return visibleText(text, { keepLines: true });
}

function readLine(input: NodeJS.ReadStream, output: NodeJS.WriteStream, prompt: string, echo: boolean): Promise<string> {
  let muted = false;
  // Echo off: what is typed is not written back to the terminal.
  const sink = new Writable({
    write(chunk: Buffer, _encoding, done) {
      if (!muted) output.write(chunk);
      done();
    },
  });
  const reader = createInterface({ input, output: sink, terminal: true });
  return new Promise((resolve) => {
    reader.question(prompt, (answer) => {
      reader.close();
      if (!echo) output.write('\n');
      resolve(answer);
    });
    muted = !echo;
  });
}
