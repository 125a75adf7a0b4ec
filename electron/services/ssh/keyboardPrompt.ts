import type { KeyboardInteractiveCallback } from 'ssh2';
import type { SecretAnswer } from './authPrompter';

type Question = { kind: 'keyboard-interactive'; name: string; instructions: string; prompts: { prompt: string; echo: boolean }[] };

/**
 * Answers keyboard-interactive rounds. A lone hidden "Password:" is PAM asking for the account
 * password: it is asked (and kept) like a password, so a second try looks like the first one.
 * Anything else (a one-time code, several questions) is put to the person as the server wrote it.
 */
/**
 * PAM's own wording ("Password: ", "ada@host's password: "), nothing more: a prompt that only
 * mentions a password ("OTP, not your password:") is a question of its own, shown as written,
 * and never answered with a kept password.
 */
const pamPasswordPrompt = /^\s*(?:[\w.@-]+'s\s+)?password:\s*$/i;

export function keyboardPrompt(
  password: () => Promise<string | null>,
  ask: (question: Question) => Promise<SecretAnswer | null>,
): (name: string, instructions: string, lang: string, prompts: { prompt: string; echo?: boolean }[], finish: KeyboardInteractiveCallback) => void {
  return (name, instructions, _lang, prompts, finish) => {
    void (async () => {
      if (prompts.length === 0) return finish([]);
      if (prompts.length === 1 && !prompts[0]!.echo && pamPasswordPrompt.test(prompts[0]!.prompt)) {
        return finish([(await password()) ?? '']);
      }
      const answer = await ask({
        kind: 'keyboard-interactive',
        name,
        instructions,
        prompts: prompts.map((entry) => ({ prompt: entry.prompt, echo: entry.echo ?? false })),
      });
      finish(answer ? answer.values : prompts.map(() => ''));
    })();
  };
}
