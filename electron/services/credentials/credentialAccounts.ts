import { createHash } from 'node:crypto';
import { isIP } from 'node:net';
import { isAbsolute, normalize } from 'node:path';
import { AppError } from '../../../shared/errors';
import { CredentialErrorCode } from './credentialStore';

/**
 * Keychain account names, one per secret:
 *   password:user@host:port            an SSH password
 *   passphrase:/abs/path/to/key        a private key's passphrase
 *   kbd:user@host:port:<prompt-hash>   an answer to one keyboard-interactive prompt
 * Names are built only from the user, host, port, key path and a hash of the prompt, so no secret
 * can end up in one. Each name has one canonical form (host in lower case, IPv6 in brackets), so
 * the same server always finds the same entry. Messages never repeat the rejected input.
 */
export type CredentialAccount =
  | { kind: 'password'; user: string; host: string; port: number }
  | { kind: 'passphrase'; keyPath: string }
  | { kind: 'kbd'; user: string; host: string; port: number; promptHash: string };

// The same user names as shared/clusters (POSIX-ish, a trailing $ for machine accounts).
const userPattern = /^[A-Za-z0-9_][A-Za-z0-9_.-]*\$?$/;
const hostNamePattern = /^(?!-)[a-z0-9_%-]+(\.[a-z0-9_%-]+)*\.?$/;
const promptHashPattern = /^[0-9a-f]{16}$/;
const hasControlCharacter = (text: string) => [...text].some((char) => char.charCodeAt(0) < 0x20 || char.charCodeAt(0) === 0x7f);

function invalid(message: string): AppError {
  return new AppError(CredentialErrorCode.invalidAccount, message);
}

function checkUser(user: string): string {
  if (typeof user !== 'string' || user.length === 0 || user.length > 64 || !userPattern.test(user)) {
    throw invalid('An SSH user name for a saved credential must be 1–64 letters, digits, _, . or - (it may end in $).');
  }
  return user;
}

/** Lower case for names, brackets for IPv6 (so the port after it stays unambiguous). */
function canonicalHost(host: string): string {
  if (typeof host !== 'string' || host.length === 0 || host.length > 253) {
    throw invalid('A host for a saved credential must be a name or address of 1–253 characters.');
  }
  const bare = host.startsWith('[') && host.endsWith(']') ? host.slice(1, -1) : host;
  if (bare.includes(':')) {
    if (isIP(bare) !== 6) throw invalid('A host for a saved credential contains ":" but is not an IPv6 address.');
    // Interface names after % (a zone) keep their case.
    const zone = bare.indexOf('%');
    return zone < 0 ? `[${bare.toLowerCase()}]` : `[${bare.slice(0, zone).toLowerCase()}${bare.slice(zone)}]`;
  }
  const lower = bare.toLowerCase();
  if (!hostNamePattern.test(lower)) {
    throw invalid('A host for a saved credential must be a host name or address (letters, digits, ., _, -), not starting with -.');
  }
  return lower;
}

function checkPort(port: number): number {
  if (!Number.isInteger(port) || port < 1 || port > 65535) {
    throw invalid('A port for a saved credential must be a whole number from 1 to 65535.');
  }
  return port;
}

function checkKeyPath(keyPath: string): string {
  if (typeof keyPath !== 'string' || keyPath.length === 0 || keyPath.length > 4096 || hasControlCharacter(keyPath)) {
    throw invalid('A key file path for a saved passphrase must be 1–4096 characters without control characters.');
  }
  if (!isAbsolute(keyPath)) {
    throw invalid('A key file path for a saved passphrase must be absolute (expand ~ and resolve it first).');
  }
  return normalize(keyPath);
}

function endpoint(user: string, host: string, port: number): string {
  return `${checkUser(user)}@${canonicalHost(host)}:${checkPort(port)}`;
}

/** The first 16 hex digits of the prompt's SHA-256: tells prompts apart without storing their text. */
export function keyboardPromptHash(prompt: string): string {
  if (typeof prompt !== 'string') throw invalid('A keyboard-interactive prompt must be text.');
  return createHash('sha256').update(prompt.trim(), 'utf8').digest('hex').slice(0, 16);
}

export const credentialAccounts = {
  password: (user: string, host: string, port: number): string => `password:${endpoint(user, host, port)}`,
  passphrase: (keyPath: string): string => `passphrase:${checkKeyPath(keyPath)}`,
  keyboardInteractive: (user: string, host: string, port: number, prompt: string): string =>
    `kbd:${endpoint(user, host, port)}:${keyboardPromptHash(prompt)}`,
} as const;

function parseEndpoint(text: string): { user: string; host: string; port: number } {
  const at = text.indexOf('@');
  const colon = text.lastIndexOf(':');
  if (at <= 0 || colon < at || !/^[1-9][0-9]{0,4}$/.test(text.slice(colon + 1))) {
    throw invalid('A saved credential name must have the form kind:user@host:port.');
  }
  return { user: text.slice(0, at), host: text.slice(at + 1, colon), port: Number(text.slice(colon + 1)) };
}

/**
 * Reads an account name back. Only canonical names (as the builders above make them) are
 * accepted, so every stored secret has exactly one name.
 */
export function parseCredentialAccount(account: string): CredentialAccount {
  if (typeof account !== 'string' || account.length > 4200) throw invalid('A saved credential name must be text of at most 4200 characters.');
  const colon = account.indexOf(':');
  const kind = colon < 0 ? '' : account.slice(0, colon);
  const rest = account.slice(colon + 1);
  let parsed: CredentialAccount;
  let canonical: string;
  switch (kind) {
    case 'password': {
      const { user, host, port } = parseEndpoint(rest);
      canonical = credentialAccounts.password(user, host, port);
      parsed = { kind, user, host: canonicalHost(host), port };
      break;
    }
    case 'passphrase': {
      canonical = credentialAccounts.passphrase(rest);
      parsed = { kind, keyPath: rest };
      break;
    }
    case 'kbd': {
      const last = rest.lastIndexOf(':');
      const promptHash = rest.slice(last + 1);
      if (last < 0 || !promptHashPattern.test(promptHash)) throw invalid('A saved keyboard-interactive answer needs a 16-digit prompt hash.');
      const { user, host, port } = parseEndpoint(rest.slice(0, last));
      canonical = `kbd:${endpoint(user, host, port)}:${promptHash}`;
      parsed = { kind, user, host: canonicalHost(host), port, promptHash };
      break;
    }
    default:
      throw invalid('A saved credential name must start with password:, passphrase: or kbd:.');
  }
  if (canonical !== account) throw invalid('A saved credential name is not in its canonical form (lower-case host, normalized path).');
  return parsed;
}

/** The account name itself when it is well formed; throws AppError('invalid-credential-account') otherwise. */
export function checkCredentialAccount(account: string): string {
  parseCredentialAccount(account);
  return account;
}
