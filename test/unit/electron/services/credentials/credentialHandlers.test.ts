import { describe, expect, it } from 'vitest';
import { Dispatcher } from '../../../../../shared/contract/dispatcher';
import { credentialAccounts } from '../../../../../electron/services/credentials/credentialAccounts';
import { createCredentialHandlers } from '../../../../../electron/services/credentials/credentialHandlers';
import type { CredentialStore } from '../../../../../electron/services/credentials/credentialStore';
import { KeychainCredentialStore, type KeytarApi } from '../../../../../electron/services/credentials/keychainCredentialStore';
import { MemoryCredentialStore } from '../../../../../electron/services/credentials/memoryCredentialStore';
import { realDispatcher } from '../../../../support/testHandlers';

const context = () => ({ signal: new AbortController().signal, transport: 'memory' as const });
const password = credentialAccounts.password('alice', 'HPC.example.org', 22);
const passphrase = credentialAccounts.passphrase('/home/a/.ssh/id_ed25519');
const kbd = credentialAccounts.keyboardInteractive('bob', 'gate.example.org', 2222, 'Verification code:');
const secrets = ['hunter2-password-secret', 'passphrase-secret-XYZ', 'one-time-777111'];

/** keytar stand-in that, like the real one, returns every password alongside its account. */
function keytarHolding(entries: Map<string, string>): KeytarApi {
  return {
    getPassword: async (_service, account) => entries.get(account) ?? null,
    setPassword: async (_service, account, secret) => void entries.set(account, secret),
    deletePassword: async (_service, account) => entries.delete(account),
    findCredentials: async () => [...entries].map(([account, secret]) => ({ account, password: secret })),
  };
}

async function dispatcherOver(store: CredentialStore): Promise<Dispatcher> {
  await store.save(password, secrets[0]!);
  await store.save(passphrase, secrets[1]!);
  await store.save(kbd, secrets[2]!);
  return new Dispatcher({ ...realDispatcher().services.handlers, ...createCredentialHandlers(store) });
}

const stores: [string, () => CredentialStore][] = [
  ['the in-memory fake', () => new MemoryCredentialStore()],
  ['the keychain store over keytar', () => new KeychainCredentialStore({ loadKeytar: () => keytarHolding(new Map()) })],
];

describe.each(stores)('credentials.list and credentials.delete over %s', (_name, makeStore) => {
  it('lists what each saved sign-in is for, and no secret anywhere in the reply', async () => {
    const dispatcher = await dispatcherOver(makeStore());
    const outcome = await dispatcher.dispatch('credentials.list', {}, context());
    expect(outcome.ok).toBe(true);
    const json = JSON.stringify(outcome);
    for (const secret of secrets) expect(json).not.toContain(secret);
    if (!outcome.ok) return;
    expect(outcome.result).toEqual({
      entries: [
        { account: kbd, kind: 'kbd', description: 'Answer to a sign-in question for bob@gate.example.org:2222' },
        { account: passphrase, kind: 'passphrase', description: 'Passphrase for /home/a/.ssh/id_ed25519' },
        { account: password, kind: 'password', description: 'Password for alice@hpc.example.org:22' },
      ],
    });
  });

  it('deletes one entry and leaves the others', async () => {
    const store = makeStore();
    const dispatcher = await dispatcherOver(store);
    expect(await dispatcher.dispatch('credentials.delete', { account: password }, context())).toEqual({ ok: true, result: { removed: true } });
    expect(await store.load(password)).toBeNull();
    expect(await store.load(passphrase)).toBe(secrets[1]);
    expect(await dispatcher.dispatch('credentials.delete', { account: password }, context())).toEqual({ ok: true, result: { removed: false } });
  });

  it('refuses a name that is not a canonical account, without touching the store', async () => {
    const store = makeStore();
    const dispatcher = await dispatcherOver(store);
    const outcome = await dispatcher.dispatch('credentials.delete', { account: 'password:alice@HPC.example.org:22' }, context());
    expect(outcome).toMatchObject({ ok: false, error: { code: 'invalid-credential-account' } });
    expect(await store.list()).toHaveLength(3);
  });
});
