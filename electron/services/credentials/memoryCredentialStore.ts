import { checkCredentialAccount } from './credentialAccounts';
import { AppError } from '../../../shared/errors';
import { assertStorableSecret, CredentialErrorCode, type CredentialStore } from './credentialStore';

/**
 * A fake CredentialStore for tests: secrets in a Map, gone with the process. It applies the same
 * checks as the keychain store (canonical account names, storable secrets), so code tested
 * against it fails the same way in the app. Never use it outside tests.
 */
export class MemoryCredentialStore implements CredentialStore {
  private readonly secrets = new Map<string, string>();

  /** `unavailable`: the reason every save fails, to play a machine without a usable keychain. */
  constructor(private readonly unavailable: string | null = null) {}

  async status() {
    return { available: this.unavailable === null, reason: this.unavailable };
  }

  async save(account: string, secret: string): Promise<void> {
    checkCredentialAccount(account);
    assertStorableSecret(account, secret);
    if (this.unavailable !== null) throw new AppError(CredentialErrorCode.keychainUnavailable, `Could not save the credential ${account}: ${this.unavailable}.`);
    this.secrets.set(account, secret);
  }

  async load(account: string): Promise<string | null> {
    return this.secrets.get(checkCredentialAccount(account)) ?? null;
  }

  async remove(account: string): Promise<boolean> {
    return this.secrets.delete(checkCredentialAccount(account));
  }

  async list(): Promise<string[]> {
    return [...this.secrets.keys()].sort();
  }
}
