import { homedir } from 'node:os';
import { resolve } from 'node:path';
import ssh2, { type AnyAuthMethod, type AuthHandlerMiddleware, type AuthenticationType, type ParsedKey } from 'ssh2';
import type { AuthSettings } from '../../../shared/clusters/clusterProfile';
import type { AuditLog } from '../audit/auditLog';
import { credentialAccounts } from '../credentials/credentialAccounts';
import type { CredentialStore } from '../credentials/credentialStore';
import { readRegularFile, regularFileError } from '../fs/readRegularFile';
import { maxKeyFileBytes } from './keyFileCandidates';
import type { AuthPrompter } from './authPrompter';

// ssh2 is CommonJS: its named exports are read from the default export in ESM bundles.
const { utils } = ssh2;

export type AuthTarget = { host: string; port: number; user: string; hopLabel: string; auth: AuthSettings };
export type AuthDeps = { credentials: CredentialStore; prompter: AuthPrompter; audit: AuditLog; agentSocket: string | undefined };

type Attempt = { method: AuthenticationType; build: () => Promise<AnyAuthMethod | null> };

/**
 * OpenSSH's order: agent, key files, password, keyboard-interactive — each only if the profile
 * allows it and the server still offers it. Secrets come from the keychain first, then from the
 * person; a secret is held only for the attempt that needs it.
 */
export function createAuthHandler(
  target: AuthTarget,
  deps: AuthDeps,
  onFailure: (reason: string) => void,
  /** Aborted when the connection dies: a question still open is withdrawn from the person. */
  signal?: AbortSignal,
): { handler: AuthHandlerMiddleware; lastMethod: () => AuthenticationType | null } {
  const attempts = planAttempts(target, { ...deps, prompter: { ask: (request) => deps.prompter.ask(request, signal) } });
  let last: AuthenticationType | null = null;
  const handler: AuthHandlerMiddleware = (methodsLeft, _partialSuccess, next) => {
    if (last) deps.audit.record({ event: 'auth', host: target.host, port: target.port, user: target.user, method: last, outcome: 'failure' });
    void (async () => {
      while (attempts.length > 0) {
        const attempt = attempts.shift()!;
        const offered = methodsLeft === null || methodsLeft.includes(attempt.method === 'agent' ? 'publickey' : attempt.method);
        if (!offered) continue;
        try {
          const method = await attempt.build();
          if (method) {
            last = attempt.method;
            return next(method);
          }
        } catch (error) {
          onFailure(error instanceof Error ? error.message : String(error));
        }
      }
      last = null;
      next(false as unknown as AnyAuthMethod); // no more methods: ssh2 reports "All configured authentication methods failed"
    })();
  };
  return { handler, lastMethod: () => last };
}

function planAttempts(target: AuthTarget, deps: AuthDeps): Attempt[] {
  const { user, host, port, hopLabel, auth } = target;
  const attempts: Attempt[] = [];
  if (auth.agent && deps.agentSocket) {
    attempts.push({ method: 'agent', build: async () => ({ type: 'agent', username: user, agent: deps.agentSocket! }) });
  }
  for (const keyFile of auth.keyFiles) {
    // Key files are named as in ssh_config (~/.ssh/id_ed25519): one absolute path from here on.
    const absolute = resolve(keyFile.replace(/^~(?=$|\/)/, homedir()));
    attempts.push({ method: 'publickey', build: () => keyAttempt(absolute, user, hopLabel, deps) });
  }
  const passwordAccount = credentialAccounts.password(user, host, port);
  if (auth.password) {
    attempts.push({
      method: 'password',
      build: async () => {
        const saved = await deps.credentials.load(passwordAccount).catch(() => null);
        if (saved !== null) return { type: 'password', username: user, password: saved };
        const answer = await deps.prompter.ask({ kind: 'password', host, port, user, hopLabel });
        if (!answer || answer.values[0] === undefined) return null;
        if (answer.save) await deps.credentials.save(passwordAccount, answer.values[0]);
        return { type: 'password', username: user, password: answer.values[0] };
      },
    });
  }
  if (auth.keyboardInteractive) {
    attempts.push({
      method: 'keyboard-interactive',
      build: async () => ({
        type: 'keyboard-interactive',
        username: user,
        prompt: (name, instructions, _lang, prompts, finish) => {
          void (async () => {
            // A lone hidden "Password:" prompt is PAM asking for the account password.
            if (prompts.length === 1 && !prompts[0]!.echo && /password/i.test(prompts[0]!.prompt)) {
              const saved = await deps.credentials.load(passwordAccount).catch(() => null);
              if (saved !== null) return finish([saved]);
            }
            if (prompts.length === 0) return finish([]);
            const answer = await deps.prompter.ask({
              kind: 'keyboard-interactive', host, port, user, hopLabel, name, instructions,
              prompts: prompts.map((entry) => ({ prompt: entry.prompt, echo: entry.echo ?? false })),
            });
            finish(answer ? answer.values : prompts.map(() => ''));
          })();
        },
      }),
    });
  }
  return attempts;
}

async function keyAttempt(keyFile: string, user: string, hopLabel: string, deps: AuthDeps): Promise<AnyAuthMethod | null> {
  // A profile names the key file; a FIFO or /dev/zero there must fail at once, not hang or fill memory.
  const read = readRegularFile(keyFile, maxKeyFileBytes);
  if (!read.ok) throw regularFileError(keyFile, read, maxKeyFileBytes, 'the key file');
  const text = read.bytes;
  let parsed = utils.parseKey(text);
  if (!(parsed instanceof Error)) return { type: 'publickey', username: user, key: text };
  if (!/encrypted|passphrase/i.test(parsed.message)) throw new Error(`${keyFile} is not a private key ssh can use (${parsed.message}).`);
  const account = credentialAccounts.passphrase(keyFile);
  const saved = await deps.credentials.load(account).catch(() => null);
  for (const candidate of saved !== null ? [saved] : []) {
    parsed = utils.parseKey(text, candidate) as ParsedKey | Error;
    if (!(parsed instanceof Error)) return { type: 'publickey', username: user, key: text, passphrase: candidate };
  }
  for (let tries = 0; tries < 3; tries += 1) {
    const answer = await deps.prompter.ask({ kind: 'passphrase', keyFile, hopLabel });
    if (!answer || answer.values[0] === undefined) return null;
    const passphrase = answer.values[0];
    parsed = utils.parseKey(text, passphrase) as ParsedKey | Error;
    if (!(parsed instanceof Error)) {
      if (answer.save) await deps.credentials.save(account, passphrase);
      return { type: 'publickey', username: user, key: text, passphrase };
    }
  }
  throw new Error(`Wrong passphrase for ${keyFile} (three tries).`);
}
