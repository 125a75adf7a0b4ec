import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ClusterProfileSchema, type ClusterProfileInput, type HostKeyPolicyName } from '../../../shared/clusters/clusterProfile';
import { openAuditLog } from '../../../electron/services/audit/auditLog';
import { MemoryCredentialStore } from '../../../electron/services/credentials/memoryCredentialStore';
import { silentLogger } from '../../../electron/services/log';
import { nobodyToAsk, type AuthPrompter, type SecretRequest } from '../../../electron/services/ssh/authPrompter';
import type { CredentialStore } from '../../../electron/services/credentials/credentialStore';
import type { SessionSecrets } from '../../../electron/services/credentials/sessionSecrets';
import type { UnsavedSecret } from '../../../electron/services/ssh/keptSecrets';
import { createHostKeyVerifier, type HostKeyAnswer, type HostKeyQuestion } from '../../../electron/services/ssh/hostKeyVerifier';
import { createSshBackend } from '../../../electron/services/ssh/sshBackend';
import type { SshdEnv } from '../support/sshServer';

/** The test plays the person: answers prompts from a script and remembers what it was asked. */
export class ScriptedPerson implements AuthPrompter {
  readonly asked: SecretRequest[] = [];
  readonly hostKeyQuestions: HostKeyQuestion[] = [];
  constructor(
    private readonly answers: Partial<Record<SecretRequest['kind'], string[] | ((request: SecretRequest) => Promise<string[] | null>)>> = {},
    readonly hostKeyAnswer: HostKeyAnswer = 'cancel',
    /** What the person ticks under a password or passphrase. */
    private readonly keep: { save?: boolean; rememberForSession?: boolean } = {},
  ) {}

  async ask(request: SecretRequest) {
    this.asked.push(request);
    const answer = this.answers[request.kind];
    if (!answer) return null;
    const values = typeof answer === 'function' ? await answer(request) : answer;
    return values ? { values, save: this.keep.save ?? false, rememberForSession: this.keep.rememberForSession ?? false } : null;
  }

  readonly hostKeys = {
    ask: async (question: HostKeyQuestion) => {
      this.hostKeyQuestions.push(question);
      return this.hostKeyAnswer;
    },
  };
}

export type Connect = {
  profile?: Partial<ClusterProfileInput>;
  policy?: HostKeyPolicyName;
  knownHosts?: string;
  person?: ScriptedPerson | null;
  readyTimeoutMs?: number;
  agentSocket?: string;
  maxChannels?: number;
  /** The home whose ~/.ssh holds the default identities; an empty scratch folder unless given. */
  home?: string;
  credentials?: CredentialStore;
  sessionSecrets?: SessionSecrets;
  onSecretNotSaved?: (unsaved: UnsavedSecret) => void;
};

/** An SSH backend to the test sshd with scratch known_hosts, audit log and keychain. */
export function sshBackend(env: SshdEnv, options: Connect = {}) {
  const scratch = mkdtempSync(join(tmpdir(), 'slurmdesk-ssh-'));
  const knownHostsFile = join(scratch, 'known_hosts');
  writeFileSync(knownHostsFile, options.knownHosts ?? knownHostsText(env), { mode: 0o600 });
  const auditFile = join(scratch, 'audit.jsonl');
  const audit = openAuditLog(auditFile);
  const person = options.person === undefined ? new ScriptedPerson() : options.person;
  const profile = ClusterProfileSchema.parse({
    name: 'test-sshd',
    host: env.host,
    port: env.targetPort,
    user: env.user,
    auth: { agent: false, keyFiles: [env.clientKey], password: false, keyboardInteractive: false },
    ...options.profile,
  });
  const backend = createSshBackend(
    profile,
    {
      credentials: options.credentials ?? new MemoryCredentialStore(),
      sessionSecrets: options.sessionSecrets,
      onSecretNotSaved: options.onSecretNotSaved,
      home: options.home ?? scratch,
      prompter: person ?? nobodyToAsk,
      audit,
      agentSocket: options.agentSocket,
      verifyHostKey: createHostKeyVerifier({
        policy: options.policy ?? profile.hostKeyPolicy,
        files: { userFile: knownHostsFile, readOnlyFiles: [] },
        prompter: () => (person ? person.hostKeys : null),
        audit,
      }),
      readyTimeoutMs: options.readyTimeoutMs ?? 10_000,
      maxChannels: options.maxChannels ?? 10,
    },
    silentLogger,
  );
  return { backend, person, knownHostsFile, auditFile, scratch, profile };
}

/** The known_hosts lines the test servers' keys were written to (both servers). */
export function knownHostsText(env: SshdEnv): string {
  return readFileSync(env.knownHosts, 'utf8');
}
