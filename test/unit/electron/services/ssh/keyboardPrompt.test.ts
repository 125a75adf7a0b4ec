import { describe, expect, it } from 'vitest';
import { keyboardPrompt } from '../../../../../electron/services/ssh/keyboardPrompt';

/** Which way one keyboard-interactive round went: to the account password, or to the person as written. */
async function route(prompt: string, echo = false): Promise<'password' | 'asked'> {
  let went: 'password' | 'asked' | null = null;
  const answer = keyboardPrompt(
    async () => {
      went = 'password';
      return 'secret';
    },
    async () => {
      went = 'asked';
      return { values: ['123456'], save: false };
    },
  );
  await new Promise<void>((resolve) => answer('', '', '', [{ prompt, echo }], () => resolve()));
  return went!;
}

describe('keyboardPrompt', () => {
  it("takes PAM's own password prompts for the account password", async () => {
    expect(await route('Password: ')).toBe('password');
    expect(await route("ada@login.example.org's password: ")).toBe('password');
  });

  it('puts every other question to the person as the server wrote it, never answering it with a kept password', async () => {
    expect(await route('OTP (not your password): ')).toBe('asked');
    expect(await route('Verification code: ')).toBe('asked');
    expect(await route('\u001b]0;x\u0007\rPassword: ')).toBe('asked');
    expect(await route('Password: ', true)).toBe('asked');
  });
});
