import type { AuthPrompt } from './authPromptStore';

/** The dialog title: what is asked, and for which cluster. */
export function describeAuthPrompt(prompt: AuthPrompt): string {
  switch (prompt.kind) {
    case 'password':
      return `Password for ${prompt.cluster}`;
    case 'passphrase':
      return prompt.keyFile ? `Passphrase for ${prompt.keyFile}` : `Key passphrase for ${prompt.cluster}`;
    case 'keyboard-interactive':
      return prompt.name.trim() !== '' ? `${prompt.name} (${prompt.cluster})` : `Sign in to ${prompt.cluster}`;
    default:
      return assertNever(prompt.kind);
  }
}

/** The account being signed in to, as ssh writes it: user@host:port. */
export function authPromptAccount(prompt: AuthPrompt): string | null {
  if (prompt.user === null || prompt.host === null || prompt.port === null) return null;
  return `${prompt.user}@${prompt.host}:${prompt.port}`;
}

function assertNever(value: never): never {
  throw new Error(`Unexpected prompt kind: ${String(value)}`);
}
