import type { AuditLog } from '../audit/auditLog';
import type { CredentialStore } from '../credentials/credentialStore';
import type { SessionSecrets } from '../credentials/sessionSecrets';
import type { SecretAnswer } from './authPrompter';

/** A secret the person asked to keep, and which could not go to the keychain. */
export type UnsavedSecret = {
  account: string;
  /** "the password for ana@hpc.example.org:22", "the passphrase of ~/.ssh/id_ed25519". */
  what: string;
  /** Why the keychain refused, in words (never the secret). */
  reason: string;
  /** True when it is kept in memory until the app quits instead. */
  remembered: boolean;
};

type Wish = { account: string; what: string; secret: string; save: boolean; session: boolean };

/**
 * Secrets waiting to be kept until the sign-in they serve has worked: a refused password is never
 * saved, and a keychain that fails costs nothing but a notice afterwards (the secret is then
 * remembered for the session instead, since the person wanted it kept).
 */
export class KeptSecrets {
  private readonly wishes = new Map<string, Wish>();

  constructor(
    private readonly deps: {
      credentials: CredentialStore;
      sessionSecrets?: SessionSecrets | undefined;
      audit: AuditLog;
      onSecretNotSaved?: ((unsaved: UnsavedSecret) => void) | undefined;
    },
  ) {}

  /** Notes what the answer asked for; nothing is kept yet. */
  wish(account: string, what: string, secret: string, answer: SecretAnswer): void {
    if (!answer.save && !answer.rememberForSession) return;
    this.wishes.set(account, { account, what, secret, save: answer.save, session: answer.rememberForSession === true });
  }

  /** The secret under this account was refused: it is not kept. */
  drop(account: string): void {
    this.wishes.delete(account);
  }

  /** The sign-in worked: keeps what was wished for. Never throws. */
  async commit(): Promise<void> {
    const wishes = [...this.wishes.values()];
    this.wishes.clear();
    for (const wish of wishes) {
      if (wish.save) {
        try {
          await this.deps.credentials.save(wish.account, wish.secret);
          continue;
        } catch (error) {
          const reason = error instanceof Error ? error.message.split(wish.secret).join('[secret]') : 'the OS keychain refused it';
          const remembered = this.rememberForSession(wish);
          this.deps.audit.record({ event: 'keychain-save-failed', account: wish.account, reason, rememberedForSession: remembered });
          this.deps.onSecretNotSaved?.({ account: wish.account, what: wish.what, reason, remembered });
          continue;
        }
      }
      this.rememberForSession(wish);
    }
  }

  private rememberForSession(wish: Wish): boolean {
    if (!this.deps.sessionSecrets) return false;
    this.deps.sessionSecrets.remember(wish.account, wish.secret);
    return true;
  }
}
