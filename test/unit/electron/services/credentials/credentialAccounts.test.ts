import { describe, expect, it } from 'vitest';
import { AppError } from '../../../../../shared/errors';
import {
  credentialAccounts,
  keyboardPromptHash,
  parseCredentialAccount,
} from '../../../../../electron/services/credentials/credentialAccounts';

function rejection(run: () => unknown): AppError {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(AppError);
    return error as AppError;
  }
  throw new Error('expected a rejection');
}

describe('credential account names', () => {
  it('names a password by user, host and port, with the host in lower case', () => {
    expect(credentialAccounts.password('alice', 'HPC.Example.org', 22)).toBe('password:alice@hpc.example.org:22');
    expect(credentialAccounts.password('svc_build$', '10.0.0.7', 2222)).toBe('password:svc_build$@10.0.0.7:2222');
  });

  it('puts IPv6 addresses in brackets so the port stays unambiguous', () => {
    expect(credentialAccounts.password('bob', '::1', 22)).toBe('password:bob@[::1]:22');
    expect(credentialAccounts.password('bob', '[FE80::A]', 22)).toBe('password:bob@[fe80::a]:22');
    expect(credentialAccounts.password('bob', 'fe80::1%Eth0', 22)).toBe('password:bob@[fe80::1%Eth0]:22');
  });

  it('names a passphrase by the normalized absolute key path', () => {
    expect(credentialAccounts.passphrase('/home/alice/.ssh/id_ed25519')).toBe('passphrase:/home/alice/.ssh/id_ed25519');
    expect(credentialAccounts.passphrase('/home/alice/./.ssh//../.ssh/id_rsa')).toBe('passphrase:/home/alice/.ssh/id_rsa');
  });

  it('names a keyboard-interactive answer by a hash of the prompt, never the prompt text', () => {
    const account = credentialAccounts.keyboardInteractive('alice', 'hpc.example.org', 22, 'Verification code for alice: ');
    expect(account).toMatch(/^kbd:alice@hpc\.example\.org:22:[0-9a-f]{16}$/);
    expect(account).not.toContain('Verification');
    expect(account.endsWith(keyboardPromptHash('Verification code for alice:'))).toBe(true);
    expect(keyboardPromptHash('Password: ')).not.toBe(keyboardPromptHash('Verification code: '));
  });

  it.each([
    ['an empty user', () => credentialAccounts.password('', 'h', 22)],
    ['a user with a space', () => credentialAccounts.password('a b', 'h', 22)],
    ['a user with @', () => credentialAccounts.password('a@b', 'h', 22)],
    ['a user with :', () => credentialAccounts.password('a:b', 'h', 22)],
    ['a user of 65 characters', () => credentialAccounts.password('u'.repeat(65), 'h', 22)],
    ['an empty host', () => credentialAccounts.password('a', '', 22)],
    ['a host with a space', () => credentialAccounts.password('a', 'hpc example', 22)],
    ['a host starting with -', () => credentialAccounts.password('a', '-oProxyCommand=x', 22)],
    ['a host with a slash', () => credentialAccounts.password('a', 'hpc/x', 22)],
    ['a host with an empty label', () => credentialAccounts.password('a', 'hpc..org', 22)],
    ['a host with : that is not IPv6', () => credentialAccounts.password('a', 'hpc:22', 22)],
    ['port 0', () => credentialAccounts.password('a', 'h', 0)],
    ['port 65536', () => credentialAccounts.password('a', 'h', 65536)],
    ['a fractional port', () => credentialAccounts.password('a', 'h', 22.5)],
    ['a NaN port', () => credentialAccounts.password('a', 'h', Number.NaN)],
    ['a relative key path', () => credentialAccounts.passphrase('.ssh/id_ed25519')],
    ['a key path starting with ~', () => credentialAccounts.passphrase('~/.ssh/id_ed25519')],
    ['a key path with a newline', () => credentialAccounts.passphrase('/home/a/id\nx')],
    ['an empty key path', () => credentialAccounts.passphrase('')],
  ])('refuses %s with invalid-credential-account', (_label, build) => {
    expect(rejection(build).code).toBe('invalid-credential-account');
  });

  it('never repeats the rejected input in its message (it might be a secret typed in the wrong field)', () => {
    const typedInWrongField = 'hunter2 is my password';
    expect(rejection(() => credentialAccounts.password(typedInWrongField, 'h', 22)).message).not.toContain('hunter2');
    expect(rejection(() => credentialAccounts.password('a', typedInWrongField, 22)).message).not.toContain('hunter2');
  });
});

describe('parseCredentialAccount', () => {
  it('reads back every kind the builders make', () => {
    expect(parseCredentialAccount(credentialAccounts.password('alice', 'hpc.example.org', 2222))).toEqual({
      kind: 'password', user: 'alice', host: 'hpc.example.org', port: 2222,
    });
    expect(parseCredentialAccount(credentialAccounts.password('bob', '::1', 22))).toEqual({ kind: 'password', user: 'bob', host: '[::1]', port: 22 });
    expect(parseCredentialAccount('passphrase:/home/a/.ssh/id_ed25519')).toEqual({ kind: 'passphrase', keyPath: '/home/a/.ssh/id_ed25519' });
    const kbd = credentialAccounts.keyboardInteractive('alice', '[::1]', 22, 'Code: ');
    expect(parseCredentialAccount(kbd)).toEqual({ kind: 'kbd', user: 'alice', host: '[::1]', port: 22, promptHash: keyboardPromptHash('Code: ') });
  });

  it.each([
    'secret',
    'password:',
    'password:alice@hpc',
    'password:alice@hpc:',
    'password:@hpc:22',
    'password:alice@hpc:022',
    'password:alice@hpc:70000',
    'password:alice@HPC:22',
    'password:alice@::1:22',
    'passphrase:relative/key',
    'passphrase:/home/a/../a/key',
    'kbd:alice@hpc:22',
    'kbd:alice@hpc:22:XYZ',
    'kbd:alice@hpc:22:0123456789ABCDEF',
    'token:alice@hpc:22',
  ])('refuses the non-canonical or malformed name %j', (name) => {
    expect(rejection(() => parseCredentialAccount(name)).code).toBe('invalid-credential-account');
  });
});
