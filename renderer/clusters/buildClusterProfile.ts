import type { ClusterProfileInput } from '../../shared/clusters/clusterProfile';
import type { ClusterFieldErrors, ClusterFields } from './clusterFormStore';

export type BuiltProfile = { ok: true; profile: ClusterProfileInput } | { ok: false; errors: ClusterFieldErrors };

const jumpPattern = /^([^@\s]+)@([^:\s]+|\[[^\]]+\])(?::(\d+))?$/;

function parsePort(text: string): number | null {
  if (!/^\d{1,5}$/.test(text.trim())) return null;
  return Number(text.trim());
}

function lines(text: string): string[] {
  return text
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line !== '');
}

/**
 * Only what the form alone can tell (a port that is not a number, a jump host not written as
 * user@host:port); everything else is left to the contract, whose errors land on the same fields.
 */
export function buildClusterProfile(fields: ClusterFields): BuiltProfile {
  const errors: ClusterFieldErrors = {};
  const port = parsePort(fields.port === '' ? '22' : fields.port);
  if (port === null) errors.port = 'A port is a number, like 22.';

  const auth = {
    agent: fields.agent,
    keyFiles: lines(fields.keyFiles),
    password: fields.password,
    keyboardInteractive: fields.keyboardInteractive,
  };

  const jump: NonNullable<ClusterProfileInput['jump']> = [];
  const jumpText = fields.jump.trim();
  if (jumpText !== '') {
    const match = jumpPattern.exec(jumpText);
    const jumpPort = match?.[3] === undefined ? 22 : parsePort(match[3]);
    if (!match || jumpPort === null) {
      errors.jump = 'Write the jump host as user@host or user@host:port.';
    } else {
      // Without keys of its own the jump host signs in with the cluster's (see signInKeys.ts).
      jump.push({ user: match[1]!, host: match[2]!, port: jumpPort, auth: { agent: true, keyFiles: lines(fields.jumpKeyFiles), password: true, keyboardInteractive: true } });
    }
  }

  if (Object.keys(errors).length > 0 || port === null) return { ok: false, errors };
  const optional = (text: string) => (text.trim() === '' ? undefined : text.trim());
  const defaults = { partition: optional(fields.partition), account: optional(fields.account), qos: optional(fields.qos) };
  const jobBaseDir = optional(fields.jobBaseDir);
  return {
    ok: true,
    profile: {
      name: fields.name.trim(),
      host: fields.host.trim(),
      port,
      user: fields.user.trim(),
      auth,
      jump,
      hostKeyPolicy: fields.hostKeyPolicy,
      // Unset fields are left out, not sent as undefined: the contract's objects are strict.
      defaults: Object.fromEntries(Object.entries(defaults).filter(([, value]) => value !== undefined)),
      ...(jobBaseDir === undefined ? {} : { jobBaseDir }),
    },
  };
}
