import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BrowserContext, Page } from 'playwright-core';
import {
  chromiumAvailable,
  screenshot,
  startBrowserMode,
  type RunningApp, openAppPage } from './support/browserMode';

/** A temp HOME whose ~/.ssh/config has two Host aliases, and patterns that cannot be profiles. */
function tempHomeWithSshConfig(): string {
  const home = mkdtempSync(join(tmpdir(), 'slurmdesk-e2e-clusters-home-'));
  mkdirSync(join(home, '.ssh'), { mode: 0o700 });
  writeFileSync(
    join(home, '.ssh', 'config'),
    [
      'Host *',
      '  ServerAliveInterval 30',
      '',
      'Host gpu-*',
      '  User carol',
      '',
      'Host alpha',
      '  HostName alpha.example.org',
      '  User alice',
      '  Port 2222',
      '',
      'Host beta',
      '  HostName beta.example.org',
      '  User bob',
      '',
    ].join('\n'),
    { mode: 0o600 },
  );
  execFileSync('ssh-keygen', ['-q', '-t', 'ed25519', '-N', '', '-C', 'alice@laptop', '-f', join(home, '.ssh', 'id_ed25519')]);
  return home;
}

async function fill(page: Page, testId: string, value: string): Promise<void> {
  await page.getByTestId(testId).locator('input, textarea').fill(value);
}

async function scrollMainToTop(page: Page): Promise<void> {
  await page.locator('main.app-main').evaluate((main) => main.scrollTo(0, 0));
}

async function fillProfile(page: Page, name: string, host: string): Promise<void> {
  await fill(page, 'cluster-field-name', name);
  await fill(page, 'cluster-field-user', 'alice');
  await fill(page, 'cluster-field-host', host);
  await fill(page, 'cluster-field-port', '22');
  await fill(page, 'cluster-field-keyFiles', '~/.ssh/id_ed25519');
  await fill(page, 'cluster-field-jump', 'alice@gate.example.org:2222');
}

