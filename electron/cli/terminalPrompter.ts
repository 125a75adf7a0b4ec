import { createInterface } from 'node:readline';
import { Writable } from 'node:stream';
import { visibleText } from '../../shared/security/visibleText';
import type { AuthPrompter } from '../services/ssh/authPrompter';

/**
 * Asks for passwords, passphrases and MFA codes on the terminal, echo off unless the server asked
 * for echo. Where there is no terminal (scripts, CI) nobody can answer and the login fails with
 * what to do instead. The server chooses a keyboard-interactive name, instructions and prompts:
 * they are shown escaped, so they cannot retitle the terminal, write the clipboard or draw a
 * prompt of their own over this one.
 */
export function terminalPrompter(input: NodeJS.ReadStream = process.stdin, output: NodeJS.WriteStream = process.stderr): AuthPrompter {
  if (!input.isTTY) return { ask: async () => null };
  return {
    ask: async (request) => {
      const prompts =
        request.kind === 'keyboard-interactive'
          ? request.prompts
          : [{ prompt: request.kind === 'password' ? `Password for ${request.user}@${request.host}: ` : `Passphrase for ${request.keyFile}: `, echo: false }];
      if (request.kind === 'keyboard-interactive') {
        if (request.name) output.write(`${visibleText(request.name)}\n`);
        if (request.instructions) output.write(`${visibleText(request.instructions, { keepLines: true })}\n`);
      }
      const values: string[] = [];
      for (const prompt of prompts) values.push(await readLine(input, output, visibleText(prompt.prompt), prompt.echo));
      return { values, save: false };
    },
  };
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
