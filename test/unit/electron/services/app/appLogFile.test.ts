import { mkdtempSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { appLogPath, openAppLogFile, redactSecrets } from '../../../../../electron/services/app/appLogFile';

const scratch = () => mkdtempSync(join(tmpdir(), 'slurmdesk-log-'));

describe('the app log file', () => {
  it('is written in the data folder, private to the user', async () => {
    const dataDir = scratch();
    const log = openAppLogFile(dataDir);
    log.write('2026-01-01T00:00:00.000Z info [main] started');
    await log.flush();
    expect(log.path).toBe(appLogPath(dataDir));
    expect(readFileSync(log.path, 'utf8')).toBe('2026-01-01T00:00:00.000Z info [main] started\n');
    expect(statSync(log.path).mode & 0o777).toBe(0o600);
  });

  it('rotates by size and keeps a fixed number of old files, newest first', async () => {
    const dataDir = scratch();
    const log = openAppLogFile(dataDir, { maxBytes: 100, keep: 2 });
    for (let line = 0; line < 20; line += 1) log.write(`line ${String(line).padStart(2, '0')} ${'x'.repeat(30)}`);
    await log.flush();
    expect(readdirSync(join(dataDir, 'logs')).sort()).toEqual(['slurmdesk.1.log', 'slurmdesk.2.log', 'slurmdesk.log']);
    for (const name of readdirSync(join(dataDir, 'logs'))) expect(statSync(join(dataDir, 'logs', name)).size).toBeLessThanOrEqual(100);
    expect(readFileSync(log.path, 'utf8')).toContain('line 19');
    expect(readFileSync(join(dataDir, 'logs', 'slurmdesk.1.log'), 'utf8')).toContain('line 17');
    expect(readFileSync(join(dataDir, 'logs', 'slurmdesk.2.log'), 'utf8')).toContain('line 15');
  });

  it('never writes secret-shaped text a message picked up by accident', async () => {
    const dataDir = scratch();
    const log = openAppLogFile(dataDir);
    log.write('ssh failed: password=hunter2-secret for alice');
    log.write('config: {"passphrase": "correct horse"} token: abc123');
    log.write('-----BEGIN OPENSSH PRIVATE KEY-----\nb3BlbnNzaC1rZXktdjEAAAAA\n-----END OPENSSH PRIVATE KEY-----');
    log.write('Authorization: Bearer eyJhbGciOiJIUzI1NiJ9.payload');
    await log.flush();
    const text = readFileSync(log.path, 'utf8');
    for (const secret of ['hunter2-secret', 'correct', 'abc123', 'b3BlbnNzaC1rZXktdjEAAAAA', 'eyJhbGciOiJIUzI1NiJ9']) expect(text).not.toContain(secret);
    expect(text).toContain('password=[redacted] for alice');
    expect(redactSecrets('job sd-1234 finished')).toBe('job sd-1234 finished');
  });

  it('keeps the app running when the log cannot be written', async () => {
    const notAFolder = join(scratch(), 'file');
    writeFileSync(notAFolder, '');
    const log = openAppLogFile(notAFolder);
    log.write('lost');
    await expect(log.flush()).resolves.toBeUndefined();
  });
});
