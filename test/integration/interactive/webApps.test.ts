import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { CallerHandle } from '../../../shared/contract/caller';
import { EventHub } from '../../../shared/contract/eventHub';
import type { TerminalEnd } from '../../../shared/contract/terminalMethods';
import { openAppServices, type AppServices } from '../../../electron/services/appServices';
import { MemoryCredentialStore } from '../../../electron/services/credentials/memoryCredentialStore';
import { silentLogger } from '../../../electron/services/log';
import { openWebApp, startWebApp } from '../../../electron/services/webapps/webApps';
import { startCluster, stopCluster, slurmUnavailableReason } from '../slurm/slurmCluster';
import { describeWithSshd, startSshd, stopSshd, type SshdEnv } from '../support/sshServer';
import { knownHostsText, ScriptedPerson } from '../ssh/sshHarness';
import { onPath } from '../support/describeWhenAvailable';

let env: SshdEnv;
let services: AppServices;
let dataDir: string;
const output = new Map<string, string>();
const ended = new Map<string, TerminalEnd>();
const window = new CallerHandle('window-under-test');

/** Who listens on a TCP port of this machine, as `ss -ltnp` sees it ('' when nobody). */
function listenerOn(port: number): string {
  return execFileSync('ss', ['-Hltnp', `sport = :${port}`], { encoding: 'utf8' }).trim();
}

