import { AppError } from '../../../../shared/errors';
import type { HostKeyCheck, KnownKey } from './checkHostKey';
import { hostPortLabel } from './hostPatterns';
import { HostKeyRefusedError } from './hostKeyRefusal';

/**
 * What to do with a checked host key under the cluster's policy. Unknown keys follow the policy;
 * a changed or revoked key is refused under every policy, before any credential is sent, and no
 * single click can accept it (unlike Tabby): the person must forget the old key first.
 */
export type HostKeyPolicy = 'auto' | 'warn' | 'reject' | 'ask';

export const HostKeyErrorCode = {
  unknown: 'host-key-unknown',
  changed: 'host-key-changed',
  revoked: 'host-key-revoked',
} as const;
export type HostKeyErrorCode = (typeof HostKeyErrorCode)[keyof typeof HostKeyErrorCode];

export type HostKeyDecision =
  | { action: 'accept'; save: boolean; audit: string }
  /** Ask the person; `warnings` say why this one deserves more care than a plain new host. */
  | { action: 'prompt'; warnings: string[] }
  | { action: 'refuse'; code: HostKeyErrorCode; message: string; audit: string; error: AppError };

/** `canAsk`: a person is there to answer (the GUI); false for the CLI and headless runs. */
export type HostKeyDecisionContext = { canAsk: boolean };

/** The CLI commands messages point to; one place, so the words and the CLI cannot drift apart. */
export function trustHostCommand(host: string, port: number, fingerprint: string): string {
  return `slurmdesk hosts trust ${hostPortLabel(host, port)} --fingerprint ${fingerprint}`;
}

export function forgetHostCommand(host: string, port: number): string {
  return `slurmdesk hosts forget ${hostPortLabel(host, port)}`;
}

export function describeKnown(keys: readonly KnownKey[]): string {
  return keys.map((key) => `${key.keyType} ${key.fingerprint} in ${key.file}:${key.line}`).join('; ');
}

function refuse(code: HostKeyErrorCode, message: string, audit: string, problem?: HostKeyRefusedError['problem']): HostKeyDecision {
  const error = problem ? new HostKeyRefusedError(code, message, problem) : new AppError(code, message);
  return { action: 'refuse', code, message, audit, error };
}

/** The side-by-side facts of a refused key: what was presented, and what the files know. */
function problemOf(check: HostKeyCheck, kind: 'changed' | 'revoked', known: readonly KnownKey[]): HostKeyRefusedError['problem'] {
  return { kind, host: check.host, port: check.port, keyType: check.keyType, presented: check.fingerprint, known: [...known] };
}

/** Reasons an unknown (or name-trusted) key must not be accepted without a person looking. */
function cautions(check: HostKeyCheck): string[] {
  const label = hostPortLabel(check.host, check.port);
  const found: string[] = [];
  if (check.status === 'unknown' && check.otherKeyTypes.length > 0) {
    found.push(
      `${label} presented a ${check.keyType} key, but keys of another type are already known for it (${describeKnown(check.otherKeyTypes)}). ` +
        'OpenSSH treats this as a changed key: an impostor may be offering a key type you have not seen.',
    );
  }
  if (check.ip?.status === 'changed') {
    found.push(
      `The ${check.keyType} host key of ${label} differs from the key known for its address ${check.ip.address} (${describeKnown(check.ip.known)}). ` +
        'This could be DNS spoofing, or the host and its address changed at the same time.',
    );
  }
  return found;
}

function unknownInstruction(check: HostKeyCheck): string {
  const label = hostPortLabel(check.host, check.port);
  const ca = check.caOnly.length > 0 ? ` A certificate authority is trusted for this host (${describeKnown(check.caOnly)}), but the server presented a plain key, which a CA line never vouches for.` : '';
  return (
    `The host key of ${label} is not known.${ca} Verify its fingerprint ${check.fingerprint} (${check.keyType}) with your site ` +
    `and trust it with: ${trustHostCommand(check.host, check.port, check.fingerprint)}`
  );
}

