import type { SavedCredential } from '../../../shared/contract/settingsMethods';
import { parseCredentialAccount } from './credentialAccounts';

/** What a keychain entry is for, in words; built from its name alone, so no secret is involved. */
export function describeCredential(account: string): SavedCredential {
  const parsed = parseCredentialAccount(account);
  switch (parsed.kind) {
    case 'password':
      return { account, kind: parsed.kind, description: `Password for ${parsed.user}@${parsed.host}:${parsed.port}` };
    case 'passphrase':
      return { account, kind: parsed.kind, description: `Passphrase for ${parsed.keyPath}` };
    case 'kbd':
      return { account, kind: parsed.kind, description: `Answer to a sign-in question for ${parsed.user}@${parsed.host}:${parsed.port}` };
  }
}
