import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BrowserContext, Page } from 'playwright-core';
import {
  chromiumAvailable,
  openBrowser,
  screenshot,
  startBrowserMode,
  watchForPageErrors,
  type RunningApp, openAppPage, gotoApp } from './support/browserMode';

type HostKey = { line: string; fingerprint: string };

function keygen(args: string[]): string {
  const run = spawnSync('ssh-keygen', args, { encoding: 'utf8' });
  if (run.status !== 0) throw new Error(`ssh-keygen ${args.join(' ')}: ${run.stderr}`);
  return run.stdout;
}

/** A real ed25519 key made by OpenSSH, and the fingerprint ssh-keygen -lf prints for it. */
function realKey(dir: string, name: string): { publicKey: string; fingerprint: string } {
  const path = join(dir, name);
  keygen(['-q', '-t', 'ed25519', '-N', '', '-C', name, '-f', path]);
  const [type, base64] = readFileSync(`${path}.pub`, 'utf8').split(' ');
  return { publicKey: `${type} ${base64}`, fingerprint: keygen(['-lf', `${path}.pub`]).split(' ')[1]! };
}

/** A temp HOME whose known_hosts has a plain line, a [host]:port line, a line hashed by ssh-keygen -H and a @revoked key. */
function tempHomeWithKnownHosts(): { home: string; knownHosts: string; keys: Record<'plain' | 'ported' | 'hashed' | 'revoked', HostKey> } {
  const home = mkdtempSync(join(tmpdir(), 'slurmdesk-e2e-settings-home-'));
  const keyDir = mkdtempSync(join(tmpdir(), 'slurmdesk-e2e-settings-keys-'));
  mkdirSync(join(home, '.ssh'), { mode: 0o700 });
  const plain = realKey(keyDir, 'plain');
  const ported = realKey(keyDir, 'ported');
  const hashed = realKey(keyDir, 'hashed');
  const revoked = realKey(keyDir, 'revoked');
  const toHash = join(keyDir, 'to-hash');
  writeFileSync(toHash, `secret-name.example.org ${hashed.publicKey}\n`);
  keygen(['-q', '-H', '-f', toHash]);
  const hashedLine = readFileSync(toHash, 'utf8').trim();
  expect(hashedLine).toMatch(/^\|1\|/);
  const keys = {
    plain: { line: `login.hpc.example.org ${plain.publicKey}`, fingerprint: plain.fingerprint },
    ported: { line: `[gate.example.org]:2222 ${ported.publicKey}`, fingerprint: ported.fingerprint },
    hashed: { line: hashedLine, fingerprint: hashed.fingerprint },
    revoked: { line: `@revoked * ${revoked.publicKey}`, fingerprint: revoked.fingerprint },
  };
  const knownHosts = join(home, '.ssh', 'known_hosts');
  writeFileSync(knownHosts, Object.values(keys).map((key) => key.line).join('\n') + '\n', { mode: 0o600 });
  return { home, knownHosts, keys };
}

/** Audit lines as the app writes them, plus a torn one, as a log left by earlier sessions. */
function writeAuditLog(dataDir: string): void {
  mkdirSync(join(dataDir, 'audit'), { recursive: true });
  const lines = [
    { at: '2026-11-20T09:00:00.000Z', event: 'connect', cluster: 'hpc', host: 'login.hpc.example.org', port: 22, user: 'alice', via: [] },
    { at: '2026-11-20T09:00:01.000Z', event: 'host-key', host: 'login.hpc.example.org', port: 22, keyType: 'ssh-ed25519', fingerprint: 'SHA256:abc', policy: 'ask', decision: 'trusted' },
    { at: '2026-11-20T09:00:02.000Z', event: 'auth', host: 'login.hpc.example.org', port: 22, user: 'alice', method: 'publickey', outcome: 'success' },
  ].map((line) => JSON.stringify(line));
  writeFileSync(join(dataDir, 'audit', 'audit.jsonl'), `${lines.join('\n')}\n{"at":"2026-11-20T09:00:03.000Z","ev`, { mode: 0o600 });
}

async function fill(page: Page, testId: string, value: string): Promise<void> {
  await page.getByTestId(testId).locator('input, textarea').fill(value);
}

async function inputValue(page: Page, testId: string): Promise<string> {
  return page.getByTestId(testId).locator('input').inputValue();
}

async function openSettings(page: Page): Promise<void> {
  await page.getByTestId('nav-settings').click();
  await page.getByTestId('job-folders-form').waitFor();
}

