import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BrowserContext, Page } from 'playwright-core';
import { join } from 'node:path';
import { artifactsDir, chromiumAvailable, openAppPage, screenshot, startBrowserMode, type RunningApp } from './support/browserMode';
import { callContract } from './support/contractCall';

/** Runs in the page: how far the document reaches, against the window. */
const pageExtent = () => {
  const view = globalThis as unknown as { innerHeight: number; innerWidth: number; document: { documentElement: { scrollHeight: number; scrollWidth: number } } };
  return { height: view.document.documentElement.scrollHeight, width: view.document.documentElement.scrollWidth, innerHeight: view.innerHeight, innerWidth: view.innerWidth };
};

/** Runs in the page: whether an element scrolls sideways. */
const overflowsSideways = (element: unknown) => {
  const box = element as { scrollWidth: number; clientWidth: number };
  return box.scrollWidth > box.clientWidth;
};

/** A log a little taller than its box, with a line long enough for a sideways scrollbar. */
const shortLogWithLongLine = ['for i in $(seq 1 18); do echo "line $i"; done', `printf '%0.s=' $(seq 1 400); echo`].join('\n');

/**
 * The frame is the window: the page never scrolls (a blank band showed under the frame), the
 * jobs table fits beside an open job at 1,400 px without a sideways scrollbar, and a log kept
 * at its end shows whole lines (its top line was cut in half).
 */
describe.skipIf(!chromiumAvailable())('layout of the window (browser mode, Chromium)', () => {
  let app: RunningApp;
  let browser: BrowserContext;
  let page: Page;
  let jobId: string;

  beforeAll(async () => {
    app = await startBrowserMode();
    ({ browser, page } = await openAppPage(app));
    await page.setViewportSize({ width: 1400, height: 900 });
    const job = await callContract(app, 'jobs.submit', { spec: { name: 'layout-log', cluster: 'embedded', task: { kind: 'script', body: shortLogWithLongLine } } });
    jobId = job.id;
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await app?.stop();
  });

  it('fits every view in the window exactly: only inner panes scroll', async () => {
    for (const view of ['nav-submit', 'nav-jobs', 'nav-files', 'nav-clusters', 'nav-settings']) {
      await page.getByTestId(view).click();
      await page.waitForTimeout(300);
      const extent = await page.evaluate(pageExtent);
      expect({ view, height: extent.height, width: extent.width }).toEqual({ view, height: extent.innerHeight, width: extent.innerWidth });
    }
    await page.getByTestId('nav-submit').click();
    await screenshot(page, 'layout-submit-whole-page-1400');
  });

  it('keeps the jobs table within its pane beside an open job at 1,400 px, hiding lesser columns', async () => {
    await page.getByTestId('nav-jobs').click();
    const row = page.getByTestId(`job-row-${jobId}`);
    await row.waitFor({ timeout: 30_000 });
    await row.click();
    await page.getByTestId('job-detail').waitFor();
    const grid = page.getByTestId('jobs-table');
    expect(await grid.evaluate(overflowsSideways)).toBe(false);
    for (const column of ['name', 'state', 'reason']) expect(await page.getByTestId(`column-${column}`).isVisible()).toBe(true);
    expect(await page.getByTestId('column-nodes').isVisible()).toBe(false);
    const extent = await page.evaluate(pageExtent);
    expect(extent.height).toBe(extent.innerHeight);
    await screenshot(page, 'layout-jobs-detail-1400');

    // Closing the job gives the columns their room back.
    await page.getByRole('button', { name: 'Close job details' }).click();
    await expect.poll(() => page.getByTestId('column-nodes').isVisible()).toBe(true);
    expect(await grid.evaluate(overflowsSideways)).toBe(false);
    await row.click();
  });

  it('shows whole lines in a log kept at its end, the top one included', async () => {
    await expect.poll(() => page.getByTestId(`job-row-${jobId}`).getByTestId('job-state').textContent(), { timeout: 60_000 }).toBe('completed');
    await page.getByTestId('tab-output').click();
    const box = page.getByTestId('log-stdout-text');
    await expect.poll(() => box.textContent(), { timeout: 30_000 }).toContain('line 18');
    await page.waitForTimeout(300);
    // Each line in view lies wholly inside the box's visible area: none is cut at the top or bottom.
    const cut = await box.evaluate((element) => {
      type Box = { top: number; bottom: number };
      const scroller = element as unknown as { clientTop: number; clientHeight: number; scrollTop: number; getBoundingClientRect(): Box; querySelectorAll(selector: string): ArrayLike<{ getBoundingClientRect(): Box; textContent: string | null }> };
      const outer = scroller.getBoundingClientRect();
      const top = outer.top + scroller.clientTop;
      const bottom = top + scroller.clientHeight;
      const rows = Array.from(scroller.querySelectorAll('[data-line]'));
      const inView = rows.filter((row) => row.getBoundingClientRect().bottom > top + 0.5 && row.getBoundingClientRect().top < bottom - 0.5);
      return { scrolled: scroller.scrollTop > 0, shown: inView.length, cut: inView.filter((row) => row.getBoundingClientRect().top < top - 0.5 || row.getBoundingClientRect().bottom > bottom + 0.5).map((row) => row.textContent) };
    });
    expect(cut.scrolled).toBe(true);
    expect(cut.shown).toBeGreaterThan(10);
    expect(cut.cut).toEqual([]);
    await box.screenshot({ path: join(artifactsDir, 'layout-log-at-end.png') });
  });

  it('looks right in a narrow window', async () => {
    await page.setViewportSize({ width: 900, height: 800 });
    await page.waitForTimeout(300);
    const extent = await page.evaluate(pageExtent);
    expect(extent.height).toBe(extent.innerHeight);
    await screenshot(page, 'layout-jobs-detail-narrow');
    await page.getByTestId('nav-submit').click();
    await screenshot(page, 'layout-submit-narrow');
    await page.setViewportSize({ width: 1400, height: 900 });
  });
});
