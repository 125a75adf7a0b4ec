import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BrowserContext, Page } from 'playwright-core';
import {
  chromiumAvailable,
  screenshot,
  startBrowserMode,
  type RunningApp, openAppPage } from './support/browserMode';

/** Job folders of the embedded cluster go under $HOME: a temp one keeps the person's home clean. */
async function startWithTempHome(): Promise<{ app: RunningApp; home: string }> {
  const home = mkdtempSync(join(tmpdir(), 'slurmdesk-e2e-jobs-home-'));
  return { app: await startBrowserMode({ env: { HOME: home } }), home };
}

async function fill(page: Page, testId: string, value: string): Promise<void> {
  await page.getByTestId(testId).locator('input, textarea').fill(value);
}

/** The views scroll inside the main area, which a full-page screenshot does not follow. */
async function scrollMainToTop(page: Page): Promise<void> {
  await page.locator('main.app-main').evaluate((main) => main.scrollTo(0, 0));
}

async function jobRowCount(page: Page): Promise<number> {
  return page.getByTestId('jobs-table').locator('[role="row"][data-key]').count();
}

describe.skipIf(!chromiumAvailable())('submitting jobs on This computer, in browser mode', () => {
  let app: RunningApp;
  let browser: BrowserContext;
  let page: Page;
  let problems: string[];

  beforeAll(async () => {
    ({ app } = await startWithTempHome());
    ({ browser, page, problems } = await openAppPage(app, 'light'));
  });
  afterAll(async () => {
    await browser?.close();
    await app?.stop();
  });

  it('runs a Python task and shows its JSON result', async () => {
    await page.getByTestId('nav-submit').click();
    await page.getByTestId('kind-python').click();
    await fill(page, 'field-name', 'dump-json');
    await fill(page, 'field-module', 'json');
    await fill(page, 'field-function', 'dumps');
    await fill(page, 'field-args', '[{"a": 1}]');
    await page.getByTestId('preview-job').click();
    await expect.poll(() => page.getByTestId('script-preview').textContent()).toContain('#SBATCH');
    await scrollMainToTop(page);
    await screenshot(page, 'submit-python-light');

    await page.getByTestId('submit-job').click();
    const detail = page.getByTestId('job-detail');
    await detail.waitFor();
    expect(await detail.locator('h2').textContent()).toBe('dump-json');
    const tree = page.getByTestId('result-json-tree');
    await tree.waitFor({ timeout: 60_000 });
    expect(await tree.getByRole('row').first().textContent()).toBe(`result:${JSON.stringify('{"a": 1}')}`);
    expect(await detail.getByTestId('job-state').textContent()).toBe('completed');
    await screenshot(page, 'jobs-python-result-light');
  });

  it('runs a script and shows its stdout tail', async () => {
    await page.getByTestId('nav-submit').click();
    await page.getByTestId('kind-script').click();
    await fill(page, 'field-name', 'say-hello');
    await fill(page, 'field-body', 'echo hello from the desk');
    await page.getByTestId('submit-job').click();
    const detail = page.getByTestId('job-detail');
    await expect.poll(() => detail.locator('h2').textContent()).toBe('say-hello');
    await expect
      .poll(() => page.getByTestId('log-stdout-text').textContent(), { timeout: 60_000 })
      .toContain('hello from the desk');
    await expect.poll(() => detail.getByTestId('job-state').textContent(), { timeout: 30_000 }).toBe('completed');
    expect(await jobRowCount(page)).toBe(2);
    await screenshot(page, 'jobs-detail-light');
  });

  it('shows a bad time limit next to its field, and adds no job', async () => {
    await page.getByTestId('nav-submit').click();
    await fill(page, 'field-time', '25:61:61x');
    await page.getByTestId('submit-job').click();
    const fieldError = page.getByTestId('field-time-error');
    await fieldError.waitFor();
    expect(await fieldError.textContent()).not.toBe('');
    expect(await page.getByTestId('submit-problems').textContent()).toContain('Time limit');
    await screenshot(page, 'submit-invalid-light');

    await page.getByTestId('nav-jobs').click();
    await page.getByTestId('jobs-table').waitFor();
    await expect.poll(() => jobRowCount(page)).toBe(2);
  });

  it('sends nothing when the args are not JSON', async () => {
    await page.getByTestId('nav-submit').click();
    await fill(page, 'field-time', '');
    await page.getByTestId('kind-python').click();
    await fill(page, 'field-args', '[1, ');
    expect(await page.getByTestId('field-args-error').textContent()).toMatch(/not valid JSON/);
    await page.getByTestId('submit-job').click();
    expect(await page.getByTestId('submit-problems').textContent()).toMatch(/nothing was sent/i);
    await fill(page, 'field-args', '[{"a": 1}]');
  });

  it('looks right in the dark theme', async () => {
    const { browser: dark, page: darkPage, problems: darkProblems } = await openAppPage(app, 'dark');
    try {
      await darkPage.getByTestId('nav-submit').click();
      await darkPage.getByTestId('kind-python').click();
      await fill(darkPage, 'field-name', 'dark-preview');
      await fill(darkPage, 'field-module', 'json');
      await fill(darkPage, 'field-function', 'dumps');
      await darkPage.getByTestId('preview-job').click();
      await darkPage.getByTestId('script-preview').waitFor();
      await scrollMainToTop(darkPage);
      await screenshot(darkPage, 'submit-python-dark');

      await darkPage.getByTestId('nav-jobs').click();
      await darkPage.getByTestId('jobs-table').locator('[role="row"][data-key]', { hasText: 'say-hello' }).click();
      await expect.poll(() => darkPage.getByTestId('log-stdout-text').textContent()).toContain('hello from the desk');
      await screenshot(darkPage, 'jobs-detail-dark');
      expect(darkProblems).toEqual([]);
    } finally {
      await dark.close();
    }
  });

  it('had no console errors or CSP violations', () => {
    expect(problems).toEqual([]);
  });
});
