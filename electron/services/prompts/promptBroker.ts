import { randomBytes } from 'node:crypto';
import type { EventHub } from '../../../shared/contract/eventHub';
import type { AuthPrompter, SecretAnswer, SecretRequest } from '../ssh/authPrompter';
import type { HostKeyAnswer, HostKeyPrompter, HostKeyQuestion } from '../ssh/hostKeyVerifier';

type Pending<T> = { resolve: (answer: T) => void; timer: NodeJS.Timeout };

/**
 * Turns the SSH layer's questions into contract events (`auth.prompt`, `hostKey.prompt`) and the
 * windows' answers (`auth.answer`, `hostKeys.answer`) back into replies. With no window connected
 * there is nobody to ask: auth gets no answer and host keys are decided as under `reject`.
 * Answers are handed over once and not kept.
 */
export class PromptBroker {
  private readonly auth = new Map<string, Pending<SecretAnswer | null>>();
  private readonly hostKeys = new Map<string, Pending<HostKeyAnswer>>();
  private readonly fingerprints = new Map<string, string>();

  constructor(
    private readonly hub: EventHub,
    private readonly timeoutMs = 5 * 60_000,
  ) {}

  /** Someone can answer: at least one window is listening. */
  hasPerson(): boolean {
    return this.hub.subscriberCount > 0;
  }

  readonly authPrompter: AuthPrompter = {
    cannotAsk: () => (this.hasPerson() ? null : 'no Slurm Desk window is open to ask for a password; open one and connect again'),
    ask: (request, signal) => {
      if (!this.hasPerson()) return Promise.resolve(null);
      const id = newPromptId();
      const answer = this.wait(this.auth, id, null, signal);
      this.hub.emit('auth.prompt', toAuthPrompt(id, request));
      return answer;
    },
  };

  readonly hostKeyPrompter: HostKeyPrompter = {
    ask: (question: HostKeyQuestion, signal) => {
      const id = newPromptId();
      const answer = this.wait<HostKeyAnswer>(this.hostKeys, id, 'cancel', signal);
      this.fingerprints.set(id, question.fingerprint);
      this.hub.emit('hostKey.prompt', { id, ...question });
      return answer;
    },
  };

  answerAuth(id: string, answer: SecretAnswer | null): boolean {
    return this.settle(this.auth, id, answer);
  }

  /**
   * A pasted fingerprint must equal the presented one exactly; a mismatch cancels, whatever the
   * button said, since it means the key is not the one the site published.
   */
  answerHostKey(id: string, answer: HostKeyAnswer, expectedFingerprint?: string): { accepted: boolean; fingerprintMatched: boolean | null } {
    const presented = this.fingerprints.get(id);
    const matched = expectedFingerprint === undefined || presented === undefined ? null : expectedFingerprint.trim() === presented;
    const final: HostKeyAnswer = matched === false ? 'cancel' : answer;
    return { accepted: this.settle(this.hostKeys, id, final), fingerprintMatched: matched };
  }

  private wait<T>(table: Map<string, Pending<T>>, id: string, fallback: T, signal?: AbortSignal): Promise<T> {
    return new Promise<T>((resolve) => {
      const timer = setTimeout(() => this.settle(table, id, fallback), this.timeoutMs);
      timer.unref();
      table.set(id, { resolve, timer });
      signal?.addEventListener('abort', () => this.settle(table, id, fallback), { once: true });
    });
  }

  private settle<T>(table: Map<string, Pending<T>>, id: string, answer: T): boolean {
    const pending = table.get(id);
    if (!pending) return false;
    table.delete(id);
    this.fingerprints.delete(id);
    clearTimeout(pending.timer);
    pending.resolve(answer);
    this.hub.emit('prompt.closed', { id });
    return true;
  }
}

function newPromptId(): string {
  return `p-${randomBytes(8).toString('hex')}`;
}

function toAuthPrompt(id: string, request: SecretRequest) {
  const place = { cluster: request.cluster, hop: request.hop, hopLabel: request.hopLabel, retry: request.retry };
  const common = { id, kind: request.kind, ...place, name: '', instructions: '', host: null, port: null, user: null, keyFile: null };
  switch (request.kind) {
    case 'password':
      return { ...common, host: request.host, port: request.port, user: request.user, prompts: [{ prompt: 'Password', echo: false }], canSave: true };
    case 'passphrase':
      return { ...common, host: request.host, port: request.port, user: request.user, keyFile: request.keyFile, prompts: [{ prompt: `Passphrase for ${request.keyFile}`, echo: false }], canSave: true };
    case 'keyboard-interactive':
      return { ...common, host: request.host, port: request.port, user: request.user, name: request.name, instructions: request.instructions, prompts: request.prompts, canSave: false };
  }
}
