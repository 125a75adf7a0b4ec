import type { Handlers } from '../../../shared/contract/dispatcher';
import { checkCredentialAccount } from './credentialAccounts';
import type { CredentialStore } from './credentialStore';
import { describeCredential } from './describeCredential';

/**
 * The renderer may see which sign-ins are saved and delete one; it never reads a secret. The
 * store's list() already hands out names only, and only names go into the reply.
 */
export function createCredentialHandlers(credentials: CredentialStore): Pick<Handlers, 'credentials.list' | 'credentials.delete' | 'credentials.keychainStatus'> {
  return {
    'credentials.list': async () => ({ entries: (await credentials.list()).map(describeCredential) }),
    'credentials.keychainStatus': () => credentials.status(),
    'credentials.delete': async ({ account }) => ({ removed: await credentials.remove(checkCredentialAccount(account)) }),
  };
}
