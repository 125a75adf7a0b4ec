import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BrowserContext, Page } from 'playwright-core';
import { artifactsDir, chromiumAvailable, repoRoot, screenshot, startBrowserMode, type RunningApp, openAppPage } from './support/browserMode';
import { seedJobs, type SeededJobs } from './support/seedJobs';

const jobCount = 100_000;
/** Rows in the DOM at most: what fits in the viewport plus the overscan, nowhere near 100,000. */
const maxRenderedRows = 60;

type FrameFigures = { frames: number; mean: number; p50: number; p95: number; p99: number; max: number; longFrames: number };

function figures(durations: number[]): FrameFigures {
  const sorted = durations.toSorted((a, b) => a - b);
  const at = (share: number) => sorted[Math.min(sorted.length - 1, Math.floor(share * sorted.length))]!;
  const round = (value: number) => Math.round(value * 10) / 10;
  return {
    frames: sorted.length,
    mean: round(sorted.reduce((sum, value) => sum + value, 0) / sorted.length),
    p50: round(at(0.5)),
    p95: round(at(0.95)),
    p99: round(at(0.99)),
    max: round(sorted.at(-1)!),
    longFrames: sorted.filter((value) => value > 50).length,
  };
}

/**
 * Scrolls the table inside the page, driven by requestAnimationFrame, and returns every frame's
 * duration: `wheel` moves at a brisk reading speed, `drag` crosses the whole list as a scrollbar
 * drag would (every frame shows rows never rendered before).
 */
async function scrollFrames(page: Page, mode: 'wheel' | 'drag', durationMs: number): Promise<number[]> {
  return page.getByTestId('jobs-table').evaluate(
    (grid, { mode, durationMs }) =>
      new Promise<number[]>((resolve) => {
        const nextFrame = (globalThis as unknown as { requestAnimationFrame: (callback: (time: number) => void) => number }).requestAnimationFrame;
        const frames: number[] = [];
        const range = grid.scrollHeight - grid.clientHeight;
        const origin = grid.scrollTop;
        let begin = 0;
        let last = 0;
        const tick = (time: number) => {
          if (begin === 0) begin = time;
          else frames.push(time - last);
          last = time;
          const progress = Math.min(1, (time - begin) / durationMs);
          grid.scrollTop = mode === 'wheel' ? origin + progress * (durationMs / 1000) * 2400 : progress * range;
          if (progress < 1) nextFrame(tick);
          else resolve(frames);
        };
        nextFrame(tick);
      }),
    { mode, durationMs },
  );
}

async function renderedRows(page: Page): Promise<number> {
  return page.getByTestId('jobs-table').locator('[role="row"][data-key]').count();
}

async function countText(page: Page): Promise<string> {
  return (await page.getByTestId('jobs-count').textContent()) ?? '';
}

async function pick(page: Page, select: string, option: string): Promise<void> {
  await page.getByTestId(select).locator('button').click();
  await page.getByTestId(`${select}-${option}`).click();
}

