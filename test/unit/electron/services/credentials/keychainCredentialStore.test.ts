import { describe, expect, it } from 'vitest';
import { AppError } from '../../../../../shared/errors';
import { credentialAccounts } from '../../../../../electron/services/credentials/credentialAccounts';
import { KeychainCredentialStore, type KeytarApi } from '../../../../../electron/services/credentials/keychainCredentialStore';

// The real keytar against gnome-keyring is test/integration/credentials/keychain.test.ts. Here a
// fake keytar reaches the paths a real keychain rarely shows: load failures and odd messages.
const account = credentialAccounts.password('alice', 'hpc.example.org', 22);

function fakeKeytar(overrides: Partial<KeytarApi> = {}): KeytarApi & { calls: string[] } {
  const entries = new Map<string, string>();
  const calls: string[] = [];
  const key = (service: string, name: string) => `${service}\n${name}`;
  return {
    calls,
    async setPassword(service, name, secret) {
      calls.push(`set ${service} ${name}`);
      entries.set(key(service, name), secret);
    },
    async getPassword(service, name) {
      calls.push(`get ${service} ${name}`);
      return entries.get(key(service, name)) ?? null;
    },
    async deletePassword(service, name) {
      calls.push(`delete ${service} ${name}`);
      return entries.delete(key(service, name));
    },
    async findCredentials(service) {
      calls.push(`find ${service}`);
      return [...entries].filter(([k]) => k.startsWith(`${service}\n`)).map(([k, password]) => ({ account: k.split('\n')[1]!, password }));
    },
    ...overrides,
  };
}

async function failure(promise: Promise<unknown>): Promise<AppError> {
  const error: unknown = await promise.then(() => null, (caught: unknown) => caught);
  expect(error).toBeInstanceOf(AppError);
  return error as AppError;
}

describe('KeychainCredentialStore', () => {
  it('loads keytar only on first use, so the app starts where keytar cannot load', async () => {
    let loads = 0;
    const store = new KeychainCredentialStore({ loadKeytar: () => { loads += 1; return fakeKeytar(); } });
    expect(loads).toBe(0);
    await store.load(account);
    await store.load(account);
    expect(loads).toBe(1);
  });

  it('stores under the service name slurmdesk and lists account names only', async () => {
    const keytar = fakeKeytar();
    const store = new KeychainCredentialStore({ loadKeytar: () => keytar });
    await store.save(account, 'hunter2');
    await keytar.setPassword('slurmdesk', 'left by something else', 'x');
    await keytar.setPassword('another-app', credentialAccounts.passphrase('/k'), 'y');
    expect(keytar.calls[0]).toBe(`set slurmdesk ${account}`);
    expect(await store.load(account)).toBe('hunter2');
    expect(await store.list()).toEqual([account]);
    expect(await store.remove(account)).toBe(true);
    expect(await store.remove(account)).toBe(false);
  });

  it('checks the account name before it reaches keytar', async () => {
    const keytar = fakeKeytar();
    const store = new KeychainCredentialStore({ loadKeytar: () => keytar });
    expect((await failure(store.save('hunter2', 'x'))).code).toBe('invalid-credential-account');
    expect((await failure(store.save(account, 'a\0b'))).code).toBe('invalid-credential-secret');
    expect(keytar.calls).toEqual([]);
  });

  it('turns "no session bus" into keychain-unavailable that says what to do', async () => {
    const store = new KeychainCredentialStore({
      loadKeytar: () => fakeKeytar({ getPassword: () => Promise.reject(new Error('Cannot autolaunch D-Bus without X11 $DISPLAY')) }),
    });
    const error = await failure(store.load(account));
    expect(error.code).toBe('keychain-unavailable');
    expect(error.message).toContain(account);
    expect(error.message).toContain('no Secret Service (D-Bus) session; unlock your keyring or run inside a desktop session');
    expect(error.message).toContain('Cannot autolaunch D-Bus without X11 $DISPLAY');
  });

  it('says the keyring is locked when libsecret finds no login collection', async () => {
    const store = new KeychainCredentialStore({
      loadKeytar: () =>
        fakeKeytar({ setPassword: () => Promise.reject(new Error('Object does not exist at path “/org/freedesktop/secrets/collection/login”')) }),
    });
    const error = await failure(store.save(account, 'hunter2'));
    expect(error.code).toBe('keychain-unavailable');
    expect(error.message).toMatch(/keyring is locked.*unlock your keyring/);
  });

  it('never puts the secret in an error, even if keytar echoed it', async () => {
    const store = new KeychainCredentialStore({
      loadKeytar: () => fakeKeytar({ setPassword: (_s, _a, secret) => Promise.reject(new Error(`refused ${secret} for reasons`)) }),
    });
    const error = await failure(store.save(account, 'hunter2-very-secret'));
    expect(error.message).not.toContain('hunter2-very-secret');
    expect(error.message).toContain('refused [secret] for reasons');
  });

  it('explains a keytar that cannot load: missing libsecret, or a module to rebuild', async () => {
    const noLibsecret = new KeychainCredentialStore({
      loadKeytar: () => {
        throw new Error('libsecret-1.so.0: cannot open shared object file: No such file or directory');
      },
    });
    const first = await failure(noLibsecret.list());
    expect(first.code).toBe('keychain-unavailable');
    expect(first.message).toContain('sudo apt-get install libsecret-1-0');

    const unbuilt = new KeychainCredentialStore({
      loadKeytar: () => {
        throw new Error("Cannot find module '../build/Release/keytar.node'");
      },
    });
    const second = await failure(unbuilt.load(account));
    expect(second.message).toContain('npm rebuild keytar');
    expect(second.message).toContain("Cannot find module '../build/Release/keytar.node'");
  });

  it('tells whether a save would work by writing and removing a probe, and why not in words', async () => {
    const keytar = fakeKeytar();
    const working = new KeychainCredentialStore({ loadKeytar: () => keytar });
    expect(await working.status()).toEqual({ available: true, reason: null });
    expect(await working.list()).toEqual([]);
    expect(keytar.calls.filter((call) => call.startsWith('set') || call.startsWith('delete'))).toHaveLength(2);
    // A working keychain is asked once per process.
    await working.status();
    expect(keytar.calls.filter((call) => call.startsWith('set'))).toHaveLength(1);

    // Reads work on a locked keyring; only a write shows that a save would fail.
    const locked = new KeychainCredentialStore({
      loadKeytar: () => fakeKeytar({ setPassword: () => Promise.reject(new Error('Object does not exist at path “/org/freedesktop/secrets/collection/login”')) }),
    });
    expect(await locked.status()).toEqual({ available: false, reason: 'the keyring is locked (or has no default "login" keyring); unlock your keyring and try again' });
    const noBus = new KeychainCredentialStore({ loadKeytar: () => fakeKeytar({ setPassword: () => Promise.reject(new Error('Could not connect: No such file or directory')) }) });
    expect((await noBus.status()).reason).toBe('there is no Secret Service (D-Bus) session; unlock your keyring or run inside a desktop session');
  });
});
