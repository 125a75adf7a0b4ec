import type { KeychainStatus } from '../../../shared/contract/settingsMethods';
import { AppError } from '../../../shared/errors';

/**
 * Where secrets live: the OS keychain in the app (keychainCredentialStore.ts), an in-memory fake
 * in tests (memoryCredentialStore.ts). Accounts are names built by credentialAccounts.ts and never
 * contain a secret; secrets only go in through save and come out through load.
 */
export interface CredentialStore {
  save(account: string, secret: string): Promise<void>;
  /** The stored secret, or null when there is none. */
  load(account: string): Promise<string | null>;
  /** True when something was stored under this account and is now gone. */
  remove(account: string): Promise<boolean>;
  /** The account names that hold a secret, sorted; never the secrets. */
  list(): Promise<string[]>;
  /** Whether a secret can be saved now; when not, why, so "Save in keychain" is not offered in vain. */
  status(): Promise<KeychainStatus>;
}

export const CredentialErrorCode = {
  invalidAccount: 'invalid-credential-account',
  invalidSecret: 'invalid-credential-secret',
  keychainUnavailable: 'keychain-unavailable',
} as const;

/**
 * Refuses what a keychain would store wrongly: libsecret keeps secrets as C strings, so one with
 * a NUL character would come back cut short. The message names the account, never the secret.
 */
export function assertStorableSecret(account: string, secret: string): void {
  if (typeof secret !== 'string' || secret.length === 0) {
    throw new AppError(CredentialErrorCode.invalidSecret, `The secret for ${account} is empty; there is nothing to save.`);
  }
  if (secret.includes('\0')) {
    throw new AppError(
      CredentialErrorCode.invalidSecret,
      `The secret for ${account} contains a NUL character, which the OS keychain would cut off; it was not saved.`,
    );
  }
}
