import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { BrowserContext, Page } from 'playwright-core';
import { EventHub } from '../../shared/contract/eventHub';
import { openAppServices } from '../../electron/services/appServices';
import { silentLogger } from '../../electron/services/log';
import { slurmUnavailableReason, startCluster, stopCluster } from '../integration/slurm/slurmCluster';
import { describeWithSshd, startSshd, stopSshd, type SshdEnv } from '../integration/support/sshServer';
import { knownHostsText } from '../integration/ssh/sshHarness';
import { seriousAccessibilityViolations } from './support/accessibility';
import { chromiumAvailable, openAppPage, screenshot, startBrowserMode, type RunningApp } from './support/browserMode';

/**
 * The terminal in Chromium against the real sshd and Slurm: a shell on the login node, then one
 * inside a running job through `srun --overlap --pty`; typed into, read back, resized, and ended
 * with its job.
 */
let env: SshdEnv;
let app: RunningApp;
let browser: BrowserContext;
let page: Page;
let problems: string[];
let slurmId: string;
let jobId: string;

/** What the shown terminal's screen says (xterm's rows, as text). */
function screen(): Promise<string> {
  return page.getByTestId('terminal-host').locator('.xterm-rows').innerText();
}

async function typeLine(text: string): Promise<void> {
  await page.getByTestId('terminal-host').locator('.xterm-helper-textarea').focus();
  await page.keyboard.type(text);
  await page.keyboard.press('Enter');
}

async function openTerminal(job: string): Promise<void> {
  await page.getByTestId('terminal-cluster').locator('button').click();
  await page.getByRole('option', { name: /^hpc/ }).click();
  await page.getByTestId('terminal-job').locator('input').fill(job);
  await page.getByTestId('terminal-open').click();
}

const noChromium = chromiumAvailable() ? null : 'Chromium is not installed (/usr/bin/chromium)';

describeWithSshd('terminals in the window, over SSH to a real Slurm', () => {
  beforeAll(async () => {
    const missing = noChromium ?? slurmUnavailableReason();
    if (missing) throw new Error(missing);
    await startCluster('plain');
    env = await startSshd();
    const home = mkdtempSync(join(tmpdir(), 'slurmdesk-e2e-terminal-home-'));
    mkdirSync(join(home, '.ssh'), { mode: 0o700 });
    writeFileSync(join(home, '.ssh', 'known_hosts'), knownHostsText(env));
    const dataDir = mkdtempSync(join(tmpdir(), 'slurmdesk-e2e-terminal-data-'));
    // The cluster is saved and a job is running before the window opens: this test is about terminals.
    const services = openAppServices({
      dataDir, electronVersion: null, openExternal: async () => false, hub: new EventHub(), log: silentLogger, backgroundRefresh: false,
      knownHosts: { userFile: join(home, '.ssh', 'known_hosts'), readOnlyFiles: [] },
    });
    services.profiles.save({
      name: 'hpc', host: env.host, port: env.targetPort, user: env.user, hostKeyPolicy: 'reject',
      auth: { agent: false, keyFiles: [env.clientKey], password: false, keyboardInteractive: false },
    });
    const job = await services.engine.submit({ name: 'hold', cluster: 'hpc', task: { kind: 'script', body: 'sleep 600' } });
    for (let tries = 0; services.engine.get(job.id).state !== 'RUNNING'; tries += 1) {
      if (tries > 120) throw new Error('the job never ran');
      await new Promise((resolve) => setTimeout(resolve, 500));
      await services.tracker.refresh('hpc');
    }
    jobId = job.id;
    slurmId = services.engine.get(job.id).slurmId!;
    await services.close();
    app = await startBrowserMode({ dataDir, env: { HOME: home, SSH_AUTH_SOCK: '' } });
    ({ browser, page, problems } = await openAppPage(app, 'dark'));
  }, 200_000);
  afterAll(async () => {
    await browser?.close();
    await app?.stop();
    await stopSshd();
    await stopCluster();
  }, 120_000);

  it('types into a login-node shell, reads its answer, and follows the window\'s size', async () => {
    await page.getByTestId('nav-interactive').click();
    await openTerminal('');
    await page.getByTestId('terminal-host').locator('.xterm-rows').waitFor({ timeout: 30_000 });
    await typeLine('echo "login-$((6*7))-$(id -un)"');
    await expect.poll(screen, { timeout: 30_000 }).toContain(`login-42-${env.user}`);
    await typeLine('stty size');
    await expect.poll(screen, { timeout: 15_000 }).toMatch(/\n\d+ \d+\n/);
    const before = /\n(\d+) (\d+)\n/.exec(await screen())!;
    await page.setViewportSize({ width: 900, height: 800 });
    await typeLine('clear; stty size');
    await expect.poll(async () => /\n(\d+) (\d+)\n/.exec(await screen())?.[2], { timeout: 15_000 }).not.toBe(before[2]);
    await screenshot(page, 'terminal-login-node-dark');
    expect(await seriousAccessibilityViolations(page)).toEqual([]);
  });

  it('opens a second tab inside the running job with --overlap, and ends it clearly when the job ends', async () => {
    await page.setViewportSize({ width: 1280, height: 900 });
    await openTerminal(jobId);
    await expect.poll(() => page.getByTestId('terminal-tab').count()).toBe(2);
    await typeLine('echo "in-job-$SLURM_JOB_ID"');
    await expect.poll(screen, { timeout: 60_000 }).toContain(`in-job-${slurmId}`);
    // The shell ignores SIGTERM as interactive shells do (Slurm would wait KillWait, 30 s): sleep does not.
    await typeLine(`(sleep 1; scancel ${slurmId}) & exec sleep 600`);
    const ended = page.getByTestId('terminal-ended');
    await ended.waitFor({ timeout: 60_000 });
    expect(await ended.textContent()).toContain(`Job ${slurmId} ended`);
    await screenshot(page, 'terminal-job-ended-dark');
    expect(problems).toEqual([]);
  });
});
