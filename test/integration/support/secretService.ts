import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { basename, join } from 'node:path';
import { build } from 'esbuild';
import { describeWhenAvailable, onPath } from './describeWhenAvailable';

/**
 * A throwaway Secret Service (gnome-keyring on a private D-Bus session) from
 * test/daemons/secret-service.sh. The vitest process itself has no session bus, so suites bundle a
 * small TypeScript entry with esbuild and run it with node inside `secret-service.sh run`; the
 * same code runs in-process when vitest was itself started inside that script.
 */
const root = join(import.meta.dirname, '..', '..', '..');
const script = join(root, 'test', 'daemons', 'secret-service.sh');
// Under the repository (not /tmp) so the bundle resolves keytar and zod from node_modules.
const bundleDir = join(root, 'out', 'test-scripts');

export const secretServiceRunHint =
  'bash test/daemons/secret-service.sh run -- npx vitest run --project integration test/integration/credentials';

/** Null when a throwaway keyring can be started here, else why not and how to fix it. */
export function secretServiceUnavailableReason(): string | null {
  if (process.platform !== 'linux') return 'the Secret Service tests need Linux with gnome-keyring';
  const missing = ['dbus-run-session', 'dbus-send', 'gnome-keyring-daemon'].filter((program) => !onPath(program));
  if (missing.length > 0) {
    return `the Secret Service is not installed (missing ${missing.join(', ')}); install it with: sudo bash test/daemons/secret-service.sh install, then run: ${secretServiceRunHint}`;
  }
  try {
    createRequire(import.meta.url)('keytar');
  } catch (error) {
    const message = error instanceof Error ? error.message.split('\n')[0] : String(error);
    return `keytar does not load (${message}); install libsecret and rebuild it with: sudo bash test/daemons/secret-service.sh install`;
  }
  return null;
}

export function describeWithSecretService(name: string, body: () => void): void {
  describeWhenAvailable(name, secretServiceUnavailableReason(), body);
}

/** True when this process already runs inside `secret-service.sh run` with the keyring unlocked. */
export function insideThrowawayKeyring(): boolean {
  return process.env.SLURMDESK_SECRET_SERVICE === 'gnome-keyring-unlocked' && Boolean(process.env.DBUS_SESSION_BUS_ADDRESS);
}

/** Bundles a TypeScript entry (dependencies stay in node_modules) into one .mjs that node can run. */
export async function bundleNodeScript(entry: string): Promise<{ file: string; dispose: () => void }> {
  mkdirSync(bundleDir, { recursive: true });
  const folder = mkdtempSync(join(bundleDir, `${basename(entry, '.ts')}-`));
  const file = join(folder, 'main.mjs');
  await build({ entryPoints: [entry], outfile: file, bundle: true, platform: 'node', format: 'esm', target: 'node20', packages: 'external', logLevel: 'error' });
  return { file, dispose: () => rmSync(folder, { recursive: true, force: true }) };
}

export type Keyring = 'unlocked' | 'locked' | 'no-session-bus';
export type ScriptRun = { code: number | null; signal: NodeJS.Signals | null; stdout: string; stderr: string; ms: number };

/**
 * Runs `node file args…`: inside `secret-service.sh run` (with --locked for a locked keyring), or
 * for 'no-session-bus' directly, with no bus address, no display (so libsecret cannot autolaunch
 * one) and a scratch HOME.
 */
export async function runNodeScript(file: string, args: string[], keyring: Keyring, timeoutMs = 60_000): Promise<ScriptRun> {
  const node = [process.execPath, file, ...args];
  let command: string[];
  const env: NodeJS.ProcessEnv = { ...process.env };
  let scratchHome: string | null = null;
  if (keyring === 'no-session-bus') {
    for (const name of ['DBUS_SESSION_BUS_ADDRESS', 'DISPLAY', 'WAYLAND_DISPLAY', 'SLURMDESK_SECRET_SERVICE']) delete env[name];
    scratchHome = mkdtempSync(join(bundleDir, 'home-'));
    env.HOME = scratchHome;
    command = node;
  } else {
    command = ['bash', script, 'run', ...(keyring === 'locked' ? ['--locked'] : []), '--', ...node];
  }
  const started = Date.now();
  try {
    return await new Promise<ScriptRun>((resolve, reject) => {
      // detached: a timeout kills the whole group (bash, dbus-run-session, the keyring, node).
      const child = spawn(command[0]!, command.slice(1), { cwd: root, env, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
      let stdout = '';
      let stderr = '';
      child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
      child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
      const timer = setTimeout(() => {
        if (child.pid !== undefined) process.kill(-child.pid, 'SIGKILL');
        reject(new Error(`${command.join(' ')} did not finish in ${timeoutMs} ms\n${stderr}`));
      }, timeoutMs);
      child.on('error', (error) => {
        clearTimeout(timer);
        reject(error);
      });
      child.on('close', (code, signal) => {
        clearTimeout(timer);
        resolve({ code, signal, stdout, stderr, ms: Date.now() - started });
      });
    });
  } finally {
    if (scratchHome) rmSync(scratchHome, { recursive: true, force: true });
  }
}

/** The JSON a script printed as its last line of stdout; throws with its stderr when there is none. */
export function lastJsonLine(run: ScriptRun): unknown {
  const line = run.stdout.trimEnd().split('\n').pop() ?? '';
  try {
    return JSON.parse(line) as unknown;
  } catch {
    throw new Error(`the script exited with ${run.code ?? run.signal} and printed no JSON result\nstdout:\n${run.stdout}\nstderr:\n${run.stderr}`);
  }
}
