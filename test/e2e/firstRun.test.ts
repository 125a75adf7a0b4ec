import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BrowserContext, Page } from 'playwright-core';
import { gotoApp, chromiumAvailable, openBrowser, screenshot, startBrowserMode, watchForPageErrors, type RunningApp } from './support/browserMode';

/** Presses Tab until the element with this test id has focus; a keyboard user's only way there. */
async function tabTo(page: Page, testId: string, limit = 40): Promise<void> {
  for (let presses = 0; presses < limit; presses += 1) {
    await page.keyboard.press('Tab');
    const focused = await page.evaluate('document.activeElement?.getAttribute("data-testid")');
    if (focused === testId) return;
  }
  throw new Error(`${testId} was not reached in ${limit} presses of Tab`);
}

describe.skipIf(!chromiumAvailable())('first run: the bundled example on This computer, by keyboard only', () => {
  let app: RunningApp;
  let browser: BrowserContext;
  let page: Page;

  beforeAll(async () => {
    app = await startBrowserMode({ env: { HOME: mkdtempSync(join(tmpdir(), 'slurmdesk-e2e-first-run-home-')) } });
    browser = await openBrowser('light');
    page = browser.pages()[0] ?? (await browser.newPage());
  });
  afterAll(async () => {
    await browser?.close();
    await app?.stop();
  });

  it('offers the example before anything is configured, runs it, and shows its result', async () => {
    const problems = watchForPageErrors(page);
    await gotoApp(page, app);
    await page.waitForFunction('!window.location.hash.includes("token")');
    await page.getByTestId('first-run-card').waitFor();
    await screenshot(page, 'first-run-light');

    await tabTo(page, 'run-example');
    await page.keyboard.press('Enter');

    const detail = page.getByTestId('job-detail');
    await detail.waitFor();
    expect(await detail.locator('h2').first().textContent()).toBe('estimate-pi');
    await expect.poll(() => detail.getByTestId('job-state').first().textContent(), { timeout: 60_000 }).toBe('completed');
    await page.getByTestId('tab-result').click();
    const tree = page.getByTestId('result-json-tree');
    await tree.waitFor({ timeout: 30_000 });
    expect(await tree.getByRole('row', { name: /samples/ }).textContent()).toContain('2000000');
    expect(await tree.getByRole('row', { name: /pi/ }).first().textContent()).toMatch(/3\.1\d*/);
    await screenshot(page, 'first-run-result-light');
    expect(problems).toEqual([]);
  });
});
