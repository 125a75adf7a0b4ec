import type { AuditEntry } from '../../shared/contract/settingsMethods';

type Fields = AuditEntry['fields'];

const text = (fields: Fields, key: string): string => {
  const value = fields[key];
  if (value === undefined || value === null) return '—';
  return Array.isArray(value) ? value.join(', ') : String(value);
};

const endpoint = (fields: Fields) => `${fields.user === undefined ? '' : `${text(fields, 'user')}@`}${text(fields, 'host')}:${text(fields, 'port')}`;

// Twelve hex digits tell versions of one file apart at a glance; the full hash is in the log file.
const shortHash = (fields: Fields) => {
  const hash = text(fields, 'sha256');
  return hash.length > 12 ? `${hash.slice(0, 12)}…` : hash;
};

/** Each recorded event in words: a title for the column and one line of what happened. */
export function describeAuditEntry(entry: AuditEntry): { title: string; detail: string } {
  const f = entry.fields;
  switch (entry.event) {
    case 'connect': {
      const via = Array.isArray(f.via) && f.via.length > 0 ? ` via ${f.via.join(' → ')}` : '';
      return { title: 'Connected', detail: `${text(f, 'cluster')}: ${endpoint(f)}${via}` };
    }
    case 'connect-failed':
      return { title: 'Connection failed', detail: `${text(f, 'cluster')}: ${endpoint(f)} (${text(f, 'reason')})` };
    case 'disconnect':
      return { title: 'Disconnected', detail: `${text(f, 'cluster')}: ${endpoint(f)} (${text(f, 'reason')})` };
    case 'keychain-save-failed':
      return {
        title: 'Not saved in keychain',
        detail: `${text(f, 'account')}: ${text(f, 'reason')}${f.rememberedForSession === true ? ' (remembered until the app quit instead)' : ''}`,
      };
    case 'slurmfile-trust': {
      const targets = Array.isArray(f.targets) && f.targets.length > 0 ? `; it may run ${f.targets.join(', ')}` : '; it names no code to run';
      return {
        title: f.scope === 'saved' ? 'Slurmfile trusted' : 'Slurmfile trusted for one run',
        detail: `${text(f, 'file')} (content SHA-256 ${shortHash(f)})${targets}`,
      };
    }
    case 'slurmfile-revoke':
      return { title: 'Slurmfile trust withdrawn', detail: `${text(f, 'file')} (content SHA-256 ${shortHash(f)})` };
    case 'auth':
      return {
        title: f.outcome === 'success' ? 'Signed in' : 'Sign-in refused',
        detail: `${endpoint(f)} with ${text(f, 'method')}`,
      };
    case 'host-key':
      return {
        title: 'Host key checked',
        detail: `${text(f, 'host')}:${text(f, 'port')} ${text(f, 'keyType')} ${text(f, 'fingerprint')}: ${text(f, 'decision')} (policy ${text(f, 'policy')})`,
      };
    case 'submit':
      return {
        title: f.outcome === 'accepted' ? 'Job submitted' : 'Submission failed',
        detail: `${text(f, 'job')} on ${text(f, 'cluster')}${f.slurmId ? `, Slurm id ${text(f, 'slurmId')}` : ''}${f.outcome === 'accepted' ? '' : ` (${text(f, 'outcome')})`}`,
      };
    case 'cancel':
      return { title: 'Jobs cancelled', detail: `${text(f, 'jobs')} on ${text(f, 'cluster')}` };
    case 'job-control': {
      const detail = f.detail ? ` (${text(f, 'detail')})` : '';
      return { title: `Jobs: ${text(f, 'action')}`, detail: `${text(f, 'jobs')} on ${text(f, 'cluster')}${detail}: ${text(f, 'outcome')}` };
    }
    case 'transfer':
      return {
        title: f.direction === 'download' ? 'Files downloaded' : 'Files uploaded',
        detail: `${text(f, 'path')} on ${text(f, 'cluster')}: ${text(f, 'bytes')} bytes, ${text(f, 'outcome')}`,
      };
    case 'terminal':
      return {
        title: f.action === 'open' ? 'Terminal opened' : 'Terminal closed',
        detail: `${text(f, 'cluster')}${f.job ? `, inside job ${text(f, 'job')}` : ''}${f.node ? ` on ${text(f, 'node')}` : ''}`,
      };
    case 'forward':
      return {
        title: f.action === 'open' ? 'Port forward opened' : 'Port forward closed',
        detail: `127.0.0.1:${text(f, 'localPort')} → ${text(f, 'target')} on ${text(f, 'cluster')}${f.reason ? ` (${text(f, 'reason')})` : ''}`,
      };
    case 'file-change':
      return {
        title: f.action === 'delete' ? 'File deleted' : 'File renamed',
        detail: `${text(f, 'path')}${f.to ? ` → ${text(f, 'to')}` : ''} on ${text(f, 'cluster')}: ${text(f, 'outcome')}`,
      };
    default:
      // A newer app wrote an event this window does not know: show it as recorded.
      return { title: entry.event, detail: Object.keys(f).map((key) => `${key}=${text(f, key)}`).join(' ') };
  }
}
