import { AppError } from '../../../shared/errors';
import type { HostKeyPolicyName } from '../../../shared/clusters/clusterProfile';
import type { AuditLog } from '../audit/auditLog';
import { checkHostKey, type HostKeyCheck, type KnownHostsFiles } from './hostKeys/checkHostKey';
import { decideHostKey, trustHostCommand } from './hostKeys/hostKeyPolicy';
import { addKnownHost } from './hostKeys/knownHostsWriter';
import { keyBlobType } from './hostKeys/publicKeyBlob';
import type { HostKeyVerifier } from './sshSession';

/** What the person sees for a key nobody has vouched for yet. */
export type HostKeyQuestion = {
  host: string;
  port: number;
  hopLabel: string;
  keyType: string;
  fingerprint: string;
  alsoKnownAs: string[];
  warnings: string[];
};
export type HostKeyAnswer = 'trust' | 'once' | 'cancel';

/** The person, where there is one; the session code only asks, it never opens UI. */
export interface HostKeyPrompter {
  ask(question: HostKeyQuestion, signal?: AbortSignal): Promise<HostKeyAnswer>;
}

/**
 * Host-key checking for every hop: known_hosts first, then the policy. A changed or revoked key
 * is refused under every policy, and always before authentication begins.
 */
export function createHostKeyVerifier(options: {
  policy: HostKeyPolicyName;
  files: KnownHostsFiles;
  /** Whoever can answer right now, or null (CLI, headless, no window): then `ask` acts as `reject`. */
  prompter: () => HostKeyPrompter | null;
  audit: AuditLog;
}): HostKeyVerifier {
  return async (hop, key, signal) => {
    const keyType = keyBlobType(key) ?? 'unknown';
    const check = checkHostKey({ host: hop.host, port: hop.port, keyType, keyBlob: key }, options.files);
    const prompter = options.prompter();
    const decision = decideHostKey(check, options.policy, { canAsk: prompter !== null });
    const audit = (outcome: string) =>
      options.audit.record({ event: 'host-key', host: hop.host, port: hop.port, keyType, fingerprint: check.fingerprint, policy: options.policy, decision: outcome });
    switch (decision.action) {
      case 'accept':
        if (decision.save) addKnownHost({ host: hop.host, port: hop.port, keyType, keyBlob: key }, options.files);
        audit(check.status === 'trusted' ? 'trusted' : decision.save ? 'accepted and saved' : 'accepted without saving');
        return true;
      case 'refuse':
        audit(`refused: ${decision.code}`);
        throw decision.error;
      case 'prompt': {
        const answer = await prompter!.ask(question(check, hop.hopLabel, decision.warnings), signal);
        audit(`person answered: ${answer}`);
        if (answer === 'trust') addKnownHost({ host: hop.host, port: hop.port, keyType, keyBlob: key }, options.files);
        if (answer !== 'cancel') return true;
        throw new AppError(
          'host-key-unknown',
          `The host key of ${hop.host}:${hop.port} was not trusted, so nothing was sent. To trust it later: ${trustHostCommand(hop.host, hop.port, check.fingerprint)}`,
        );
      }
    }
  };
}

function question(check: HostKeyCheck, hopLabel: string, warnings: string[]): HostKeyQuestion {
  return {
    host: check.host,
    port: check.port,
    hopLabel,
    keyType: check.keyType,
    fingerprint: check.fingerprint,
    alsoKnownAs: check.status === 'unknown' ? check.alsoKnownAs : [],
    warnings,
  };
}
