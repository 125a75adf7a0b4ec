import { mkdirSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { BrowserContext, Page } from 'playwright-core';
import { slurmUnavailableReason, startCluster, stopCluster } from '../integration/slurm/slurmCluster';
import { describeWithSshd, killTargetSessions, rotateTargetHostKey, startSshd, stopSshd, type SshdEnv } from '../integration/support/sshServer';
import { seriousAccessibilityViolations } from './support/accessibility';
import { chromiumAvailable, screenshot, startBrowserMode, type RunningApp, openAppPage } from './support/browserMode';

/**
 * A researcher's first connection to a real cluster, in Chromium against the real OpenSSH sshd
 * and Slurm: add the cluster, check and trust its host key, answer the sign-in prompt, run a
 * Python task there and read its result. Then the server's key changes: the app refuses it, shows
 * the alarming screen with no way to accept, and only forgetting the old key lets a fresh trust
 * through.
 */
let env: SshdEnv;
let app: RunningApp;
let browser: BrowserContext;
let page: Page;
let problems: string[];
let home: string;

async function fill(testId: string, value: string): Promise<void> {
  await page.getByTestId(testId).locator('input, textarea').fill(value);
}

async function connectionState(): Promise<string | null> {
  return page.getByTestId('connection-state-hpc').getAttribute('data-state');
}

/** The unknown-key dialog, the paste check, then the keyboard-interactive prompt. */
async function trustAndSignIn(): Promise<void> {
  const dialog = page.getByTestId('host-key-dialog');
  await dialog.waitFor();
  await expect(dialog.getByTestId('host-key-fingerprint').textContent()).resolves.toBe(env.targetFingerprint);
  await dialog.getByLabel('Paste the fingerprint your site published').fill(env.targetFingerprint);
  await expect(dialog.getByTestId('fingerprint-verdict').textContent()).resolves.toBe('matches');
  await dialog.getByRole('button', { name: 'Trust and save' }).click();
  const auth = page.getByTestId('auth-dialog');
  await auth.waitFor();
  expect(await seriousAccessibilityViolations(page)).toEqual([]);
  await auth.locator('input[type="password"], input').first().fill(env.password);
  await auth.getByRole('button', { name: 'OK' }).click();
  await page.locator('[data-testid="connection-state-hpc"][data-state="connected"]').waitFor({ timeout: 30_000 });
}

const noChromium = chromiumAvailable() ? null : 'Chromium is not installed (/usr/bin/chromium)';

describeWithSshd('a real cluster over SSH, in browser mode', () => {
  beforeAll(async () => {
    const missing = noChromium ?? slurmUnavailableReason();
    if (missing) throw new Error(missing);
    await startCluster('plain');
    env = await startSshd();
    home = mkdtempSync(join(tmpdir(), 'slurmdesk-e2e-ssh-home-'));
    mkdirSync(join(home, '.ssh'), { mode: 0o700 });
    // No agent: the only way in is the keyboard-interactive prompt.
    app = await startBrowserMode({ env: { HOME: home, SSH_AUTH_SOCK: '' } });
    ({ browser, page, problems } = await openAppPage(app, 'light'));
  }, 200_000);
  afterAll(async () => {
    await browser?.close();
    await app?.stop();
    await stopSshd();
    await stopCluster();
  }, 120_000);

  it('adds the cluster, trusts its key after comparing fingerprints, and signs in with a one-time prompt', async () => {
    await page.getByTestId('nav-clusters').click();
    await page.getByTestId('add-cluster').click();
    await fill('cluster-field-name', 'hpc');
    await fill('cluster-field-user', env.user);
    await fill('cluster-field-host', env.host);
    await fill('cluster-field-port', String(env.targetPort));
    await fill('cluster-field-jobBaseDir', '~/desk-jobs');
    await page.getByTestId('auth-agent').click();
    await page.getByTestId('auth-password').click();
    await page.getByTestId('save-cluster').click();
    await page.getByTestId('cluster-hpc').waitFor();
    expect(await connectionState()).toBe('disconnected');

    await page.getByTestId('connect-cluster-hpc').click();
    await page.getByTestId('host-key-dialog').waitFor();
    expect(await connectionState()).toBe('needs-input');
    await screenshot(page, 'ssh-host-key-dialog-light');
    expect(await seriousAccessibilityViolations(page)).toEqual([]);
    await trustAndSignIn();
    await screenshot(page, 'ssh-cluster-connected-light');

    const knownHosts = readFileSync(join(home, '.ssh', 'known_hosts'), 'utf8');
    expect(knownHosts).toContain(`[${env.host}]:${env.targetPort}`);
  });

  it('shows the real partitions, runs a Python task there and shows its result', async () => {
    await page.getByTestId('show-partitions-hpc').click();
    await page.getByTestId('partition-debug').waitFor({ timeout: 30_000 });
    await screenshot(page, 'ssh-cluster-partitions-light');

    await page.getByTestId('nav-submit').click();
    await page.getByTestId('field-cluster').locator('button').click();
    await page.getByRole('option', { name: /^hpc/ }).click();
    await fill('field-name', 'word-stats');
    await page.getByTestId('kind-python').click();
    await fill('field-module', 'json');
    await fill('field-function', 'loads');
    await fill('field-args', JSON.stringify(['{"mean": 2.5, "words": ["alpha", "beta"], "nested": {"ok": true}}']));
    await page.getByTestId('submit-job').click();

    const detail = page.getByTestId('job-detail');
    await detail.waitFor();
    expect(await detail.locator('h2').first().textContent()).toBe('word-stats');
    await expect.poll(() => detail.getByTestId('job-state').first().textContent(), { timeout: 90_000 }).toBe('completed');
    // The profile's own job folder, not the global one.
    await page.getByTestId('tab-overview').click();
    await expect.poll(() => detail.locator('.job-facts-path').first().textContent()).toContain(`${env.home}/desk-jobs/word-stats/`);
    await page.getByTestId('tab-result').click();
    const tree = page.getByTestId('result-json-tree');
    await tree.waitFor({ timeout: 30_000 });
    expect(await tree.getByRole('row', { name: /mean/ }).textContent()).toContain('2.5');
    await tree.getByRole('row', { name: /words/ }).getByRole('button', { name: 'Expand' }).click();
    await tree.getByRole('row', { name: /alpha/ }).waitFor();
    await screenshot(page, 'ssh-python-result-light');
    await page.getByTestId('nav-clusters').click();
  });

  it('stays consistent when the connection drops, even while a sign-in question is open', async () => {
    await killTargetSessions();
    await page.locator('[data-testid="connection-state-hpc"][data-state="disconnected"]').waitFor({ timeout: 30_000 });
    expect(await page.getByTestId('connection-message-hpc').textContent()).toMatch(/dropped/);

    await page.getByTestId('connect-cluster-hpc').click();
    const auth = page.getByTestId('auth-dialog');
    await auth.waitFor();
    await killTargetSessions();
    // The question is withdrawn, the state says what happened, and the button works again.
    await auth.waitFor({ state: 'detached', timeout: 30_000 });
    await page.locator('[data-testid="connection-state-hpc"][data-state="unreachable"]').waitFor();
    expect(await page.getByTestId('connect-cluster-hpc').isEnabled()).toBe(true);
    await screenshot(page, 'ssh-dropped-mid-sign-in-light');

    await page.getByTestId('connect-cluster-hpc').click();
    await auth.waitFor();
    await auth.locator('input').first().fill(env.password);
    await auth.getByRole('button', { name: 'OK' }).click();
    await page.locator('[data-testid="connection-state-hpc"][data-state="connected"]').waitFor({ timeout: 30_000 });
  });

  it('refuses a changed host key with no way to accept it; forgetting the old key, then trusting afresh, gets through', async () => {
    const before = env.targetFingerprint;
    env = await rotateTargetHostKey();
    expect(env.targetFingerprint).not.toBe(before);

    // Restarting sshd with its new key may or may not have cut the open connection.
    const disconnect = page.getByTestId('disconnect-cluster-hpc');
    if ((await disconnect.count()) > 0) await disconnect.click();
    await page.getByTestId('connect-cluster-hpc').click();
    const refused = page.getByTestId('refused-host-key-dialog');
    await refused.waitFor();
    await expect(refused.getByTestId('refused-key-known-fingerprint').textContent()).resolves.toBe(before);
    await expect(refused.getByTestId('refused-key-presented-fingerprint').textContent()).resolves.toBe(env.targetFingerprint);
    await expect(refused.getByTestId('refused-key-known-location').textContent()).resolves.toMatch(/known_hosts:\d+$/);
    const buttons = await refused.getByRole('button').allTextContents();
    expect(buttons.some((text) => /trust|accept|connect|continue/i.test(text))).toBe(false);
    expect(await page.getByTestId('host-key-dialog').count()).toBe(0);
    await page.waitForTimeout(400); // the dialog's fade-in, so the screenshot shows it settled
    await screenshot(page, 'ssh-changed-host-key-light');
    expect(await seriousAccessibilityViolations(page)).toEqual([]);
    expect(await connectionState()).toBe('host-key-refused');

    // The card says it in a line and leads back to this screen; the long explanation stays there.
    await refused.getByTestId('close-refused-host-key').click();
    const cardMessage = page.getByTestId('connection-message-hpc');
    expect(await cardMessage.textContent()).toMatch(/host key changed/);
    expect(await cardMessage.textContent()).not.toMatch(/ssh-keygen|known_hosts/);
    expect((await cardMessage.textContent())!.length).toBeLessThan(120);
    await screenshot(page, 'ssh-changed-host-key-card-light');
    await page.getByTestId('review-host-key-hpc').click();
    await refused.waitFor();
    await refused.getByTestId('close-refused-host-key').click();

    // Connecting again changes nothing: the same refusal, not a prompt.
    await page.getByTestId('connect-cluster-hpc').click();
    await refused.waitFor();
    expect(await page.getByTestId('host-key-dialog').count()).toBe(0);

    // The way forward: the host-key manager, where forgetting asks for confirmation.
    await refused.getByTestId('open-host-key-manager').click();
    await page.getByTestId(`forget-host-[${env.host}]:${env.targetPort}`).first().click();
    await page.getByTestId('forget-host-dialog').waitFor();
    await screenshot(page, 'ssh-forget-old-key-light');
    await page.getByTestId('confirm-forget-host').click();
    await page.getByTestId('forget-host-dialog').waitFor({ state: 'detached' });

    await page.getByTestId('nav-clusters').click();
    await page.getByTestId('connect-cluster-hpc').click();
    await trustAndSignIn();
    expect(readFileSync(join(home, '.ssh', 'known_hosts'), 'utf8')).not.toContain(before.replace('SHA256:', ''));
    expect(problems).toEqual([]);
  });
});