/** The decision for one check under one policy; pure, so every policy × status pair is testable. */
export function decideHostKey(check: HostKeyCheck, policy: HostKeyPolicy, context: HostKeyDecisionContext): HostKeyDecision {
  const label = hostPortLabel(check.host, check.port);
  const presented = `${check.keyType} ${check.fingerprint}`;
  const nothingSent = 'The connection was closed before anything was sent to the host.';

  if (check.status === 'revoked') {
    const at = `${check.entry.file}:${check.entry.line}`;
    return refuse(
      HostKeyErrorCode.revoked,
      `REVOKED HOST KEY: ${label} presented the ${check.keyType} host key ${check.fingerprint}, which is marked @revoked in ${at}. ` +
        `A revoked key may be a stolen one used to impersonate this host. ${nothingSent} ` +
        'Ask your site for the host’s current key; do not remove the @revoked line.',
      `refused revoked ${presented} for ${label} (policy ${policy}): @revoked in ${at}`,
      problemOf(check, 'revoked', [{ keyType: check.entry.keyType, fingerprint: check.fingerprint, file: check.entry.file, line: check.entry.line }]),
    );
  }
  if (check.status === 'changed') {
    return refuse(
      HostKeyErrorCode.changed,
      `WARNING: THE HOST KEY OF ${label} HAS CHANGED. Someone could be intercepting this connection (a man-in-the-middle attack), ` +
        `or the host’s ${check.keyType} key was replaced. Known: ${describeKnown(check.known)}. Presented: ${presented}. ${nothingSent} ` +
        `Remove the old key only after confirming the change with your site: ${forgetHostCommand(check.host, check.port)}`,
      `refused changed ${presented} for ${label} (policy ${policy}); known ${describeKnown(check.known)}`,
      problemOf(check, 'changed', check.known),
    );
  }

  const warnings = cautions(check);
  if (warnings.length > 0) {
    if (policy === 'ask' && context.canAsk) return { action: 'prompt', warnings };
    const steps = check.status === 'unknown' ? [unknownInstruction(check)] : [];
    if (check.ip?.status === 'changed') {
      steps.push(`If your site confirms that ${check.ip.address} now serves ${label}, forget the address’s old key with: ${forgetHostCommand(check.ip.address, check.port)}`);
    }
    const code = check.status === 'unknown' ? HostKeyErrorCode.unknown : HostKeyErrorCode.changed;
    // OpenSSH treats a new key type or a changed address key as a changed key: show those keys.
    const known = [...(check.status === 'unknown' ? check.otherKeyTypes : []), ...(check.ip?.status === 'changed' ? check.ip.known : [])];
    return refuse(
      code,
      [...warnings, 'It was not accepted automatically.', nothingSent, ...steps].join(' '),
      `refused ${presented} for ${label} (policy ${policy}): ${warnings.join(' ')}`,
      problemOf(check, 'changed', known),
    );
  }

  if (check.status === 'trusted') {
    const via = check.matchedName === check.name ? '' : ` under the port-less name ${check.matchedName}`;
    return { action: 'accept', save: false, audit: `trusted ${presented} for ${label}: known in ${check.entry.file}:${check.entry.line}${via}` };
  }

  switch (policy) {
    case 'auto':
      return { action: 'accept', save: true, audit: `accepted new ${presented} for ${label} (policy auto) and saved it to known_hosts` };
    case 'warn':
      return {
        action: 'accept',
        save: false,
        audit: `WARNING: accepted unknown ${presented} for ${label} without saving it (policy warn); it was not verified`,
      };
    case 'ask':
      if (context.canAsk) return { action: 'prompt', warnings: [] };
      // Nobody can answer (CLI, headless): refusing with the command to run is the safe answer.
      return refuse(HostKeyErrorCode.unknown, `${unknownInstruction(check)} (No one can be asked here, so it was refused.)`, `refused unknown ${presented} for ${label} (policy ask, no one to ask)`);
    case 'reject':
      return refuse(HostKeyErrorCode.unknown, unknownInstruction(check), `refused unknown ${presented} for ${label} (policy reject)`);
    default:
      return assertNever(policy);
  }
}

function assertNever(value: never): never {
  throw new Error(`Unexpected host key policy: ${String(value)}`);
}
