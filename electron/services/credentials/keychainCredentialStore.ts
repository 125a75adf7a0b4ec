import { createRequire } from 'node:module';
import type * as KeytarModule from 'keytar';
import type { KeychainStatus } from '../../../shared/contract/settingsMethods';
import { AppError } from '../../../shared/errors';
import { checkCredentialAccount, parseCredentialAccount } from './credentialAccounts';
import { assertStorableSecret, CredentialErrorCode, type CredentialStore } from './credentialStore';

/** The keytar calls this store makes (keytar 7.9: macOS Keychain, Windows Credential Vault, libsecret). */
export type KeytarApi = Pick<typeof KeytarModule, 'getPassword' | 'setPassword' | 'deletePassword' | 'findCredentials'>;

export const keychainServiceName = 'slurmdesk';

export type KeychainCredentialStoreOptions = {
  /** How keytar is loaded; tests pass a stand-in to reach the error paths. */
  loadKeytar?: () => KeytarApi;
};

/**
 * keytar is a native CommonJS module that links libsecret on Linux. It is loaded on first use,
 * not at import, so a machine without libsecret still starts the app and gets a clear error
 * only when it touches a saved credential.
 */
function loadNativeKeytar(): KeytarApi {
  const requireNative = createRequire(import.meta.url);
  return requireNative('keytar') as KeytarApi;
}

/** The OS keychain under the service name `slurmdesk`. Every failure is AppError('keychain-unavailable'). */
export class KeychainCredentialStore implements CredentialStore {
  private keytar: KeytarApi | null = null;
  private worked = false;
  private readonly loadKeytar: () => KeytarApi;

  constructor(options: KeychainCredentialStoreOptions = {}) {
    this.loadKeytar = options.loadKeytar ?? loadNativeKeytar;
  }

  async save(account: string, secret: string): Promise<void> {
    checkCredentialAccount(account);
    assertStorableSecret(account, secret);
    await this.call('save', account, (keytar) => keytar.setPassword(keychainServiceName, account, secret), secret);
  }

  async load(account: string): Promise<string | null> {
    checkCredentialAccount(account);
    return this.call('read', account, (keytar) => keytar.getPassword(keychainServiceName, account));
  }

  async remove(account: string): Promise<boolean> {
    checkCredentialAccount(account);
    return this.call('remove', account, (keytar) => keytar.deletePassword(keychainServiceName, account));
  }

  /**
   * Writes and deletes a probe entry: only a real write shows that a save would work (a locked
   * or missing "login" collection lets reads through and refuses writes). The probe's name is not
   * a credential account, so list() never shows it. A working keychain is asked once per process.
   */
  async status(): Promise<KeychainStatus> {
    if (this.worked) return { available: true, reason: null };
    try {
      await this.call('save', probeAccount, (keytar) => keytar.setPassword(keychainServiceName, probeAccount, 'probe'));
      await this.call('remove', probeAccount, (keytar) => keytar.deletePassword(keychainServiceName, probeAccount));
      this.worked = true;
      return { available: true, reason: null };
    } catch (error) {
      return { available: false, reason: error instanceof AppError ? whyUnavailable(error.message) : 'the OS keychain refused a test entry' };
    }
  }

  /** keytar can only list accounts together with their secrets; the secrets are dropped here. */
  async list(): Promise<string[]> {
    const found = await this.call('list', null, (keytar) => keytar.findCredentials(keychainServiceName));
    const accounts = found.map((entry) => entry.account).filter(isOurAccount);
    return [...new Set(accounts)].sort();
  }

  private async call<T>(operation: string, account: string | null, run: (keytar: KeytarApi) => Promise<T>, secret?: string): Promise<T> {
    const keytar = this.keytarOrThrow(operation, account);
    try {
      return await run(keytar);
    } catch (error) {
      throw keychainError(operation, account, error, secret);
    }
  }

  private keytarOrThrow(operation: string, account: string | null): KeytarApi {
    if (this.keytar) return this.keytar;
    try {
      this.keytar = this.loadKeytar();
      return this.keytar;
    } catch (error) {
      throw keychainError(operation, account, error, undefined, 'load');
    }
  }
}

// Not of the form kind:…, so parseCredentialAccount refuses it and no listing shows it.
const probeAccount = 'slurmdesk-availability-probe';

/** The remedy part of a keychain error ("…: the keyring is locked; unlock … (keytar: …)"). */
function whyUnavailable(message: string): string {
  const remedyStart = message.indexOf('keychain: ');
  const keytarStart = message.lastIndexOf(' (keytar:');
  return remedyStart >= 0 && keytarStart > remedyStart ? message.slice(remedyStart + 'keychain: '.length, keytarStart).replace(/\.$/, '') : message;
}

function isOurAccount(account: string): boolean {
  try {
    parseCredentialAccount(account);
    return true;
  } catch {
    return false;
  }
}

/** What the person should do, from keytar's (or the loader's) message. */
function remedy(message: string, stage: 'load' | 'call'): string {
  if (stage === 'load') {
    if (/libsecret|cannot open shared object/i.test(message)) {
      return 'keytar cannot load libsecret; install it (Debian/Ubuntu: sudo apt-get install libsecret-1-0)';
    }
    return 'keytar, the keychain module, is missing or was built for another Node/Electron; rebuild it with npm rebuild keytar (on Linux this needs libsecret-1-dev, pkg-config, g++, make and python3)';
  }
  // "Could not connect: …" is libdbus finding no bus at DBUS_SESSION_BUS_ADDRESS.
  if (/autolaunch D-Bus|DBUS_SESSION_BUS_ADDRESS|dbus-launch|session bus|Could not connect/i.test(message)) {
    return 'there is no Secret Service (D-Bus) session; unlock your keyring or run inside a desktop session';
  }
  if (/org\.freedesktop\.secrets|ServiceUnknown|not provided by any \.service files/i.test(message)) {
    return 'no Secret Service is running; install and start one (gnome-keyring, or KeePassXC with Secret Service integration)';
  }
  if (/collection\/login|Object does not exist at path|locked|prompt|dismissed|cancel/i.test(message)) {
    return 'the keyring is locked (or has no default "login" keyring); unlock your keyring and try again';
  }
  return 'the OS keychain refused the request';
}

function keychainError(operation: string, account: string | null, error: unknown, secret: string | undefined, stage: 'load' | 'call' = 'call'): AppError {
  let detail = error instanceof Error ? error.message : String(error);
  // keytar does not put secrets in its messages; if one ever did, it stops here.
  if (secret) detail = detail.split(secret).join('[secret]');
  const what = account === null ? 'the saved credentials' : `the credential ${account}`;
  return new AppError(
    CredentialErrorCode.keychainUnavailable,
    `Could not ${operation} ${what} in the OS keychain: ${remedy(detail, stage)}. (keytar: ${detail})`,
  );
}
