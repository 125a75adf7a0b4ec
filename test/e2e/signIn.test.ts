import { mkdirSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { BrowserContext, Page } from 'playwright-core';
import { describeWithSshd, startSshd, stopSshd, type SshdEnv } from '../integration/support/sshServer';
import { seriousAccessibilityViolations } from './support/accessibility';
import { artifactsDir, chromiumAvailable, openAppPage, screenshot, startBrowserMode, type RunningApp } from './support/browserMode';

/**
 * A newcomer's sign-in in Chromium against the real sshd, on a machine with no usable keychain
 * (no D-Bus session, as on a headless login node): a mistyped published fingerprint blocks the
 * host key, the sign-in prompt names the cluster, offers to remember the password for the
 * session instead of a keychain that would fail, says when a password was refused, and a
 * reconnect neither asks again nor stacks banners. The audit log then reads in words.
 */
let env: SshdEnv;
let app: RunningApp;
let browser: BrowserContext;
let page: Page;
let problems: string[];

async function fill(testId: string, value: string): Promise<void> {
  await page.getByTestId(testId).locator('input, textarea').fill(value);
}

const noChromium = chromiumAvailable() ? null : 'Chromium is not installed (/usr/bin/chromium)';

describeWithSshd('signing in as a newcomer, in browser mode', () => {
  beforeAll(async () => {
    if (noChromium) throw new Error(noChromium);
    env = await startSshd();
    const home = mkdtempSync(join(tmpdir(), 'slurmdesk-e2e-signin-home-'));
    mkdirSync(join(home, '.ssh'), { mode: 0o700 });
    // No agent, no key, and no session bus: the OS keychain cannot be reached.
    app = await startBrowserMode({ env: { HOME: home, SSH_AUTH_SOCK: '', DBUS_SESSION_BUS_ADDRESS: 'unix:path=/nonexistent/bus', DISPLAY: '' } });
    ({ browser, page, problems } = await openAppPage(app, 'light'));
  }, 200_000);
  afterAll(async () => {
    await browser?.close();
    await app?.stop();
    await stopSshd();
  }, 120_000);

  it('shows a jump host\'s own key files in the cluster form once a jump host is given', async () => {
    await page.getByTestId('nav-clusters').click();
    await page.getByTestId('add-cluster').click();
    expect(await page.getByTestId('cluster-field-jumpKeyFiles').count()).toBe(0);
    await fill('cluster-field-jump', `${env.user}@${env.host}:${env.jumpPort}`);
    await page.getByTestId('cluster-field-jumpKeyFiles').waitFor();
    await screenshot(page, 'sign-in-jump-host-keys-light');
    await fill('cluster-field-jump', '');
    await page.getByTestId('cluster-field-jumpKeyFiles').waitFor({ state: 'detached' });
  });

  it('blocks both ways of accepting a host key whose published fingerprint does not match', async () => {
    await fill('cluster-field-name', 'hpc');
    await fill('cluster-field-user', env.user);
    await fill('cluster-field-host', env.host);
    await fill('cluster-field-port', String(env.targetPort));
    await page.getByTestId('auth-agent').click();
    await page.getByTestId('save-cluster').click();
    await page.getByTestId('cluster-hpc').waitFor();
    await page.getByTestId('connect-cluster-hpc').click();

    const dialog = page.getByTestId('host-key-dialog');
    await dialog.waitFor();
    const trust = dialog.getByRole('button', { name: 'Trust and save' });
    const once = dialog.getByRole('button', { name: 'Connect once' });
    const field = dialog.getByLabel('Paste the fingerprint your site published');
    await field.fill(`SHA256:${'A'.repeat(43)}`);
    expect(await dialog.getByTestId('fingerprint-verdict').textContent()).toMatch(/^does not match: this is not the key/);
    expect(await trust.isDisabled()).toBe(true);
    expect(await once.isDisabled()).toBe(true);
    await screenshot(page, 'sign-in-host-key-mismatch-light');
    // Cleared, the person decides without a published value; pasted right, it matches.
    await field.fill('');
    expect(await trust.isEnabled()).toBe(true);
    expect(await once.isEnabled()).toBe(true);
    await field.fill(env.targetFingerprint);
    await trust.click();
  });

  it('names the cluster, offers to remember for the session where there is no keychain, and says when a password was refused', async () => {
    const auth = page.getByTestId('auth-dialog');
    await auth.waitFor();
    expect(await auth.getByRole('heading').textContent()).toBe('Password for hpc');
    expect(await auth.getByTestId('auth-where').textContent()).toBe(`Signing in to hpc as ${env.user}@${env.host}:${env.targetPort}.`);
    await auth.getByTestId('auth-no-keychain').waitFor();
    expect(await auth.getByTestId('auth-no-keychain').textContent()).toContain('there is no Secret Service (D-Bus) session');
    expect(await auth.getByTestId('auth-keep').textContent()).toContain('Remember until Slurm Desk quits');
    expect(await auth.getByText('Save in keychain').count()).toBe(0);
    expect(await auth.getByTestId('auth-retry').count()).toBe(0);
    await screenshot(page, 'sign-in-password-no-keychain-light');
    expect(await seriousAccessibilityViolations(page)).toEqual([]);

    await auth.locator('input[type="password"]').fill('not-the-password');
    await auth.getByRole('button', { name: 'OK' }).click();
    // The next prompt looks the same and says why it is back.
    const retry = page.getByTestId('auth-retry');
    await retry.waitFor({ timeout: 30_000 });
    expect(await retry.textContent()).toBe('The password was not accepted. Try again.');
    expect(await page.getByTestId('auth-dialog').getByRole('heading').textContent()).toBe('Password for hpc');
    await screenshot(page, 'sign-in-password-refused-light');
    await page.getByTestId('auth-dialog').locator('input[type="password"]').fill(env.password);
    await page.getByTestId('auth-keep').click();
    await page.getByTestId('auth-dialog').getByRole('button', { name: 'OK' }).click();
    await page.locator('[data-testid="connection-state-hpc"][data-state="connected"]').waitFor({ timeout: 30_000 });
    await expect.poll(() => page.getByTestId('notice').count()).toBe(1);
  });

  it('reconnects with the remembered password without asking, and keeps one banner per cause', async () => {
    for (let round = 0; round < 2; round += 1) {
      await page.getByTestId('disconnect-cluster-hpc').click();
      await page.locator('[data-testid="connection-state-hpc"][data-state="disconnected"]').waitFor();
      await page.getByTestId('connect-cluster-hpc').click();
      await page.locator('[data-testid="connection-state-hpc"][data-state="connected"]').waitFor({ timeout: 30_000 });
    }
    expect(await page.getByTestId('auth-dialog').count()).toBe(0);
    const notices = page.getByTestId('notice');
    expect(await notices.count()).toBe(1);
    expect(await notices.first().textContent()).toContain(`Signed in to hpc (${env.user}@${env.host}:${env.targetPort}) with a password`);
    await screenshot(page, 'sign-in-one-banner-light');
  });

  it('shows disconnects and every other event in words in the audit log', async () => {
    await page.getByTestId('nav-settings').click();
    await page.getByTestId('audit-table').waitFor();
    const disconnect = page.locator('[data-testid="audit-row"][data-event="disconnect"]').first();
    await disconnect.waitFor();
    expect(await disconnect.textContent()).toContain('Disconnected');
    expect(await disconnect.textContent()).toContain('closed by Slurm Desk');
    expect(await page.getByTestId('audit-table').textContent()).not.toMatch(/\w=\S/);
    await page.getByTestId('audit-table').scrollIntoViewIfNeeded();
    await page.getByTestId('audit-table').screenshot({ path: join(artifactsDir, 'sign-in-audit-log-light.png') });
    expect(problems).toEqual([]);
  });
});
