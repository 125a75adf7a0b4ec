/**
 * What the SSH layer may ask of a person. It never opens UI itself: the desktop app turns a
 * request into an `auth.prompt` event and waits for the answer; the CLI asks on its terminal or,
 * with nobody there, answers null (and the connection fails with what to do).
 */
export type SecretRequest =
  | { kind: 'password'; host: string; port: number; user: string; hopLabel: string }
  | { kind: 'passphrase'; keyFile: string; hopLabel: string }
  | {
      kind: 'keyboard-interactive';
      host: string;
      port: number;
      user: string;
      hopLabel: string;
      name: string;
      instructions: string;
      prompts: { prompt: string; echo: boolean }[];
    };

/** The person's answer; `save` asks to keep a password or passphrase in the OS keychain. */
export type SecretAnswer = { values: string[]; save: boolean };

export interface AuthPrompter {
  ask(request: SecretRequest, signal?: AbortSignal): Promise<SecretAnswer | null>;
}

export const nobodyToAsk: AuthPrompter = { ask: async () => null };
