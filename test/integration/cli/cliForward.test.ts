import { execFileSync, spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { createServer, connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const root = join(import.meta.dirname, '..', '..', '..');

function listening(port: number): string {
  return execFileSync('ss', ['-Hltnp', `sport = :${port}`], { encoding: 'utf8' }).trim();
}

// The built CLI holds a forward on this computer until it is stopped; stopped, it leaves no listener.
describe('slurmdesk forward', () => {
  it.each(['SIGTERM', 'SIGINT', 'SIGKILL'] as const)('listens on 127.0.0.1, carries bytes, and leaves no listener after %s', async (signal) => {
    const target = createServer((socket) => socket.end('hello through the forward'));
    await new Promise<void>((resolve) => target.listen(0, '127.0.0.1', resolve));
    const targetPort = (target.address() as { port: number }).port;
    const home = mkdtempSync(join(tmpdir(), 'slurmdesk-cli-forward-'));
    const child = spawn(process.execPath, [join(root, 'out/cli/main.mjs'), 'forward', 'login', String(targetPort), '--cluster', 'embedded', '--json'], {
      env: { ...process.env, HOME: home, SLURMDESK_HOME: join(home, 'data') },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    const localPort = await new Promise<number>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no forward printed: ${stdout}`)), 60_000);
      child.stdout.on('data', () => {
        const port = /"localPort": (\d+)/.exec(stdout)?.[1];
        if (port) {
          clearTimeout(timer);
          resolve(Number(port));
        }
      });
    });
    expect(listening(localPort)).toContain(`127.0.0.1:${localPort}`);
    const greeting = await new Promise<string>((resolve, reject) => {
      let text = '';
      const socket = connect(localPort, '127.0.0.1');
      socket.on('data', (chunk: Buffer) => (text += chunk.toString()));
      socket.once('close', () => resolve(text));
      socket.once('error', reject);
    });
    expect(greeting).toBe('hello through the forward');
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill(signal);
    await exited;
    expect(listening(localPort)).toBe('');
    target.close();
    const audit = execFileSync('cat', [join(home, 'data', 'audit', 'audit.jsonl')], { encoding: 'utf8' });
    expect(audit).toContain('"event":"forward","action":"open"');
    // A killed process records nothing more, but its listener is gone all the same.
    if (signal !== 'SIGKILL') expect(audit).toContain('"action":"close"');
  }, 90_000);
});
