import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BrowserContext, Page } from 'playwright-core';
import { chromiumAvailable, screenshot, startBrowserMode, type RunningApp, openAppPage } from './support/browserMode';
import { seedJobs } from './support/seedJobs';

/**
 * The app started on a data folder whose job journal has a damaged last record: the window tells
 * the person what was damaged and where, that the rest came back, and where the bytes were kept —
 * though the damage was found before the window opened.
 */
describe.skipIf(!chromiumAvailable())('a damaged journal record, in browser mode', () => {
  let app: RunningApp;
  let browser: BrowserContext;
  let page: Page;
  let problems: string[];
  let journalPath: string;
  let offset: number;

  beforeAll(async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'slurmdesk-e2e-damaged-'));
    seedJobs(dataDir, 12);
    journalPath = join(dataDir, 'journal', 'jobs.jsonl');
    const text = readFileSync(journalPath);
    offset = text.subarray(0, text.length - 1).lastIndexOf(0x0a) + 1;
    // Bytes overwritten in the last record, as a failing disk or a stray write would leave them.
    writeFileSync(journalPath, Buffer.concat([text.subarray(0, offset), Buffer.from(text.subarray(offset).map((byte, index) => (index % 11 === 5 ? 0x00 : byte)))]));
    app = await startBrowserMode({ dataDir, env: { HOME: mkdtempSync(join(tmpdir(), 'slurmdesk-e2e-damaged-home-')) } });
    ({ browser, page, problems } = await openAppPage(app, 'light'));
  });
  afterAll(async () => {
    await browser?.close();
    await app?.stop();
  });

  it('shows a notice naming the file, the line and byte, the jobs recovered and where the damaged bytes are', async () => {
    const notice = page.getByTestId('notice').filter({ hasText: 'damaged record' });
    await notice.waitFor({ timeout: 20_000 });
    const text = (await notice.textContent()) ?? '';
    expect(text).toContain(`The job journal ${journalPath} had a damaged record — line 12 (byte ${offset},`);
    expect(text).toContain('Every intact record was recovered (11 jobs)');
    expect(text).toContain(`A copy of the damaged bytes is kept in ${join(app.dataDir, 'journal', 'jobs.damaged.jsonl')}.`);
    await page.getByTestId('nav-jobs').click();
    await expect.poll(() => page.getByTestId('jobs-count').textContent()).toMatch(/\b11 jobs\b/);
    await screenshot(page, 'damaged-journal-notice-light');
  });

  it('still shows it in a window opened later, until the app quits', async () => {
    await page.reload();
    await page.getByTestId('notice').filter({ hasText: 'damaged record' }).waitFor({ timeout: 20_000 });
    const dark = await openAppPage(app, 'dark');
    try {
      await dark.page.getByTestId('notice').filter({ hasText: 'damaged record' }).waitFor({ timeout: 20_000 });
      await screenshot(dark.page, 'damaged-journal-notice-dark');
      expect(dark.problems).toEqual([]);
    } finally {
      await dark.browser.close();
    }
  });

  it('had no console errors or CSP violations', () => {
    expect(problems).toEqual([]);
  });
});