async function until<T>(what: string, probe: () => T | null | Promise<T | null>, timeoutMs = 60_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== null && value !== false) return value;
    if (Date.now() > deadline) throw new Error(`gave up waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 300));
  }
}

// Web apps as real Slurm jobs over the real sshd: Jupyter Notebook with its token, any app on a
// port, and a shell inside a running job — each reached only through the app's own forward.
describeWithSshd('interactive work over SSH on a real Slurm', () => {
  beforeAll(async () => {
    const missing = slurmUnavailableReason() ?? (onPath('jupyter-notebook') ? null : 'jupyter-notebook is not installed: sudo bash test/daemons/slurm.sh install');
    if (missing) throw new Error(missing);
    await startCluster('plain');
    env = await startSshd();
    dataDir = mkdtempSync(join(tmpdir(), 'slurmdesk-interactive-'));
    const knownHostsFile = join(dataDir, 'known_hosts');
    writeFileSync(knownHostsFile, knownHostsText(env));
    const hub = new EventHub();
    hub.subscribe((event, payload, to) => {
      if (to !== window.id) return;
      if (event === 'terminal.output') {
        const { id, data } = payload as { id: string; data: string };
        output.set(id, (output.get(id) ?? '') + data);
      }
      if (event === 'terminal.ended') ended.set((payload as TerminalEnd).id, payload as TerminalEnd);
    });
    services = openAppServices({
      dataDir, electronVersion: null, openExternal: async () => false, hub, log: silentLogger, backgroundRefresh: false,
      authPrompter: new ScriptedPerson({ password: [env.password] }), credentials: new MemoryCredentialStore(),
      knownHosts: { userFile: knownHostsFile, readOnlyFiles: [] },
    });
    const keyAuth = { agent: false, keyFiles: [env.clientKey], password: false, keyboardInteractive: false };
    services.profiles.save({
      name: 'hpc', host: env.host, port: env.targetPort, user: env.user, hostKeyPolicy: 'reject', auth: keyAuth,
      jump: [{ host: env.host, port: env.jumpPort, user: env.user, auth: keyAuth }],
    });
  }, 200_000);
  afterAll(async () => {
    await services?.close();
    await stopSshd();
    await stopCluster();
  }, 120_000);

  it('serves Jupyter Notebook from a job through a jump host: its API answers with the token, 403 without, and the forward closes with the job', async () => {
    const job = await startWebApp(services.webApps, { cluster: 'hpc', template: 'jupyter' });
    const opened = await openWebApp(services.webApps, 'test', job.id, { timeoutMs: 120_000 });
    expect(opened.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/tree\?token=[0-9a-f]{48}$/);
    const base = `http://127.0.0.1:${opened.forward.localPort}`;
    expect((await fetch(`${base}/api/status`)).status).toBe(403);
    const status = await fetch(`${base}/api/status`, { headers: { Authorization: `token ${opened.token}` } });
    expect(status.status).toBe(200);
    expect(await status.json()).toHaveProperty('started');
    // The token is in a 0600 file and the environment, never in any process's argv on the machine.
    expect(execFileSync('ps', ['-eo', 'args'], { encoding: 'utf8' })).not.toContain(opened.token);
    expect(listenerOn(opened.forward.localPort)).toContain('127.0.0.1:');
    const audit = readFileSync(join(dataDir, 'audit', 'audit.jsonl'), 'utf8');
    expect(audit).toContain(`"event":"forward","action":"open","cluster":"hpc","job":"${job.slurmId}"`);
    expect(audit).not.toContain(opened.token);

    await services.engine.cancel([job.id]);
    await until('the forward to close with its job', async () => {
      await services.forwards.watch.check();
      return services.forwards.forwards.list('test').length === 0;
    });
    expect(listenerOn(opened.forward.localPort)).toBe('');
    await expect(fetch(`${base}/api/status`)).rejects.toThrow();
  }, 180_000);

  it('serves any web app on $PORT (python3 -m http.server), and closing its forward leaves no listener', async () => {
    const job = await startWebApp(services.webApps, { cluster: 'hpc', template: 'any', command: 'echo served-by-job > index.html; exec python3 -m http.server --bind 0.0.0.0 "$PORT"' });
    const opened = await openWebApp(services.webApps, 'test', job.id, { timeoutMs: 120_000 });
    const page = await fetch(`http://127.0.0.1:${opened.forward.localPort}/index.html`);
    expect(await page.text()).toBe('served-by-job\n');
    services.forwards.forwards.shut(opened.forward.id, 'test done');
    expect(listenerOn(opened.forward.localPort)).toBe('');
    await services.engine.cancel([job.id]);
  }, 180_000);

  it('opens a shell inside a running job with srun --overlap, and says the job ended when it does', async () => {
    const job = await services.engine.submit({ name: 'hold', cluster: 'hpc', task: { kind: 'script', body: 'sleep 300' } });
    await until('the job to run', async () => {
      await services.tracker.refresh('hpc');
      return services.engine.get(job.id).state === 'RUNNING';
    });
    const open = services.handlers['terminal.open'];
    const signal = new AbortController().signal;
    const terminal = await open({ cluster: 'hpc', job: job.id, node: null, cols: 100, rows: 30 }, { signal, transport: 'memory', caller: window });
    expect(terminal.node).toBe('localhost');
    await services.handlers['terminal.write']({ id: terminal.id, data: 'echo "inside-$SLURM_JOB_ID-$(tput cols)"\r' }, { signal, transport: 'memory', caller: window });
    await until('the shell to answer', () => (output.get(terminal.id) ?? '').includes(`inside-${job.slurmId}-100`));
    // Another window cannot type into it.
    await expect(Promise.resolve().then(() => services.handlers['terminal.write']({ id: terminal.id, data: 'x' }, { signal, transport: 'memory', caller: new CallerHandle('other') }))).rejects.toThrow(/No terminal/);
    // An interactive shell ignores SIGTERM (Slurm would then wait KillWait, 30 s, to kill it): a program that does not.
    await services.handlers['terminal.write']({ id: terminal.id, data: 'exec sleep 600\r' }, { signal, transport: 'memory', caller: window });
    await new Promise((resolve) => setTimeout(resolve, 500));
    await services.engine.cancel([job.id]);
    const end = await until('the terminal to end', () => ended.get(terminal.id) ?? null);
    expect(end.kind).toBe('job-ended');
  }, 120_000);
});
