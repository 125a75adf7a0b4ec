import { createHash } from 'node:crypto';
import { appendFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, realpathSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BrowserContext, Page } from 'playwright-core';
import { chromiumAvailable, screenshot, startBrowserMode, type RunningApp, openAppPage } from './support/browserMode';
import { seriousAccessibilityViolations } from './support/accessibility';
import { callContract } from './support/contractCall';

const slurmfileText = `# A project's Slurmfile: two environments, two templates, one callback
[default.cluster]
backend = "embedded"

[default.submit]
time = "10"

[default.templates.hello]
description = "Say hello from the project"
script = "jobs/hello.sh"

[default.templates.square]
description = "Square a number in Python"
python = "tasks.py:square"
args = [7]

[[default.callbacks]]
target = "./hooks.mjs:Recorder"

[environments.gpu.submit]
time = "20"
`;

/** Appends each event's name to events.log next to itself, so the test sees what the callback heard and in which order. */
const hooksModule = `import { appendFileSync } from 'node:fs';
export class Recorder {
  onEvent(event) {
    appendFileSync(new URL('./events.log', import.meta.url), event.event + '\\n');
  }
}
`;

/** A project folder (realpath: the app names files with symlinks resolved). */
function writeProject(files: Record<string, string>): string {
  const root = realpathSync(mkdtempSync(join(tmpdir(), 'slurmdesk-e2e-project-')));
  for (const [name, content] of Object.entries(files)) {
    mkdirSync(dirname(join(root, name)), { recursive: true });
    writeFileSync(join(root, name), content);
  }
  return root;
}

function sha256Of(file: string): string {
  return createHash('sha256').update(readFileSync(file)).digest('hex');
}

async function fill(page: Page, testId: string, value: string): Promise<void> {
  await page.getByTestId(testId).locator('input, textarea').fill(value);
}

async function text(page: Page, testId: string): Promise<string> {
  return (await page.getByTestId(testId).textContent()) ?? '';
}

/** Presses Tab until the focused element sits inside the element with this test id. */
async function tabTo(page: Page, testId: string): Promise<void> {
  for (let presses = 0; presses < 60; presses += 1) {
    const inside = await page.getByTestId(testId).evaluate((element) => element.contains(element.ownerDocument.activeElement));
    if (inside) return;
    await page.keyboard.press('Tab');
  }
  throw new Error(`Tab never reached ${testId}`);
}

async function scrollMainToTop(page: Page): Promise<void> {
  await page.locator('main.app-main').evaluate((main) => main.scrollTo(0, 0));
}

async function openProjectByPath(page: Page, path: string): Promise<void> {
  await page.getByTestId('nav-submit').click();
  if ((await page.getByTestId('close-project').count()) > 0) await page.getByTestId('close-project').click();
  await fill(page, 'project-path', path);
  await page.getByTestId('open-project').click();
  await page.getByTestId('trust-state').waitFor();
}

/** The dialog fades in: a picture taken before that ends shows it half transparent. */
async function dialogSettled(page: Page): Promise<void> {
  await page.getByTestId('trust-dialog').waitFor();
  await page.locator('.modal-overlay:not([data-entering])').waitFor();
}

async function openSettingsAt(page: Page, testId: string): Promise<void> {
  await page.getByTestId('nav-settings').click();
  await page.getByTestId(testId).waitFor();
  await page.getByTestId(testId).evaluate((element) => element.scrollIntoView({ block: 'start' }));
}