describe.skipIf(!chromiumAvailable())('the jobs table with 100,000 jobs, in browser mode', () => {
  let app: RunningApp;
  let seeded: SeededJobs;
  let home: string;
  let browser: BrowserContext;
  let page: Page;
  let problems: string[];
  const report: Record<string, unknown> = { jobs: jobCount };

  beforeAll(async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'slurmdesk-e2e-table-'));
    const seedStart = performance.now();
    seeded = seedJobs(dataDir, jobCount);
    report.seedMs = Math.round(performance.now() - seedStart);
    // Job folders of the built-in cluster go under $HOME: a temp one keeps the person's home clean.
    home = mkdtempSync(join(tmpdir(), 'slurmdesk-e2e-table-home-'));
    app = await startBrowserMode({ dataDir, env: { HOME: home } });
    ({ browser, page, problems } = await openAppPage(app, 'light'));
  });
  afterAll(async () => {
    writeFileSync(join(artifactsDir, 'jobs-table-frames.json'), JSON.stringify(report, null, 2));
    console.log('jobs table figures:', JSON.stringify(report, null, 2));
    await browser?.close();
    await app?.stop();
  });

  it('shows all 100,000 jobs while keeping only a window of rows in the DOM', async () => {
    const opened = performance.now();
    await page.getByTestId('nav-jobs').click();
    await page.getByTestId('jobs-table').locator('[role="row"][data-key]').first().waitFor({ timeout: 60_000 });
    report.firstRowsMs = Math.round(performance.now() - opened);
    await expect.poll(() => countText(page), { timeout: 120_000 }).toBe('100,000 jobs');
    report.allJobsMs = Math.round(performance.now() - opened);

    const grid = page.getByTestId('jobs-table');
    expect(await grid.getAttribute('aria-rowcount')).toBe(String(jobCount + 1));
    const rows = await renderedRows(page);
    expect(rows).toBeGreaterThan(5);
    expect(rows).toBeLessThan(maxRenderedRows);
    // The newest job is first, and rows know where they are in the whole list.
    expect(await grid.locator('[role="row"][data-key]').first().getAttribute('aria-rowindex')).toBe('2');
    await screenshot(page, 'jobs-table-100k-light');
  });

  it('scrolls through 100,000 rows without long frames', async () => {
    const wheel = figures(await scrollFrames(page, 'wheel', 3000));
    const drag = figures(await scrollFrames(page, 'drag', 3000));
    report.scroll = { wheel, drag, note: 'frame durations in ms from requestAnimationFrame; longFrames = frames over 50 ms' };
    console.log('scroll frames:', JSON.stringify({ wheel, drag }));
    // At the end of the list, still only a window of rows.
    expect(await renderedRows(page)).toBeLessThan(maxRenderedRows);
    expect(await page.getByTestId('jobs-table').locator('[role="row"][data-key]').last().getAttribute('aria-rowindex')).toBe(String(jobCount + 1));
    // Gross bounds only: the figures are reported, not held to a timing. A drag across the whole
    // list renders only new rows in every frame, the worst case, so its bound is looser. The
    // machines are shared, so the bounds catch a table that stalls, not one that is merely slow.
    expect(wheel.p95).toBeLessThan(250);
    expect(drag.p95).toBeLessThan(400);
    await page.getByTestId('jobs-table').evaluate((grid) => grid.scrollTo(0, 0));
  });

  it('filters by text and state, and sorts by a column', async () => {
    const text = page.getByTestId('jobs-filter-text').locator('input');
    const filterStart = performance.now();
    await text.fill('needle-in');
    await expect.poll(() => countText(page)).toBe('Showing 1 of 100,000');
    report.textFilterMs = Math.round(performance.now() - filterStart);
    const only = page.getByTestId('jobs-table').locator('[role="row"][data-key]');
    expect(await only.count()).toBe(1);
    expect(await only.first().getAttribute('data-key')).toBe(seeded.needle.id);
    // The Slurm id finds it too.
    await text.fill(seeded.needle.slurmId);
    await expect.poll(() => only.first().getAttribute('data-key')).toBe(seeded.needle.id);
    await text.fill('');

    await pick(page, 'jobs-filter-state', 'pending');
    await expect.poll(() => countText(page)).toBe(`Showing ${seeded.families.pending.toLocaleString('en-US')} of 100,000`);
    for (const state of await page.getByTestId('jobs-table').locator('[role="row"][data-key] [data-testid="job-state"]').allTextContents()) {
      expect(state).toBe('pending');
    }
    // Reasons are in words.
    const reasons = await page.getByTestId('jobs-table').locator('[role="row"][data-key] [role="gridcell"]:nth-child(6)').allTextContents();
    expect(reasons.some((reason) => reason.startsWith('waiting'))).toBe(true);

    const sortStart = performance.now();
    await page.getByTestId('column-name').locator('button').click();
    await expect.poll(() => page.getByTestId('column-name').getAttribute('aria-sort')).toBe('ascending');
    report.sortByNameMs = Math.round(performance.now() - sortStart);
    const names = await page.getByTestId('jobs-table').locator('[role="row"][data-key] [role="rowheader"] .jobs-text').allTextContents();
    expect(names.length).toBeGreaterThan(3);
    expect(names).toEqual(names.toSorted((a, b) => a.localeCompare(b, undefined, { numeric: true, sensitivity: 'base' })));
    expect(await page.getByTestId('column-submitted').getAttribute('aria-sort')).toBe('none');
    await page.getByTestId('column-name').locator('button').click();
    await expect.poll(() => page.getByTestId('column-name').getAttribute('aria-sort')).toBe('descending');
    const descending = await page.getByTestId('jobs-table').locator('[role="row"][data-key] [role="rowheader"] .jobs-text').allTextContents();
    expect(descending[0]! >= names[0]!).toBe(true);
    await page.getByTestId('column-submitted').locator('button').click();
    await pick(page, 'jobs-filter-state', 'all');
    await expect.poll(() => countText(page)).toBe('100,000 jobs');
  });

  it('expands an array job into its tasks', async () => {
    // An array on This computer, submitted by the CLI into the same data folder; the app picks it up.
    const script = join(home, 'array.sh');
    writeFileSync(script, 'sleep "$((SLURM_ARRAY_TASK_ID % 3))"\n[ "$SLURM_ARRAY_TASK_ID" = 4 ] && exit 2\nexit 0\n');
    const output = execFileSync(process.execPath, [join(repoRoot, 'out', 'cli', 'main.mjs'), 'submit', script, '--array', '0-7%4', '--name', 'array-of-eight', '--time', '10', '--json'], {
      cwd: home,
      env: { ...process.env, HOME: home, SLURMDESK_HOME: app.dataDir },
      encoding: 'utf8',
    });
    const submitted = (JSON.parse(output) as { job: { id: string } }).job;
    const row = page.getByTestId(`job-row-${submitted.id}`);
    await row.waitFor({ timeout: 60_000 });
    await expect.poll(() => row.getByTestId('job-state').textContent(), { timeout: 60_000 }).toBe('failed');
    expect(await row.getByTestId('task-counts').textContent()).toMatch(/7 done.*1 failed/);
    await row.locator('[data-action="expand"]').click();
    await expect.poll(() => row.getAttribute('aria-expanded')).toBe('true');
    const task4 = page.getByTestId(`task-row-${submitted.id}-4`);
    await task4.waitFor();
    expect(await task4.getByTestId('job-state').textContent()).toBe('failed');
    expect(await task4.textContent()).toContain('exit 2');
    expect(await page.getByTestId(`task-row-${submitted.id}-3`).getByTestId('job-state').textContent()).toBe('completed');
    await screenshot(page, 'jobs-table-array-light');
  });

  it('has no accessibility violations that axe can find in the table, filters and header', async () => {
    // Evaluated through the DevTools protocol, which the page's CSP does not govern (a <script> would be refused).
    await page.evaluate(readFileSync(join(repoRoot, 'node_modules', 'axe-core', 'axe.min.js'), 'utf8'));
    const { violations, passed } = await page.evaluate(async () => {
      type Rule = { id: string; impact: string; nodes: { target: string[] }[] };
      const axe = (globalThis as unknown as { axe: { run: (context: unknown) => Promise<{ violations: Rule[]; passes: Rule[] }> } }).axe;
      const result = await axe.run({ include: [['.jobs-list']] });
      return {
        violations: result.violations.map((rule) => `${rule.impact} ${rule.id}: ${rule.nodes.slice(0, 3).map((node) => node.target.join(' ')).join(', ')}`),
        passed: result.passes.map((rule) => rule.id),
      };
    });
    expect(violations).toEqual([]);
    // It did look at the grid's roles and names.
    expect(passed).toEqual(expect.arrayContaining(['aria-required-children', 'aria-required-parent', 'nested-interactive', 'color-contrast']));
  });

  it('cancels two ticked jobs after asking', async () => {
    const ids: string[] = [];
    for (const name of ['sleeper-one', 'sleeper-two']) {
      await page.getByTestId('nav-submit').click();
      await page.getByTestId('kind-script').click();
      await page.getByTestId('field-name').locator('input').fill(name);
      await page.getByTestId('field-body').locator('textarea').fill('sleep 600');
      await page.getByTestId('submit-job').click();
      await page.getByTestId('job-detail').waitFor();
      await expect.poll(() => page.getByTestId('job-detail').locator('h2').textContent()).toBe(name);
      ids.push((await page.getByTestId('job-detail').locator('p.mono').first().textContent())!);
    }
    await page.getByTestId('jobs-filter-text').locator('input').fill('sleeper-');
    await expect.poll(() => countText(page)).toBe('Showing 2 of 100,003');
    for (const id of ids) await page.getByTestId(`job-row-${id}`).locator('[data-action="check"]').click();
    for (const id of ids) expect(await page.getByTestId(`job-row-${id}`).getAttribute('aria-selected')).toBe('true');
    const cancel = page.getByTestId('cancel-checked');
    expect(await cancel.textContent()).toBe('Cancel 2 jobs…');
    await cancel.click();
    await page.getByTestId('cancel-checked-dialog').waitFor();
    // After the fade-in, so the screenshot shows the dialog as a person reads it.
    await expect.poll(() => page.locator('.modal-overlay').getAttribute('data-entering')).toBeNull();
    expect(await page.getByTestId('cancel-checked-dialog').textContent()).toContain('Cancel 2 jobs?');
    await screenshot(page, 'jobs-table-cancel-dialog-light');
    await page.getByTestId('confirm-cancel-checked').click();
    for (const id of ids) {
      await expect.poll(() => page.getByTestId(`job-row-${id}`).getByTestId('job-state').textContent(), { timeout: 60_000 }).toBe('cancelled');
    }
    expect(await page.getByTestId('cancel-outcome').textContent()).toBe('Asked the scheduler to cancel 2 jobs.');
  });

  it('works from the keyboard alone: Tab in, arrow down, Enter opens the job', async () => {
    await page.getByTestId('jobs-filter-text').locator('input').fill('');
    await page.getByTestId('job-detail').getByRole('button', { name: 'Close job details' }).click();
    await page.getByTestId('job-detail').waitFor({ state: 'detached' });
    await page.getByTestId('jobs-filter-text').locator('input').focus();
    // Find → state → cluster → source → finished → arrays one per row → read queues → (cancel) → the grid.
    for (let tab = 0; tab < 10; tab += 1) {
      if (await page.getByTestId('jobs-table').evaluate((grid) => grid.ownerDocument.activeElement === grid)) break;
      await page.keyboard.press('Tab');
    }
    expect(await page.getByTestId('jobs-table').evaluate((grid) => grid.ownerDocument.activeElement === grid)).toBe(true);
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('ArrowDown');
    const grid = page.getByTestId('jobs-table');
    const active = await grid.getAttribute('aria-activedescendant');
    expect(active).toBeTruthy();
    const activeRow = page.locator(`[id="${active}"]`);
    expect(await activeRow.getAttribute('aria-rowindex')).toBe('4');
    const name = await activeRow.locator('[role="rowheader"] .jobs-text').textContent();
    await screenshot(page, 'jobs-table-keyboard-light');
    await page.keyboard.press('Enter');
    await expect.poll(() => page.getByTestId('job-detail').locator('h2').textContent()).toBe(name);
    await screenshot(page, 'jobs-table-with-detail-light');
    // Space ticks the active row.
    await page.getByTestId('jobs-table').focus();
    await page.keyboard.press('Space');
    expect(await activeRow.getAttribute('aria-selected')).toBe('true');
    await page.keyboard.press('Escape');
    expect(await activeRow.getAttribute('aria-selected')).toBe('false');
  });

  it('looks right in the dark theme', async () => {
    const { browser: dark, page: darkPage, problems: darkProblems } = await openAppPage(app, 'dark');
    try {
      await darkPage.getByTestId('nav-jobs').click();
      await expect.poll(() => countText(darkPage), { timeout: 120_000 }).toBe('100,003 jobs');
      await screenshot(darkPage, 'jobs-table-100k-dark');
      await darkPage.getByTestId('jobs-filter-text').locator('input').fill('array-of-eight');
      const row = darkPage.locator('[role="row"][data-key]').first();
      await row.locator('[data-action="expand"]').click();
      await darkPage.locator('[data-testid^="task-row-"]').first().waitFor();
      await screenshot(darkPage, 'jobs-table-array-dark');
      expect(darkProblems).toEqual([]);
    } finally {
      await dark.close();
    }
  });

  it('had no console errors or CSP violations', () => {
    expect(problems).toEqual([]);
  });
});
