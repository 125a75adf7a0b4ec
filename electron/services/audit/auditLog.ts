import { appendFileSync, mkdirSync } from 'node:fs';
import { dirname } from 'node:path';

/**
 * Security events, one JSON object per line, appended and never rewritten: connections and their
 * outcome, host-key decisions with fingerprint and policy, the auth method that worked (never a
 * secret), submissions, cancels, transfers. Fields are typed so a secret has no place to go.
 */
export type AuditEvent =
  | { event: 'connect'; cluster: string; host: string; port: number; user: string; via: string[] }
  | { event: 'connect-failed'; cluster: string; host: string; port: number; reason: string }
  | { event: 'auth'; host: string; port: number; user: string; method: string; outcome: 'success' | 'failure' }
  | { event: 'host-key'; host: string; port: number; keyType: string; fingerprint: string; policy: string; decision: string }
  | { event: 'submit'; cluster: string; job: string; slurmId: string | null; outcome: string }
  | { event: 'cancel'; cluster: string; jobs: string[] }
  | { event: 'transfer'; cluster: string; direction: 'upload' | 'download'; path: string; bytes: number; outcome: string }
  | { event: 'slurmfile-trust'; file: string; sha256: string; targets: string[]; scope: 'saved' | 'this run' }
  | { event: 'slurmfile-revoke'; file: string; sha256: string };

export interface AuditLog {
  record(entry: AuditEvent): void;
}

export function openAuditLog(path: string): AuditLog {
  mkdirSync(dirname(path), { recursive: true, mode: 0o700 });
  return {
    record(entry) {
      // One write per line with O_APPEND: lines from the app and the CLI interleave, never mix.
      appendFileSync(path, `${JSON.stringify({ at: new Date().toISOString(), ...entry })}\n`, { mode: 0o600 });
    },
  };
}

export const discardingAuditLog: AuditLog = { record() {} };
