import type { AnyAuthMethod, AuthHandlerMiddleware, AuthenticationType } from 'ssh2';
import type { AuthSettings } from '../../../shared/clusters/clusterProfile';
import type { AuditLog } from '../audit/auditLog';
import { credentialAccounts } from '../credentials/credentialAccounts';
import type { CredentialStore } from '../credentials/credentialStore';
import type { SessionSecrets } from '../credentials/sessionSecrets';
import type { AuthPrompter, SignInPlace } from './authPrompter';
import { keyAttempt } from './keyAttempt';
import { keyboardPrompt } from './keyboardPrompt';
import { KeptSecrets, type UnsavedSecret } from './keptSecrets';
import type { SignInKey } from './signInKeys';
import { emptySignInReport, type SignInReport } from './signInReport';

export type AuthTarget = Omit<SignInPlace, 'retry'> & { host: string; port: number; user: string; auth: AuthSettings; keys: SignInKey[] };
export type AuthDeps = {
  credentials: CredentialStore;
  prompter: AuthPrompter;
  audit: AuditLog;
  agentSocket: string | undefined;
  /** Secrets kept "for this session" (and where a keychain save failed); none when absent. */
  sessionSecrets?: SessionSecrets | undefined;
  /** Told after a sign-in worked that a secret the person wanted saved could not be. */
  onSecretNotSaved?: ((unsaved: UnsavedSecret) => void) | undefined;
};

/** The attempt on the wire, and where its password came from (to drop it when refused). */
export type InFlight = { method: AuthenticationType; passwordFrom: 'keychain' | 'session' | 'person' | null };
type Attempt = { method: AuthenticationType; build: (current: InFlight) => Promise<AnyAuthMethod | null> };

// OpenSSH's NumberOfPasswordPrompts.
const maxPasswordAsks = 3;

export type AuthHandle = {
  handler: AuthHandlerMiddleware;
  lastMethod: () => AuthenticationType | null;
  report: SignInReport;
  /** The hop is signed in: keeps the secrets the person asked to keep. Never throws. */
  succeeded: () => Promise<void>;
};

/**
 * OpenSSH's order: agent, key files (the default identities when none are named), password,
 * keyboard-interactive — each only if the profile allows it and the server still offers it. A
 * refused password is asked again (up to three times, saying it was refused) through whichever of
 * password and keyboard-interactive the server still offers, and is never kept.
 */
