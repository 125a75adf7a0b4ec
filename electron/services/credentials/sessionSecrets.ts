import { checkCredentialAccount } from './credentialAccounts';

/**
 * Passwords and passphrases the person asked to keep "for this session", where there is no
 * keychain: held in this process's memory only (never written, never sent to a window), under
 * the same account names as the keychain, and gone when the process ends. The desktop app and
 * browser mode keep one for their lifetime; the CLI has one per command.
 */
export class SessionSecrets {
  private readonly secrets = new Map<string, string>();

  remember(account: string, secret: string): void {
    if (secret !== '') this.secrets.set(checkCredentialAccount(account), secret);
  }

  recall(account: string): string | null {
    return this.secrets.get(account) ?? null;
  }

  /** A remembered secret the server refused is dropped, so the person is asked afresh. */
  forget(account: string): void {
    this.secrets.delete(account);
  }

  clear(): void {
    this.secrets.clear();
  }
}
