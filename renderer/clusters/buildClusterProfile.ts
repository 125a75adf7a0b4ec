import { ClusterProfileSchema, type ClusterProfileInput } from '../../shared/clusters/clusterProfile';
import { wordsForSchemaIssue } from '../app/schemaIssueWords';
import { clusterFieldForPath } from './clusterFieldErrors';
import type { ClusterFieldErrors, ClusterFieldKey, ClusterFields } from './clusterFormStore';

export type BuiltProfile = { ok: true; profile: ClusterProfileInput } | { ok: false; errors: ClusterFieldErrors };

const jumpPattern = /^([^@\s]+)@([^:\s]+|\[[^\]]+\])(?::(\d+))?$/;

function parsePort(text: string): number | null {
  if (!/^\d{1,5}$/.test(text.trim())) return null;
  return Number(text.trim());
}

/** The labels the form shows, so a message names the field the way the person sees it. */
export const clusterFieldLabels: Record<ClusterFieldKey, string> = {
  name: 'Name',
  host: 'Host',
  port: 'Port',
  user: 'User',
  keyFiles: 'Key files',
  jump: 'Jump host',
  jumpKeyFiles: 'Jump host key files',
  jobBaseDir: 'Job base folder',
  partition: 'Default partition',
  account: 'Default account',
  qos: 'Default QOS',
  hostKeyPolicy: 'Unknown host keys',
  auth: 'Sign-in methods',
};

function lines(text: string): string[] {
  return text
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line !== '');
}

/**
 * The form's text as a profile, checked whole with the schema main uses, so every field's
 * problem is found at once (one broken field does not hide the others) and said in words.
 */
export function buildClusterProfile(fields: ClusterFields): BuiltProfile {
  const errors: ClusterFieldErrors = {};
  const port = parsePort(fields.port === '' ? '22' : fields.port);
  if (port === null) errors.port = 'Port is a number from 1 to 65535, like 22';

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
      errors.jump = 'Write the jump host as user@host or user@host:port';
    } else {
      // Without keys of its own the jump host signs in with the cluster's (see signInKeys.ts).
      jump.push({ user: match[1]!, host: match[2]!, port: jumpPort, auth: { agent: true, keyFiles: lines(fields.jumpKeyFiles), password: true, keyboardInteractive: true } });
    }
  }

  const optional = (text: string) => (text.trim() === '' ? undefined : text.trim());
  const defaults = { partition: optional(fields.partition), account: optional(fields.account), qos: optional(fields.qos) };
  const jobBaseDir = optional(fields.jobBaseDir);
  const profile: ClusterProfileInput = {
    name: fields.name.trim(),
    host: fields.host.trim(),
    // A port that is no number is already reported; 22 stands in so the other fields are still checked.
    port: port ?? 22,
    user: fields.user.trim(),
    auth,
    jump,
    hostKeyPolicy: fields.hostKeyPolicy,
    // Unset fields are left out, not sent as undefined: the contract's objects are strict.
    defaults: Object.fromEntries(Object.entries(defaults).filter(([, value]) => value !== undefined)),
    ...(jobBaseDir === undefined ? {} : { jobBaseDir }),
  };
  const checked = ClusterProfileSchema.safeParse(profile);
  if (!checked.success) {
    for (const issue of checked.error.issues) {
      const field = clusterFieldForPath(issue.path.join('.'));
      if (field && errors[field] === undefined) errors[field] = wordsForSchemaIssue(issue, clusterFieldLabels[field], ClusterProfileSchema);
    }
  }
  if (Object.keys(errors).length > 0) return { ok: false, errors };
  return { ok: true, profile };
}
