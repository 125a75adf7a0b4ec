import { describe, expect, it } from 'vitest';
import { AppError } from '../../../../../shared/errors';
import { credentialAccounts } from '../../../../../electron/services/credentials/credentialAccounts';
import { MemoryCredentialStore } from '../../../../../electron/services/credentials/memoryCredentialStore';

const password = credentialAccounts.password('alice', 'hpc.example.org', 22);
const passphrase = credentialAccounts.passphrase('/home/alice/.ssh/id_ed25519');
const kbd = credentialAccounts.keyboardInteractive('alice', 'hpc.example.org', 22, 'PIN: ');

describe('MemoryCredentialStore (the fake used by tests)', () => {
  it('loads what it saved, and null for what it never saw', async () => {
    const store = new MemoryCredentialStore();
    await store.save(password, 'correct horse');
    await store.save(passphrase, 'pässwörd 🔑');
    expect(await store.load(password)).toBe('correct horse');
    expect(await store.load(passphrase)).toBe('pässwörd 🔑');
    expect(await store.load(kbd)).toBeNull();
  });

  it('replaces a secret saved again under the same account', async () => {
    const store = new MemoryCredentialStore();
    await store.save(password, 'old');
    await store.save(password, 'new');
    expect(await store.load(password)).toBe('new');
    expect(await store.list()).toEqual([password]);
  });

  it('removes: true the first time, false after, and the secret is gone', async () => {
    const store = new MemoryCredentialStore();
    await store.save(kbd, '1234');
    expect(await store.remove(kbd)).toBe(true);
    expect(await store.remove(kbd)).toBe(false);
    expect(await store.load(kbd)).toBeNull();
    expect(await store.list()).toEqual([]);
  });

  it('lists account names only, sorted, never a secret', async () => {
    const store = new MemoryCredentialStore();
    await store.save(password, 'secret-one');
    await store.save(passphrase, 'secret-two');
    await store.save(kbd, 'secret-three');
    const listed = await store.list();
    expect(listed).toEqual([kbd, passphrase, password].sort());
    expect(listed.join('\n')).not.toMatch(/secret-/);
  });

  it('keeps each instance separate', async () => {
    const first = new MemoryCredentialStore();
    await first.save(password, 'x');
    expect(await new MemoryCredentialStore().load(password)).toBeNull();
  });

  it('refuses malformed account names on every call, like the keychain store', async () => {
    const store = new MemoryCredentialStore();
    for (const call of [() => store.save('alice', 's'), () => store.load('password:alice@HPC:22'), () => store.remove('')]) {
      await expect(call()).rejects.toMatchObject({ code: 'invalid-credential-account' });
    }
  });

  it('refuses an empty secret and one with a NUL character, without echoing it', async () => {
    const store = new MemoryCredentialStore();
    await expect(store.save(password, '')).rejects.toMatchObject({ code: 'invalid-credential-secret' });
    const error: unknown = await store.save(password, 'abc\0hunter2').catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(AppError);
    expect((error as AppError).code).toBe('invalid-credential-secret');
    expect((error as AppError).message).toContain(password);
    expect((error as AppError).message).not.toContain('hunter2');
    expect(await store.list()).toEqual([]);
  });
});