async function scrollTo(page: Page, testId: string): Promise<void> {
  await page.getByTestId(testId).evaluate((element) => element.scrollIntoView({ block: 'start' }));
}

/**
 * What the page's Notification was asked to show: the real one is a native popup a test cannot
 * see. Injected by the browser before the app's scripts run (a string: the tests type-check
 * without the DOM library).
 */
const recordNotifications = `
  const shown = [];
  const Native = window.Notification;
  class Recorded extends Native {
    constructor(title, options) {
      super(title, options);
      shown.push({ title, body: (options && options.body) || '' });
    }
  }
  Object.defineProperty(window, 'Notification', { value: Recorded });
  Object.defineProperty(window, 'shownNotifications', { value: shown });
`;

type Shown = { title: string; body: string };

async function shownNotifications(page: Page): Promise<Shown[]> {
  return (await page.evaluate('window.shownNotifications')) as Shown[];
}

/** The test id of the field (or control) that has the keyboard focus. */
async function focusedTestId(page: Page): Promise<string | null> {
  return (await page.evaluate(`document.activeElement?.closest('[data-testid]')?.getAttribute('data-testid') ?? null`)) as string | null;
}

describe.skipIf(!chromiumAvailable())('settings, host keys, sign-ins, audit log and notifications, in browser mode', () => {
  let app: RunningApp;
  let browser: BrowserContext;
  let page: Page;
  let problems: string[];
  let fixture: ReturnType<typeof tempHomeWithKnownHosts>;

  beforeAll(async () => {
    fixture = tempHomeWithKnownHosts();
    app = await startBrowserMode({ env: { HOME: fixture.home } });
    writeAuditLog(app.dataDir);
    browser = await openBrowser('light');
    page = browser.pages()[0] ?? (await browser.newPage());
    await page.addInitScript(recordNotifications);
    problems = watchForPageErrors(page);
    await gotoApp(page, app);
    await page.waitForFunction('!window.location.hash.includes("token")');
    await openSettings(page);
  });
  afterAll(async () => {
    await browser?.close();
    await app?.stop();
  });

  it('shows the defaults, with every host-key policy explained', async () => {
    expect(await inputValue(page, 'settings-field-jobBaseDir')).toBe('~/slurm_jobs');
    expect(await inputValue(page, 'settings-field-folderMode')).toBe('700');
    expect(await inputValue(page, 'settings-field-scriptMode')).toBe('750');
    const policies = page.getByTestId('default-host-key-policy');
    expect(await policies.getByRole('radio', { name: /Ask me/ }).isChecked()).toBe(true);
    expect(await policies.textContent()).toMatch(/changed since it was saved.*refused under every policy/);
    await page.getByTestId('audit-table').waitFor();
    await screenshot(page, 'settings-light');
  });

  it('refuses a bad job base folder and mode next to their fields, and saves nothing', async () => {
    await fill(page, 'settings-field-jobBaseDir', 'relative/jobs');
    await page.getByTestId('save-job-folders').click();
    await page.getByTestId('settings-field-jobBaseDir-error').waitFor();
    expect(await page.getByTestId('settings-field-jobBaseDir-error').textContent()).toMatch(/starts with \/ or ~\//);
    expect(await page.getByTestId('job-folders-status').textContent()).toMatch(/nothing was saved/);

    await fill(page, 'settings-field-jobBaseDir', '/scratch/alice/jobs');
    await fill(page, 'settings-field-folderMode', '777');
    await fill(page, 'settings-field-scriptMode', '7x5');
    await page.getByTestId('save-job-folders').click();
    await page.getByTestId('settings-field-scriptMode-error').waitFor();
    expect(await page.getByTestId('settings-field-scriptMode-error').textContent()).toMatch(/three octal digits/);
    await fill(page, 'settings-field-scriptMode', '750');
    await page.getByTestId('save-job-folders').click();
    await expect.poll(() => page.getByTestId('settings-field-folderMode-error').textContent()).toMatch(/Only the owner may write/);
    await scrollTo(page, 'settings-job-folders');
    await screenshot(page, 'settings-job-folders-invalid-light');

    // Nothing reached main: a reload shows the saved values, still the defaults.
    await page.reload();
    await openSettings(page);
    expect(await inputValue(page, 'settings-field-jobBaseDir')).toBe('~/slurm_jobs');
    expect(await inputValue(page, 'settings-field-folderMode')).toBe('700');
  });

  it('saves the job folder settings with the keyboard alone: Tab through the fields, Enter to save', async () => {
    // The policy choice is one Tab stop; the next one is the first job folder field.
    await page.getByTestId('policy-ask').locator('input').focus();
    await page.keyboard.press('Tab');
    expect(await focusedTestId(page)).toBe('settings-field-jobBaseDir');
    await page.keyboard.press('ControlOrMeta+a');
    await page.keyboard.type('~/work/slurm');
    await page.keyboard.press('Tab');
    expect(await focusedTestId(page)).toBe('settings-field-folderMode');
    await page.keyboard.press('ControlOrMeta+a');
    await page.keyboard.type('750');
    await page.keyboard.press('Tab');
    expect(await focusedTestId(page)).toBe('settings-field-scriptMode');
    await page.keyboard.press('Enter');
    await expect.poll(() => page.getByTestId('job-folders-status').textContent()).toMatch(/Saved/);
    await page.keyboard.press('Tab');
    expect(await focusedTestId(page)).toBe('save-job-folders');

    await page.reload();
    await openSettings(page);
    expect(await inputValue(page, 'settings-field-jobBaseDir')).toBe('~/work/slurm');
    expect(await inputValue(page, 'settings-field-folderMode')).toBe('750');
  });

  it('chooses the default host-key policy with the keyboard and keeps it', async () => {
    await page.getByTestId('policy-ask').locator('input').focus();
    await page.keyboard.press('ArrowDown');
    await expect.poll(() => page.getByTestId('policy-auto').locator('input').isChecked()).toBe(true);
    await page.reload();
    await openSettings(page);
    expect(await page.getByTestId('policy-auto').locator('input').isChecked()).toBe(true);
  });

  it('toggles job-end notifications and keeps the choice', async () => {
    const toggle = page.getByTestId('notify-on-job-end');
    expect(await toggle.locator('input').isChecked()).toBe(true);
    // Not allowed yet: the section offers to ask, and asks only when pressed.
    expect(await page.getByTestId('notification-permission').textContent()).toMatch(/not been allowed/);
    await toggle.click();
    await expect.poll(() => toggle.locator('input').isChecked()).toBe(false);
    await page.reload();
    await openSettings(page);
    expect(await page.getByTestId('notify-on-job-end').locator('input').isChecked()).toBe(false);
    await page.getByTestId('notify-on-job-end').click();
    await expect.poll(() => page.getByTestId('notify-on-job-end').locator('input').isChecked()).toBe(true);
  });

  it('lists known_hosts: plain, [host]:port, hashed and @revoked lines with their fingerprints', async () => {
    const rows = page.getByTestId('host-key-row');
    await expect.poll(() => rows.count()).toBe(4);
    const texts = await rows.allTextContents();
    const rowWith = (fingerprint: string) => texts.find((text) => text.includes(fingerprint)) ?? '';
    expect(rowWith(fixture.keys.plain.fingerprint)).toContain('login.hpc.example.org');
    expect(rowWith(fixture.keys.plain.fingerprint)).toContain(`${fixture.knownHosts}:1`);
    expect(rowWith(fixture.keys.ported.fingerprint)).toContain('[gate.example.org]:2222');
    expect(rowWith(fixture.keys.hashed.fingerprint)).toContain('hashed name');
    expect(rowWith(fixture.keys.hashed.fingerprint)).not.toContain('secret-name');
    expect(rowWith(fixture.keys.revoked.fingerprint)).toContain('@revoked');
    const font = (await page.evaluate(`getComputedStyle(document.querySelector('.host-key-fingerprint')).fontFamily`)) as string;
    expect(font).toMatch(/mono/i);
    await scrollTo(page, 'settings-host-keys');
    await screenshot(page, 'settings-host-keys-light');
  });

  it('forgets a host after a confirmation that explains the risk, and the line leaves the file', async () => {
    await page.getByTestId('forget-host-login.hpc.example.org').click();
    const dialog = page.getByTestId('forget-host-dialog');
    await dialog.waitFor();
    expect(await dialog.textContent()).toMatch(/intercepting/);
    await screenshot(page, 'settings-forget-dialog-light');
    await page.getByTestId('confirm-forget-host').click();
    await expect.poll(() => page.getByTestId('host-key-row').count()).toBe(3);
    expect(await page.getByTestId('host-keys-status').textContent()).toMatch(/Forgot 1 line/);
    const file = readFileSync(fixture.knownHosts, 'utf8');
    expect(file).not.toContain('login.hpc.example.org');
    expect(file).toContain(fixture.keys.hashed.line);
  });

  it('forgets a hashed host by typing its name', async () => {
    await fill(page, 'forget-field-host', 'secret-name.example.org');
    await page.getByTestId('forget-by-name-button').click();
    await page.getByTestId('forget-host-dialog').waitFor();
    await page.getByTestId('confirm-forget-host').click();
    await expect.poll(() => page.getByTestId('host-key-row').count()).toBe(2);
    expect(readFileSync(fixture.knownHosts, 'utf8')).not.toContain(fixture.keys.hashed.line);
  });

  it('refuses a malformed fingerprint next to its field, without asking main', async () => {
    await fill(page, 'trust-field-host', 'login.hpc.example.org');
    await fill(page, 'trust-field-fingerprint', 'SHA256:tooShort');
    await page.getByTestId('trust-host').click();
    await page.getByTestId('trust-field-fingerprint-error').waitFor();
    expect(await page.getByTestId('trust-field-fingerprint-error').textContent()).toMatch(/SHA256: and 43 characters/);
    await fill(page, 'trust-field-host', '-oProxyCommand=x');
    await page.getByTestId('trust-host').click();
    await expect.poll(() => page.getByTestId('trust-field-host-error').textContent()).toMatch(/not starting with -/);
    await scrollTo(page, 'trust-by-fingerprint');
    await screenshot(page, 'settings-trust-invalid-light');
  });

  it('shows the saved sign-ins, or why the keychain cannot be read, and never a secret', async () => {
    const section = page.getByTestId('settings-sign-ins');
    await expect.poll(async () => (await section.getByTestId('saved-sign-ins').count()) + (await section.getByTestId('saved-sign-ins-problem').count()) + (await section.getByText('No saved sign-ins.').count())).toBe(1);
  });

  it('shows the audit log newest first in words, filters it, and counts the torn line', async () => {
    const rows = page.getByTestId('audit-row');
    await expect.poll(() => rows.count()).toBe(3);
    expect(await rows.nth(0).getAttribute('data-event')).toBe('auth');
    expect(await rows.nth(0).textContent()).toContain('Signed in');
    expect(await rows.nth(1).textContent()).toContain('Host key checked');
    expect(await rows.nth(2).textContent()).toContain('Connected');
    expect(await page.getByTestId('audit-range').textContent()).toMatch(/1–3 of 3.*1 unreadable line skipped/);
    await page.getByTestId('audit-filter').locator('input').fill('publickey');
    await expect.poll(() => rows.count()).toBe(1);
    await page.getByTestId('audit-filter').locator('input').fill('');
    await expect.poll(() => rows.count()).toBe(3);
    await scrollTo(page, 'settings-audit');
    await screenshot(page, 'settings-audit-light');
  });

  it('notifies when a job ends while the window is open, and never for jobs already ended at load', async () => {
    await browser.grantPermissions(['notifications'], { origin: app.origin });
    await page.reload();
    await page.getByTestId('nav-submit').click();
    await page.getByTestId('kind-script').click();
    await fill(page, 'field-name', 'notify-me');
    await fill(page, 'field-body', 'echo done');
    await page.getByTestId('submit-job').click();
    await expect.poll(() => shownNotifications(page), { timeout: 60_000 }).toEqual([{ title: 'notify-me completed', body: expect.stringMatching(/^embedded/) }]);

    // The submission is audited, and the viewer shows it on top.
    await openSettings(page);
    await page.getByTestId('audit-refresh').click();
    await expect.poll(() => page.getByTestId('audit-row').first().textContent()).toContain('Job submitted');

    await page.reload();
    await page.getByTestId('nav-jobs').click();
    await page.waitForTimeout(1500);
    expect(await shownNotifications(page)).toEqual([]);
  });

  it('looks right in the dark theme', async () => {
    const { browser: dark, page: darkPage, problems: darkProblems } = await openAppPage(app, 'dark');
    try {
      await openSettings(darkPage);
      await darkPage.getByTestId('audit-table').waitFor();
      await screenshot(darkPage, 'settings-dark');
      await fill(darkPage, 'settings-field-folderMode', '9');
      await darkPage.getByTestId('save-job-folders').click();
      await darkPage.getByTestId('settings-field-folderMode-error').waitFor();
      await scrollTo(darkPage, 'settings-job-folders');
      await screenshot(darkPage, 'settings-job-folders-invalid-dark');
      await scrollTo(darkPage, 'settings-host-keys');
      await screenshot(darkPage, 'settings-host-keys-dark');
      expect(darkProblems).toEqual([]);
    } finally {
      await dark.close();
    }
  });

  it('had no console errors or CSP violations', () => {
    expect(problems).toEqual([]);
  });
});