export function createAuthHandler(target: AuthTarget, deps: AuthDeps, signal?: AbortSignal): AuthHandle {
  const prompter: AuthPrompter = { ask: (request) => deps.prompter.ask(request, signal), cannotAsk: () => deps.prompter.cannotAsk?.() ?? null };
  const report = emptySignInReport();
  const kept = new KeptSecrets(deps);
  const { user, host, port, auth } = target;
  const place = (): SignInPlace => ({ cluster: target.cluster, hop: target.hop, hopLabel: target.hopLabel, retry });
  const account = credentialAccounts.password(user, host, port);
  const refusedSources = new Set<'keychain' | 'session'>();
  let passwordAsks = 0;
  let retry: string | null = null;
  let inFlight: InFlight | null = null;

  /** The account password: keychain, then session memory, then the person (null: none to send). */
  async function password(current: InFlight): Promise<string | null> {
    if (!refusedSources.has('keychain')) {
      const saved = await deps.credentials.load(account).catch(() => null);
      if (saved !== null) {
        current.passwordFrom = 'keychain';
        return saved;
      }
    }
    const remembered = refusedSources.has('session') ? null : (deps.sessionSecrets?.recall(account) ?? null);
    if (remembered !== null) {
      current.passwordFrom = 'session';
      return remembered;
    }
    const why = prompter.cannotAsk?.() ?? null;
    if (why) {
      report.cannotAsk = why;
      return null;
    }
    if (passwordAsks >= maxPasswordAsks) return null;
    passwordAsks += 1;
    const answer = await prompter.ask({ kind: 'password', host, port, user, ...place() });
    const typed = answer?.values[0];
    if (!answer || typed === undefined) return null;
    current.passwordFrom = 'person';
    kept.wish(account, `the password for ${user}@${host}:${port}`, typed, answer);
    return typed;
  }

  const passwordAttempt: Attempt = {
    method: 'password',
    build: async (current) => {
      const secret = await password(current);
      if (secret === null) return null;
      report.tried.push('password');
      return { type: 'password', username: user, password: secret };
    },
  };
  const keyboardAttempt: Attempt = {
    method: 'keyboard-interactive',
    build: async (current) => {
      // With nobody to ask and nothing kept, every round would be answered with blanks.
      const why = prompter.cannotAsk?.() ?? null;
      const stored = (await deps.credentials.load(account).catch(() => null)) ?? deps.sessionSecrets?.recall(account) ?? null;
      if (why && stored === null) {
        report.cannotAsk = why;
        return null;
      }
      report.tried.push('keyboard-interactive');
      return { type: 'keyboard-interactive', username: user, prompt: keyboardPrompt(() => password(current), (request) => prompter.ask({ ...request, host, port, user, ...place() })) };
    },
  };

  const attempts: Attempt[] = [];
  if (auth.agent && !deps.agentSocket) report.noAgent = true;
  if (auth.agent && deps.agentSocket) {
    const agent = deps.agentSocket;
    attempts.push({
      method: 'agent',
      build: async () => {
        report.tried.push('ssh-agent');
        return { type: 'agent', username: user, agent };
      },
    });
  }
  for (const key of target.keys) {
    const keyDeps = { credentials: deps.credentials, sessionSecrets: deps.sessionSecrets, prompter, kept, report };
    attempts.push({ method: 'publickey', build: () => keyAttempt(key, { host, port, user }, place(), keyDeps) });
  }
  if (auth.password) attempts.push(passwordAttempt);
  if (auth.keyboardInteractive) attempts.push(keyboardAttempt);

  /** The attempt on the wire was refused: its secret is not kept, and the next ask says why. */
  function refused(last: InFlight): void {
    deps.audit.record({ event: 'auth', host, port, user, method: last.method, outcome: 'failure' });
    if (last.passwordFrom === null) return;
    if (last.passwordFrom === 'person') kept.drop(account);
    else refusedSources.add(last.passwordFrom);
    if (last.passwordFrom === 'session') deps.sessionSecrets?.forget(account);
    retry = last.passwordFrom === 'person' ? 'The password was not accepted. Try again.' : 'The saved password was not accepted; type it again.';
  }

  const handler: AuthHandlerMiddleware = (methodsLeft, _partialSuccess, next) => {
    const offers = (method: AuthenticationType) => methodsLeft === null || methodsLeft.includes(method === 'agent' ? 'publickey' : method);
    const previous = inFlight;
    inFlight = null;
    if (previous) {
      refused(previous);
      // Another chance at a refused password, through the same method. Measured on OpenSSH 9.2
      // with UsePAM: after a refused "password", a right answer through keyboard-interactive is
      // accepted and then the session dies (pam_setcred fails), so the method never switches.
      if (previous.passwordFrom !== null) {
        const sameMethod = previous.method === 'password' ? passwordAttempt : keyboardAttempt;
        for (let index = attempts.length - 1; index >= 0; index -= 1) {
          if (attempts[index] === passwordAttempt || attempts[index] === keyboardAttempt) attempts.splice(index, 1);
        }
        if (passwordAsks < maxPasswordAsks && offers(sameMethod.method)) attempts.unshift(sameMethod);
      }
    }
    void (async () => {
      while (attempts.length > 0) {
        const attempt = attempts.shift()!;
        if (!offers(attempt.method)) continue;
        const current: InFlight = { method: attempt.method, passwordFrom: null };
        const method = await attempt.build(current).catch(() => null);
        if (method) {
          inFlight = current;
          return next(method);
        }
      }
      next(false as unknown as AnyAuthMethod); // no more methods: ssh2 reports "All configured authentication methods failed"
    })();
  };
  return { handler, lastMethod: () => inFlight?.method ?? null, report, succeeded: () => kept.commit() };
}
