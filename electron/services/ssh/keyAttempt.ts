import ssh2, { type AnyAuthMethod, type ParsedKey } from 'ssh2';
import { credentialAccounts } from '../credentials/credentialAccounts';
import type { CredentialStore } from '../credentials/credentialStore';
import type { SessionSecrets } from '../credentials/sessionSecrets';
import type { AuthPrompter, SignInPlace } from './authPrompter';
import type { KeptSecrets } from './keptSecrets';
import type { SignInKey } from './signInKeys';
import type { SignInReport } from './signInReport';
import { readRegularFile, regularFileError } from '../fs/readRegularFile';
import { maxKeyFileBytes } from './keyFileCandidates';

// ssh2 is CommonJS: its named exports are read from the default export in ESM bundles.
const { utils } = ssh2;

export type KeyAttemptDeps = {
  credentials: CredentialStore;
  sessionSecrets?: SessionSecrets | undefined;
  prompter: AuthPrompter;
  kept: KeptSecrets;
  report: SignInReport;
};

/**
 * One private key as a publickey method, or null when it is not offered (the reason goes into the
 * report). A passphrase comes from the keychain, then this session's memory, then the person:
 * three tries for a key the profile names, one for a default identity (like ssh), and a key whose
 * passphrase is not given is skipped, never fatal.
 */
export async function keyAttempt(key: SignInKey, endpoint: { host: string; port: number; user: string }, place: Omit<SignInPlace, 'retry'>, deps: KeyAttemptDeps): Promise<AnyAuthMethod | null> {
  // Bounded and regular files only: a FIFO or /dev/zero named as a key must fail at once, not hang or fill memory.
  const read = readRegularFile(key.path, maxKeyFileBytes);
  if (!read.ok) {
    // A default identity that does not exist is the usual case, not worth a word.
    if (key.source === 'profile') deps.report.skipped.push(`${key.shown} (${read.problem === 'unreadable' ? 'cannot be read' : regularFileError(key.shown, read, maxKeyFileBytes, 'the key file').message})`);
    return null;
  }
  const text = read.bytes;
  const plain = utils.parseKey(text);
  if (!(plain instanceof Error)) return offered(key, endpoint.user, text, deps);
  if (!/encrypted|passphrase/i.test(plain.message)) {
    deps.report.skipped.push(`${key.shown} (not a private key ssh2 can use: ${plain.message})`);
    return null;
  }
  const account = credentialAccounts.passphrase(key.path);
  const stored = [await deps.credentials.load(account).catch(() => null), deps.sessionSecrets?.recall(account) ?? null];
  for (const candidate of stored) {
    if (candidate !== null && opens(text, candidate)) return offered(key, endpoint.user, text, deps, candidate);
  }
  const why = deps.prompter.cannotAsk?.() ?? null;
  if (why) {
    deps.report.skipped.push(`${key.shown} (its passphrase could not be asked for)`);
    deps.report.cannotAsk = why;
    return null;
  }
  const tries = key.source === 'profile' ? 3 : 1;
  for (let attempt = 0; attempt < tries; attempt += 1) {
    const retry = attempt === 0 ? null : 'That passphrase does not open the key.';
    const answer = await deps.prompter.ask({ kind: 'passphrase', keyFile: key.shown, ...endpoint, ...place, retry });
    const passphrase = answer?.values[0];
    if (!answer || passphrase === undefined || passphrase === '') {
      deps.report.skipped.push(`${key.shown} (passphrase not given)`);
      return null;
    }
    if (opens(text, passphrase)) {
      deps.kept.wish(account, `the passphrase of ${key.shown}`, passphrase, answer);
      return offered(key, endpoint.user, text, deps, passphrase);
    }
  }
  deps.report.skipped.push(`${key.shown} (wrong passphrase)`);
  return null;
}

function opens(text: Buffer, passphrase: string): boolean {
  return !((utils.parseKey(text, passphrase) as ParsedKey | Error) instanceof Error);
}

function offered(key: SignInKey, user: string, text: Buffer, deps: KeyAttemptDeps, passphrase?: string): AnyAuthMethod {
  deps.report.tried.push(`key ${key.shown}`);
  return passphrase === undefined ? { type: 'publickey', username: user, key: text } : { type: 'publickey', username: user, key: text, passphrase };
}
