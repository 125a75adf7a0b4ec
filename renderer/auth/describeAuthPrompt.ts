import type { AuthPrompt } from './authPromptStore';

/** The dialog title: what is asked, and for what. */
export function describeAuthPrompt(prompt: AuthPrompt): string {
  switch (prompt.kind) {
    case 'password':
      return `Password for ${prompt.hopLabel}`;
    case 'passphrase':
      return prompt.keyFile ? `Passphrase for ${prompt.keyFile}` : `Key passphrase for ${prompt.hopLabel}`;
    case 'keyboard-interactive':
      return prompt.name.trim() !== '' ? `${prompt.name} (${prompt.hopLabel})` : `Sign in to ${prompt.hopLabel}`;
    default:
      return assertNever(prompt.kind);
  }
}

function assertNever(value: never): never {
  throw new Error(`Unexpected prompt kind: ${String(value)}`);
}
