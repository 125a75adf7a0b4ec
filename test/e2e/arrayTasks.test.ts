import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BrowserContext, Page } from 'playwright-core';
import { chromiumAvailable, openAppPage, screenshot, startBrowserMode, type RunningApp } from './support/browserMode';
import { callContract } from './support/contractCall';

const taskCount = 200;

/** The text of a log as the viewer shows it (the rows in view). */
async function logText(page: Page, stream: 'stdout' | 'stderr'): Promise<string> {
  return (await page.getByTestId(`log-${stream}-text`).textContent()) ?? '';
}

/**
 * An array writes one stdout, stderr and result per task. The detail pane used to read the
 * single-job files (stdout.txt, result.json), which an array never writes: "Nothing written yet"
 * for its whole life, and a task row that opened nothing of its own.
 */
describe.skipIf(!chromiumAvailable())('array tasks in the job details (browser mode, Chromium)', () => {
  let app: RunningApp;
  let browser: BrowserContext;
  let page: Page;
  let scriptArray: string;
  let pythonArray: string;

  beforeAll(async () => {
    app = await startBrowserMode();
    ({ browser, page } = await openAppPage(app));
    await page.setViewportSize({ width: 1400, height: 900 });
    const script = await callContract(app, 'jobs.submit', {
      spec: { name: 'greet-200', cluster: 'embedded', task: { kind: 'script', body: 'echo "hello from task $SLURM_ARRAY_TASK_ID"\necho "warning $SLURM_ARRAY_TASK_ID" >&2' }, array: { range: `0-${taskCount - 1}%20` } },
    });
    scriptArray = script.id;
    const python = await callContract(app, 'jobs.submit', {
      spec: { name: 'factorials-200', cluster: 'embedded', task: { kind: 'python', target: 'math:factorial' }, array: { items: Array.from({ length: taskCount }, (_, index) => index % 12), maxParallel: 20 } },
    });
    pythonArray = python.id;
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await app?.stop();
  });

  it('shows the first task of an array in Output, and another one when picked', async () => {
    await page.getByTestId('nav-jobs').click();
    const row = page.getByTestId(`job-row-${scriptArray}`);
    await row.waitFor({ timeout: 60_000 });
    await row.click();
    await page.getByTestId('tab-output').click();
    await page.getByTestId('task-picker').first().waitFor();
    expect(await page.getByTestId('task-number').first().inputValue()).toBe('0');
    await expect.poll(() => logText(page, 'stdout'), { timeout: 120_000 }).toContain('hello from task 0');
    await expect.poll(() => logText(page, 'stderr'), { timeout: 30_000 }).toContain('warning 0');

    await page.getByTestId('task-next').first().click();
    expect(await page.getByTestId('task-number').first().inputValue()).toBe('1');
    await expect.poll(() => logText(page, 'stdout'), { timeout: 60_000 }).toContain('hello from task 1');

    await page.getByTestId('task-number').first().fill('199');
    await page.getByTestId('task-number').first().press('Enter');
    await expect.poll(() => logText(page, 'stdout'), { timeout: 120_000 }).toContain('hello from task 199');
    expect(await page.getByTestId('task-position').first().textContent()).toBe('200 of 200');

    await page.getByTestId('task-number').first().fill('200');
    expect(await page.getByTestId('task-picker').first().textContent()).toContain('This array has no task 200');
    await screenshot(page, 'array-output-1400');
  }, 240_000);

  it('opens the task a task row names', async () => {
    const row = page.getByTestId(`job-row-${scriptArray}`);
    await expect.poll(() => row.getByTestId('job-state').textContent(), { timeout: 180_000 }).toBe('completed');
    await row.locator('[data-action="expand"]').click();
    const task = page.getByTestId(`task-row-${scriptArray}-57`);
    // The table is virtualized: task 57 is in the DOM only once scrolled near (rows are 44 px).
    await page.getByTestId('jobs-table').evaluate((grid) => {
      grid.scrollTop = 55 * 44;
    });
    await task.waitFor({ timeout: 30_000 });
    await task.click();
    await page.getByTestId('tab-output').click();
    await expect.poll(() => page.getByTestId('task-number').first().inputValue()).toBe('57');
    await expect.poll(() => logText(page, 'stdout'), { timeout: 30_000 }).toContain('hello from task 57');
  }, 240_000);

  it('shows each task its own result', async () => {
    await page.getByTestId('jobs-table').evaluate((grid) => {
      grid.scrollTop = 0;
    });
    // A task's result is read once that task has ended, while the rest of the array still runs.
    const row = page.getByTestId(`job-row-${pythonArray}`);
    await row.click();
    await page.getByTestId('tab-result').click();
    const result = page.getByTestId('job-result');
    await page.getByTestId('task-number').first().fill('7');
    await page.getByTestId('task-number').first().press('Enter');
    await expect.poll(() => result.textContent(), { timeout: 180_000 }).toContain('5040');
    expect(await result.textContent()).toContain('task 7');
    await screenshot(page, 'array-result-1400');
    await page.setViewportSize({ width: 820, height: 900 });
    await screenshot(page, 'array-result-narrow');
    await page.setViewportSize({ width: 1400, height: 900 });
  }, 240_000);
});