describe.skipIf(!chromiumAvailable())('cluster profiles, in browser mode', () => {
  let app: RunningApp;
  let browser: BrowserContext;
  let page: Page;
  let problems: string[];

  beforeAll(async () => {
    app = await startBrowserMode({ env: { HOME: tempHomeWithSshConfig() } });
    ({ browser, page, problems } = await openAppPage(app, 'light'));
    await page.getByTestId('nav-clusters').click();
  });
  afterAll(async () => {
    await browser?.close();
    await app?.stop();
  });

  it('lists the built-in clusters', async () => {
    await page.getByTestId('cluster-embedded').waitFor();
    expect(await page.getByTestId('cluster-list').textContent()).toContain('built in');
    await screenshot(page, 'clusters-light');
  });

  it('shows an invalid host next to its field, and saves nothing', async () => {
    await page.getByTestId('add-cluster').click();
    await fillProfile(page, 'hpc', '-oProxyCommand=x');
    await page.getByTestId('save-cluster').click();
    const hostError = page.getByTestId('cluster-field-host-error');
    await hostError.waitFor();
    expect(await hostError.textContent()).toMatch(/not starting with -/);
    expect(await page.getByTestId('cluster-save-problem').textContent()).toMatch(/nothing was saved/);
    expect(await page.getByTestId('cluster-hpc').count()).toBe(0);
    await scrollMainToTop(page);
    await screenshot(page, 'clusters-add-invalid-light');
    await page.locator('main.app-main').evaluate((main) => main.scrollTo(0, main.scrollHeight));
    await screenshot(page, 'clusters-add-invalid-bottom-light');
  });

  it('says every field\'s problem at once, in words, and lets each go when its field is fixed', async () => {
    const errorOf = (field: string) => page.getByTestId(`cluster-field-${field}-error`);
    await fill(page, 'cluster-field-name', '');
    await fill(page, 'cluster-field-user', '');
    await fill(page, 'cluster-field-host', '');
    await fill(page, 'cluster-field-port', '70000');
    await page.getByTestId('save-cluster').click();
    await errorOf('port').waitFor();
    expect(await errorOf('name').textContent()).toBe('Name must not be empty');
    expect(await errorOf('user').textContent()).toBe('User must not be empty');
    expect(await errorOf('host').textContent()).toBe('Host must not be empty');
    expect(await errorOf('port').textContent()).toBe('Port must be a whole number from 1 to 65535');
    const form = page.getByTestId('add-cluster-form');
    expect(await form.textContent()).not.toMatch(/Too (small|big)|expected/);
    await scrollMainToTop(page);
    await screenshot(page, 'clusters-all-errors-light');

    await fill(page, 'cluster-field-name', 'hpc');
    expect(await errorOf('name').count()).toBe(0);
    expect(await page.getByTestId('cluster-save-problem').count()).toBe(1);
    await fillProfile(page, 'hpc', 'login.hpc.example.org');
    for (const field of ['name', 'user', 'host', 'port']) expect(await errorOf(field).count()).toBe(0);
    // The banner went with its cause, before any second Save.
    expect(await page.getByTestId('cluster-save-problem').count()).toBe(0);
    expect(await page.getByTestId('cluster-hpc').count()).toBe(0);
  });

  it('adds a profile through the form and lists it', async () => {
    await fill(page, 'cluster-field-host', 'login.hpc.example.org');
    await scrollMainToTop(page);
    await screenshot(page, 'clusters-add-form-light');
    await page.getByTestId('save-cluster').click();
    const row = page.getByTestId('cluster-hpc');
    await row.waitFor();
    expect(await row.textContent()).toContain('alice@login.hpc.example.org:22 via alice@gate.example.org:2222');
    expect(await page.getByTestId('add-cluster-form').count()).toBe(0);

    // It was saved by main, not only shown: a reload lists it again.
    await page.reload();
    await page.getByTestId('nav-clusters').click();
    await page.getByTestId('cluster-hpc').waitFor();
  });

  it('edits a saved profile: the name stays, the new defaults are saved', async () => {
    await page.getByTestId('edit-cluster-hpc').click();
    const form = page.getByTestId('add-cluster-form');
    await form.waitFor();
    expect(await form.locator('h2').textContent()).toBe('Edit hpc');
    expect(await page.getByTestId('cluster-field-name').locator('input').isEditable()).toBe(false);
    expect(await page.getByTestId('cluster-field-host').locator('input').inputValue()).toBe('login.hpc.example.org');
    await fill(page, 'cluster-field-partition', 'gpu');
    await fill(page, 'cluster-field-jobBaseDir', '/scratch/alice/jobs');
    await page.getByTestId('save-cluster').click();
    await expect.poll(() => page.getByTestId('add-cluster-form').count()).toBe(0);
    await page.reload();
    await page.getByTestId('nav-clusters').click();
    await page.getByTestId('edit-cluster-hpc').click();
    expect(await page.getByTestId('cluster-field-partition').locator('input').inputValue()).toBe('gpu');
    expect(await page.getByTestId('cluster-field-jobBaseDir').locator('input').inputValue()).toBe('/scratch/alice/jobs');
  });

  it('picks a key file from ~/.ssh, shown with its type and comment but never its contents', async () => {
    await fill(page, 'cluster-field-keyFiles', '');
    await page.getByTestId('choose-key-file').click();
    const option = page.getByRole('menuitem', { name: /~\/\.ssh\/id_ed25519/ });
    await option.waitFor();
    expect(await option.textContent()).toContain('ssh-ed25519');
    expect(await option.textContent()).toContain('alice@laptop');
    await screenshot(page, 'clusters-key-file-picker-light');
    await option.click();
    expect(await page.getByTestId('cluster-field-keyFiles').locator('textarea').inputValue()).toBe('~/.ssh/id_ed25519');
    await page.getByRole('button', { name: 'Cancel' }).click();
    await expect.poll(() => page.getByTestId('add-cluster-form').count()).toBe(0);
  });

  it('removes a profile after confirming', async () => {
    await page.getByTestId('remove-cluster-hpc').click();
    await page.getByTestId('remove-cluster-dialog').waitFor();
    await page.getByTestId('confirm-remove-cluster').click();
    await expect.poll(() => page.getByTestId('cluster-hpc').count()).toBe(0);
  });

  it('imports Host aliases from ~/.ssh/config and saves one', async () => {
    await page.getByTestId('import-ssh-config').click();
    await page.getByTestId('import-found').waitFor();
    expect(await page.getByTestId('import-alpha').textContent()).toContain('alice@alpha.example.org:2222');
    expect(await page.getByTestId('import-beta').textContent()).toContain('bob@beta.example.org:22');
    expect(await page.getByTestId('import-skipped').textContent()).toContain('gpu-*');
    expect(await page.getByTestId('cluster-alpha').count()).toBe(0);

    await page.getByTestId('import-save-alpha').click();
    await page.getByTestId('cluster-alpha').waitFor();
    await page.getByTestId('import-alpha-saved').waitFor();
    expect(await page.getByTestId('cluster-beta').count()).toBe(0);
    await scrollMainToTop(page);
    await screenshot(page, 'clusters-imported-light');
  });

  it('looks right in the dark theme', async () => {
    const { browser: dark, page: darkPage, problems: darkProblems } = await openAppPage(app, 'dark');
    try {
      await darkPage.getByTestId('nav-clusters').click();
      await darkPage.getByTestId('cluster-alpha').waitFor();
      await screenshot(darkPage, 'clusters-dark');
      await darkPage.getByTestId('add-cluster').click();
      await fillProfile(darkPage, 'dark-hpc', '-oProxyCommand=x');
      await darkPage.getByTestId('save-cluster').click();
      await darkPage.getByTestId('cluster-field-host-error').waitFor();
      await scrollMainToTop(darkPage);
      await screenshot(darkPage, 'clusters-add-form-dark');
      expect(darkProblems).toEqual([]);
    } finally {
      await dark.close();
    }
  });

  it('had no console errors or CSP violations', () => {
    expect(problems).toEqual([]);
  });
});
