/**
 * What the SSH layer may ask of a person. It never opens UI itself: the desktop app turns a
 * request into an `auth.prompt` event and waits for the answer; the CLI asks on its terminal or,
 * with nobody there, says so (and the connection fails with what to do).
 */
export type SignInPlace = {
  /** The saved cluster, as the person named it. */
  cluster: string;
  /** "jump host 1" on the way to the cluster, or null for the cluster itself. */
  hop: string | null;
  /** Both together, for messages: "jump host 1 (ana@gw.example.org:22)" or "ana@hpc.example.org:22". */
  hopLabel: string;
  /** Why the person is asked again ("The password was not accepted"), or null the first time. */
  retry: string | null;
};

export type SecretRequest =
  | (SignInPlace & { kind: 'password'; host: string; port: number; user: string })
  | (SignInPlace & { kind: 'passphrase'; keyFile: string; host: string; port: number; user: string })
  | (SignInPlace & {
      kind: 'keyboard-interactive';
      host: string;
      port: number;
      user: string;
      name: string;
      instructions: string;
      prompts: { prompt: string; echo: boolean }[];
    });

/**
 * The person's answer. `save` asks to keep a password or passphrase in the OS keychain;
 * `rememberForSession` to keep it in this process's memory until it ends.
 */
export type SecretAnswer = { values: string[]; save: boolean; rememberForSession?: boolean };

export interface AuthPrompter {
  ask(request: SecretRequest, signal?: AbortSignal): Promise<SecretAnswer | null>;
  /** Why nobody can be asked right now (no terminal, no window), or null when someone can. */
  cannotAsk?(): string | null;
}

export const nobodyToAsk: AuthPrompter = { ask: async () => null, cannotAsk: () => 'there is nobody to ask for a password' };