describe.skipIf(!chromiumAvailable())('Slurmfiles in the Submit view and Settings, in browser mode', () => {
  let app: RunningApp;
  let browser: BrowserContext;
  let page: Page;
  let problems: string[];
  let project: string;
  let slurmfile: string;
  let trustedHash: string;

  beforeAll(async () => {
    project = writeProject({
      Slurmfile: slurmfileText,
      'hooks.mjs': hooksModule,
      'jobs/hello.sh': 'echo hello from the project\n',
      'tasks.py': 'def square(x):\n    return x * x\n',
    });
    slurmfile = join(project, 'Slurmfile');
    // Job folders of the embedded cluster go under $HOME: a temp one keeps the person's home clean.
    app = await startBrowserMode({ env: { HOME: mkdtempSync(join(tmpdir(), 'slurmdesk-e2e-slurmfile-home-')) } });
    ({ browser, page, problems } = await openAppPage(app, 'light'));
  });
  afterAll(async () => {
    await browser?.close();
    await app?.stop();
  });

  it('refuses an empty path next to the field and sends nothing', async () => {
    await page.getByTestId('nav-submit').click();
    await page.getByTestId('open-project').click();
    expect(await text(page, 'project-path-error')).toMatch(/Type the path/);
    expect((await callContract(app, 'slurmfiles.recent', {})).slurmfiles).toEqual([]);
  });

  it('opens a project folder by its typed path, untrusted: no templates, and says callbacks do not run', async () => {
    await openProjectByPath(page, project);
    expect(await text(page, 'project-file')).toBe(slurmfile);
    expect(await text(page, 'trust-state')).toBe('Not trusted');
    expect(await text(page, 'trust-note')).toMatch(/no template is offered and no callback runs/);
    expect(await page.getByTestId('project-template').count()).toBe(0);
    expect(await page.getByTestId('project-environment').locator('button').textContent()).toContain('default');
    await page.getByTestId('project-environment').locator('button').click();
    expect(await page.getByRole('option').allTextContents()).toEqual(['default', 'gpu']);
    await page.keyboard.press('Escape');
    expect(await seriousAccessibilityViolations(page, '[data-testid="project-bar"]')).toEqual([]);
    await scrollMainToTop(page);
    await screenshot(page, 'slurmfile-untrusted-light');
  });

  it('reviews by keyboard: path, SHA-256 of the bytes and callback target; an edit meanwhile is caught; then trusts', async () => {
    await tabTo(page, 'review-trust');
    await page.keyboard.press('Enter');
    const dialog = page.getByTestId('trust-dialog');
    await dialogSettled(page);
    expect(await text(page, 'trust-file')).toBe(slurmfile);
    expect(await text(page, 'trust-sha256')).toBe(sha256Of(slurmfile));
    expect(await text(page, 'trust-callbacks')).toContain('./hooks.mjs:Recorder');
    expect(await text(page, 'trust-templates')).toMatch(/hello[\s\S]*square/);
    // The safe answer has the focus; Escape leaves without trusting.
    expect(await page.evaluate('document.activeElement?.dataset?.testid ?? null')).toBe('cancel-trust');
    expect(await seriousAccessibilityViolations(page, '[data-testid="trust-dialog"]')).toEqual([]);
    await screenshot(page, 'slurmfile-trust-dialog-light');
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'detached' });
    expect(await text(page, 'trust-state')).toBe('Not trusted');

    await tabTo(page, 'review-trust');
    await page.keyboard.press('Enter');
    await dialog.waitFor();
    const shown = await text(page, 'trust-sha256');
    appendFileSync(slurmfile, '# edited while the dialog was open\n');
    await tabTo(page, 'confirm-trust');
    await page.keyboard.press('Enter');
    await expect.poll(() => page.getByTestId('trust-error').count()).toBe(1);
    expect(await text(page, 'trust-error')).toMatch(/changed since it was shown/);
    expect(await text(page, 'trust-sha256')).toBe(sha256Of(slurmfile));
    expect(await text(page, 'trust-sha256')).not.toBe(shown);
    expect((await callContract(app, 'slurmfiles.trusted', {})).slurmfiles).toEqual([]);

    await tabTo(page, 'confirm-trust');
    await page.keyboard.press('Enter');
    await dialog.waitFor({ state: 'detached' });
    expect(await text(page, 'trust-state')).toBe('Trusted');
    trustedHash = sha256Of(slurmfile);
    expect((await callContract(app, 'slurmfiles.trusted', {})).slurmfiles).toEqual([expect.objectContaining({ file: slurmfile, sha256: trustedHash, targets: ['./hooks.mjs:Recorder'] })]);
  });

  it('offers the templates once trusted; the script template fills the form; the job runs and the callback hears it to the end', async () => {
    expect(await text(page, 'trust-note')).toMatch(/templates are offered/);
    await page.getByTestId('project-template').locator('button').click();
    expect(await page.getByRole('option').count()).toBe(2);
    await page.getByRole('option', { name: /hello/ }).click();
    await expect.poll(() => page.getByTestId('field-name').locator('input').inputValue()).toBe('hello');
    expect(await page.getByTestId('field-body').locator('textarea').inputValue()).toContain('echo hello from the project');
    expect(await page.getByTestId('field-cluster').locator('button').textContent()).toMatch(/embedded/);
    await scrollMainToTop(page);
    await screenshot(page, 'slurmfile-trusted-light');

    await page.getByTestId('submit-job').click();
    const detail = page.getByTestId('job-detail');
    await expect.poll(() => detail.locator('h2').textContent()).toBe('hello');
    await expect.poll(() => detail.getByTestId('job-state').textContent(), { timeout: 60_000 }).toBe('completed');

    const log = join(project, 'events.log');
    const events = () => (existsSync(log) ? readFileSync(log, 'utf8').trim().split('\n') : []);
    await expect.poll(() => events().at(-1), { timeout: 30_000 }).toBe('completed');
    const heard = events();
    expect(heard.slice(0, 2)).toEqual(['submitBegin', 'submitEnd']);
    expect(heard.filter((name) => name === 'completed')).toHaveLength(1);
    // The runner's markers come between submission and the end; the rest are the states seen.
    expect(heard.indexOf('runBegin')).toBeGreaterThan(1);
    expect(heard.indexOf('runEnd')).toBeGreaterThan(heard.indexOf('runBegin'));
    expect(heard.filter((name) => !['submitBegin', 'submitEnd', 'runBegin', 'runEnd', 'completed'].includes(name)).every((name) => name === 'statusChange')).toBe(true);
    const [job] = (await callContract(app, 'jobs.list', {})).jobs;
    expect(job).toMatchObject({ name: 'hello', cluster: 'embedded', state: 'COMPLETED' });
  });

  it('shows an edited Slurmfile untrusted again, without its templates', async () => {
    appendFileSync(slurmfile, '# one more line\n');
    await page.getByTestId('nav-submit').click();
    await page.getByTestId('reload-project').click();
    await expect.poll(() => text(page, 'trust-state')).toBe('Not trusted');
    expect(await page.getByTestId('project-template').count()).toBe(0);
    expect(await page.getByTestId('review-trust').count()).toBe(1);
    // What the untrusted file would set but does not is listed, each with why.
    const ignored = await text(page, 'project-ignored');
    expect(ignored).toMatch(/templates hello, square: offered only from a trusted Slurmfile/);
    expect(ignored).toMatch(/its callback: run only for a trusted Slurmfile/);
    await scrollMainToTop(page);
    await screenshot(page, 'slurmfile-untrusted-ignored-light');
  });

  it('lists the trusted file in Settings, and revoking it removes it', async () => {
    await openSettingsAt(page, 'settings-trusted-slurmfiles');
    const row = page.getByTestId('trusted-slurmfile-row');
    await row.waitFor();
    expect(await row.count()).toBe(1);
    expect(await row.textContent()).toContain(slurmfile);
    expect(await row.textContent()).toContain(trustedHash);
    expect(await row.textContent()).toContain('./hooks.mjs:Recorder');
    // The callback's code as pinned: the bundle's SHA-256, as kept in the trusted list.
    const [trusted] = (await callContract(app, 'slurmfiles.trusted', {})).slurmfiles;
    expect(await text(page, 'trusted-slurmfile-bundle')).toBe(`code pinned as ${trusted.callbackModules[0].bundleSha256} (1 file)`);
    await screenshot(page, 'slurmfile-settings-light');

    await row.getByTestId('revoke-slurmfile').click();
    await page.getByTestId('confirm-revoke-slurmfile').click();
    await page.getByTestId('trusted-slurmfiles').waitFor({ state: 'detached' });
    expect(await text(page, 'settings-trusted-slurmfiles')).toContain('No trusted Slurmfiles.');
    expect((await callContract(app, 'slurmfiles.trusted', {})).slurmfiles).toEqual([]);
  });

  it('shows a password key as an error at its file:line:column, and nothing can be trusted', async () => {
    const withSecret = writeProject({ Slurmfile: '[default.cluster]\nbackend = "ssh"\nhost = "login.example.org"\npassword = "hunter2"\n' });
    const file = join(withSecret, 'Slurmfile');
    await openProjectByPath(page, withSecret);
    expect(await text(page, 'trust-state')).toBe('Has errors');
    const listed = await text(page, 'slurmfile-problems');
    expect(listed).toContain(`${file}:4:1`);
    expect(listed).toMatch(/never holds a secret/);
    expect(listed).not.toContain('hunter2');
    expect(await page.getByTestId('review-trust').count()).toBe(0);
    expect(await text(page, 'trust-note')).toMatch(/cannot be trusted/);
    await expect(callContract(app, 'slurmfiles.trust', { file, sha256: sha256Of(file) })).rejects.toThrow(/secret/);
    await scrollMainToTop(page);
    await screenshot(page, 'slurmfile-errors-light');
  });

  it('offers recent Slurmfiles and closes the project back to plain submission', async () => {
    await page.getByTestId('close-project').click();
    const recent = page.getByTestId('recent-slurmfiles');
    await recent.waitFor();
    expect(await recent.getByRole('button').count()).toBe(2);
    await recent.getByRole('button', { name: `Open ${slurmfile}` }).click();
    await expect.poll(() => text(page, 'project-file')).toBe(slurmfile);
    await page.getByTestId('close-project').click();
    await page.getByTestId('open-project').waitFor();
  });

  it('keeps the cluster chosen when a Slurmfile names none or is not trusted, and closing a project drops its files', async () => {
    const clusterShown = () => page.getByTestId('field-cluster').locator('button').textContent();
    await page.getByTestId('field-cluster').locator('button').click();
    await page.getByRole('option', { name: /Slurm on this computer/ }).click();
    expect(await clusterShown()).toMatch(/Slurm on this computer/);

    // No [cluster] table: This computer is only its default, so the form stays where it was.
    const plain = writeProject({ Slurmfile: '[default.submit]\ntime = "5"\n' });
    await openProjectByPath(page, plain);
    await expect.poll(() => text(page, 'project-file')).toBe(join(plain, 'Slurmfile'));
    expect(await clusterShown()).toMatch(/Slurm on this computer/);
    await page.getByTestId('close-project').click();

    // Names embedded but is not trusted (it was edited above): an untrusted file decides nothing.
    await openProjectByPath(page, project);
    await expect.poll(() => text(page, 'trust-state')).toBe('Not trusted');
    expect(await clusterShown()).toMatch(/Slurm on this computer/);

    // Trusted, it names its cluster, and its Python template ships the project's files.
    await page.getByTestId('review-trust').click();
    await page.getByTestId('confirm-trust').click();
    await expect.poll(() => text(page, 'trust-state')).toBe('Trusted');
    await expect.poll(clusterShown).toMatch(/embedded/);
    await page.getByTestId('project-template').locator('button').click();
    await page.getByRole('option', { name: /square/ }).click();
    await expect.poll(() => page.getByTestId('field-name').locator('input').inputValue()).toBe('square');
    expect(await page.getByTestId('carried-over').textContent()).toContain(project);

    await page.getByTestId('close-project').click();
    expect(await page.getByTestId('carried-over').count()).toBe(0);
    await page.getByTestId('preview-job').click();
    await expect.poll(() => page.getByTestId('field-module-error').textContent()).toContain('Files from this computer');
  });

  it('looks right in the dark theme', async () => {
    await callContract(app, 'slurmfiles.trust', { file: slurmfile, sha256: sha256Of(slurmfile) });
    const { browser: dark, page: darkPage, problems: darkProblems } = await openAppPage(app, 'dark');
    try {
      await darkPage.waitForFunction('!window.location.hash.includes("token")');
      await openProjectByPath(darkPage, project);
      expect(await text(darkPage, 'trust-state')).toBe('Trusted');
      await darkPage.getByTestId('project-template').locator('button').click();
      await darkPage.getByRole('option', { name: /square/ }).click();
      await expect.poll(() => darkPage.getByTestId('field-name').locator('input').inputValue()).toBe('square');
      await scrollMainToTop(darkPage);
      await screenshot(darkPage, 'slurmfile-trusted-dark');

      await openSettingsAt(darkPage, 'settings-trusted-slurmfiles');
      await darkPage.getByTestId('trusted-slurmfile-row').waitFor();
      await screenshot(darkPage, 'slurmfile-settings-dark');

      appendFileSync(slurmfile, '# and one more\n');
      await darkPage.getByTestId('nav-submit').click();
      await darkPage.getByTestId('reload-project').click();
      await expect.poll(() => text(darkPage, 'trust-state')).toBe('Not trusted');
      await scrollMainToTop(darkPage);
      await screenshot(darkPage, 'slurmfile-untrusted-dark');
      await darkPage.getByTestId('review-trust').click();
      await dialogSettled(darkPage);
      await screenshot(darkPage, 'slurmfile-trust-dialog-dark');
      expect(darkProblems).toEqual([]);
    } finally {
      await dark.close();
    }
  });

  it('logged no console errors and no CSP violations', () => {
    expect(problems).toEqual([]);
  });
});
