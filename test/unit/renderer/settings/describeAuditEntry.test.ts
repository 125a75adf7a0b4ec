import { describe, expect, it } from 'vitest';
import { auditEventNames, type AuditEntry } from '../../../../shared/contract/settingsMethods';
import { describeAuditEntry } from '../../../../renderer/settings/describeAuditEntry';

// One recorded line per event kind, with the fields main writes (electron/services/audit/auditLog.ts).
const recorded: Record<(typeof auditEventNames)[number], AuditEntry['fields']> = {
  connect: { cluster: 'hpc', host: 'hpc.example.org', port: 22, user: 'ana', via: ['gw.example.org'] },
  'connect-failed': { cluster: 'hpc', host: 'hpc.example.org', port: 22, reason: 'auth-failed' },
  disconnect: { cluster: 'hpc', host: 'hpc.example.org', port: 22, user: 'ana', reason: 'the connection closed' },
  auth: { host: 'hpc.example.org', port: 22, user: 'ana', method: 'password', outcome: 'success' },
  'keychain-save-failed': { account: 'password:ana@hpc.example.org:22', reason: 'the keyring is locked', rememberedForSession: true },
  'host-key': { host: 'hpc.example.org', port: 22, keyType: 'ssh-ed25519', fingerprint: 'SHA256:x', policy: 'ask', decision: 'trusted' },
  submit: { cluster: 'hpc', job: 'j1', slurmId: '42', outcome: 'accepted' },
  cancel: { cluster: 'hpc', jobs: ['j1'] },
  transfer: { cluster: 'hpc', direction: 'upload', path: '/x', bytes: 3, outcome: 'done' },
  'file-change': { cluster: 'hpc', action: 'rename', path: '/x', to: '/y', outcome: 'done' },
  'slurmfile-trust': { file: '/p/Slurmfile.toml', sha256: 'a'.repeat(64), targets: ['./hooks.mjs:Notifier'], scope: 'saved' },
  'slurmfile-revoke': { file: '/p/Slurmfile.toml', sha256: 'a'.repeat(64) },
  'job-control': { cluster: 'hpc', jobs: ['42', '43_1'], action: 'hold', detail: '', outcome: 'done' },
  terminal: { action: 'open', cluster: 'hpc', job: '42', node: 'c1' },
  forward: { action: 'close', cluster: 'hpc', job: '42', target: 'c1:8888', localPort: 50123, reason: 'the job ended' },
};

describe('describeAuditEntry', () => {
  it.each(auditEventNames)('puts %s in words, not as recorded key=value pairs', (event) => {
    const { title, detail } = describeAuditEntry({ line: 1, at: '2026-01-01T00:00:00Z', event, fields: recorded[event] });
    expect(title).not.toBe(event);
    expect(detail).not.toMatch(/\w=\S/);
  });

  it('says what a trusted Slurmfile may run, and for how long', () => {
    const trusted = describeAuditEntry({ line: 1, at: '', event: 'slurmfile-trust', fields: recorded['slurmfile-trust'] });
    expect(trusted).toEqual({ title: 'Slurmfile trusted', detail: '/p/Slurmfile.toml (content SHA-256 aaaaaaaaaaaa…); it may run ./hooks.mjs:Notifier' });
  });

  it('says a failed keychain save kept the secret for the session only', () => {
    const failed = describeAuditEntry({ line: 1, at: '', event: 'keychain-save-failed', fields: recorded['keychain-save-failed'] });
    expect(failed.detail).toBe('password:ana@hpc.example.org:22: the keyring is locked (remembered until the app quit instead)');
  });
});
