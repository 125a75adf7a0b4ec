import { appendFileSync, closeSync, mkdirSync, openSync, readSync, statSync } from 'node:fs';
import { dirname } from 'node:path';
import type { auditEventNames } from '../../../shared/contract/settingsMethods';

/**
 * Security events, one JSON object per line, appended and never rewritten: connections and their
 * outcome, host-key decisions with fingerprint and policy, the auth method that worked (never a
 * secret), submissions, cancels, transfers. Fields are typed so a secret has no place to go.
 */
export type AuditEvent =
  | { event: 'connect'; cluster: string; host: string; port: number; user: string; via: string[] }
  | { event: 'connect-failed'; cluster: string; host: string; port: number; reason: string }
  | { event: 'disconnect'; cluster: string; host: string; port: number; user: string; reason: string }
  | { event: 'keychain-save-failed'; account: string; reason: string; rememberedForSession: boolean }
  | { event: 'auth'; host: string; port: number; user: string; method: string; outcome: 'success' | 'failure' }
  | { event: 'host-key'; host: string; port: number; keyType: string; fingerprint: string; policy: string; decision: string }
  | { event: 'submit'; cluster: string; job: string; slurmId: string | null; outcome: string }
  | { event: 'cancel'; cluster: string; jobs: string[] }
  | { event: 'transfer'; cluster: string; direction: 'upload' | 'download'; path: string; bytes: number; outcome: string }
  | { event: 'file-change'; cluster: string; action: 'rename' | 'delete'; path: string; to: string | null; outcome: string }
  | { event: 'slurmfile-trust'; file: string; sha256: string; targets: string[]; scope: 'saved' | 'this run' }
  | { event: 'slurmfile-revoke'; file: string; sha256: string }
  // Control of any queued job (hold, release, requeue, signal, cancel, update), whoever submitted it.
  | { event: 'job-control'; cluster: string; jobs: string[]; action: string; detail: string; outcome: string }
  | { event: 'terminal'; action: 'open' | 'close'; cluster: string; job: string | null; node: string | null }
  | { event: 'forward'; action: 'open' | 'close'; cluster: string; job: string | null; target: string; localPort: number; reason: string | null };

// Every event recorded here has a name the audit view knows (and describes in words).
type UnnamedEvent = Exclude<AuditEvent['event'], (typeof auditEventNames)[number]>;
export const everyAuditEventNamed: [UnnamedEvent] extends [never] ? true : UnnamedEvent = true;

export interface AuditLog {
  record(entry: AuditEvent): void;
}

/** True when the log's last line was cut off (a crash mid-append): the next entry must start afresh. */
function endsWithTornLine(path: string): boolean {
  let size: number;
  try {
    size = statSync(path).size;
  } catch {
    return false;
  }
  if (size === 0) return false;
  const fd = openSync(path, 'r');
  try {
    const last = Buffer.alloc(1);
    readSync(fd, last, 0, 1, size - 1);
    return last[0] !== 0x0a;
  } finally {
    closeSync(fd);
  }
}

export function openAuditLog(path: string): AuditLog {
  mkdirSync(dirname(path), { recursive: true, mode: 0o700 });
  return {
    record(entry) {
      // One write per line with O_APPEND: lines from the app and the CLI interleave, never mix.
      // After a torn line (the app or the CLI killed mid-append) a newline first, or the entry
      // would be glued to it and lost with it. Audit events are rare; the check costs one stat.
      const start = endsWithTornLine(path) ? '\n' : '';
      appendFileSync(path, `${start}${JSON.stringify({ at: new Date().toISOString(), ...entry })}\n`, { mode: 0o600 });
    },
  };
}

export const discardingAuditLog: AuditLog = { record() {} };
