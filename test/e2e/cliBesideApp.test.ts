import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BrowserContext, Page } from 'playwright-core';
import { chromiumAvailable, openAppPage, repoRoot, screenshot, startBrowserMode, type RunningApp } from './support/browserMode';

/**
 * The CLI and the open app on one data folder: what the CLI submits or cancels shows in the
 * window without a reload, array task rows settle with their array, and the details of ended
 * jobs (reason after a cancel, an array's exit code, the submission time) read right.
 */
describe.skipIf(!chromiumAvailable())('the CLI beside the open app', () => {
  let app: RunningApp;
  let browser: BrowserContext;
  let page: Page;
  let home: string;

  const slurmdesk = (...args: string[]) =>
    execFileSync(process.execPath, [join(repoRoot, 'out', 'cli', 'main.mjs'), ...args], { cwd: home, env: { ...process.env, HOME: home, SLURMDESK_HOME: app.dataDir }, encoding: 'utf8' });
  const submit = (name: string, body: string, ...flags: string[]) => {
    const script = join(home, `${name}.sh`);
    writeFileSync(script, body);
    return (JSON.parse(slurmdesk('submit', script, '--name', name, '--json', ...flags)) as { job: { id: string } }).job.id;
  };

  beforeAll(async () => {
    home = mkdtempSync(join(tmpdir(), 'slurmdesk-e2e-cli-home-'));
    app = await startBrowserMode({ env: { HOME: home } });
    ({ browser, page } = await openAppPage(app, 'light'));
    await page.getByTestId('nav-jobs').click();
  });
  afterAll(async () => {
    await browser?.close();
    await app?.stop();
  });

  it('shows a job the CLI submitted at once, follows it, and shows the CLI\'s cancel', async () => {
    const started = Date.now();
    const id = submit('from-cli', 'sleep 120\n');
    const row = page.getByTestId(`job-row-${id}`);
    await row.waitFor({ timeout: 5_000 });
    const appearedMs = Date.now() - started;
    await expect.poll(() => row.getByTestId('job-state').textContent(), { timeout: 30_000 }).toBe('running');
    await screenshot(page, 'cli-beside-app-running-light');

    slurmdesk('cancel', id);
    await expect.poll(() => row.getByTestId('job-state').textContent(), { timeout: 30_000 }).toBe('cancelled');
    expect(await row.textContent()).toContain('Cancelled at your request.');
    await row.locator('.jobs-cell-name').click();
    const detail = page.getByTestId('job-detail');
    await detail.waitFor();
    await page.getByTestId('tab-overview').click();
    expect(await detail.getByTestId('job-reason').textContent()).toBe('Cancelled at your request.');
    // One submission time: the list and the detail show the same instant and the same "… ago".
    const listed = row.locator('time');
    const timeline = detail.getByTestId('job-timeline').locator('.timeline-step').first();
    expect(await timeline.locator('time').getAttribute('datetime')).toBe(await listed.getAttribute('datetime'));
    expect(await timeline.textContent()).toContain(await listed.textContent());
    await screenshot(page, 'cli-beside-app-cancelled-light');
    expect(appearedMs).toBeLessThan(5_000);
  });

  it('settles the task rows of an open array with the array, and names its worst task\'s exit code', async () => {
    const id = submit('array-from-cli', 'sleep 2\n[ "$SLURM_ARRAY_TASK_ID" = 2 ] && exit 3\nexit 0\n', '--array', '0-3');
    const row = page.getByTestId(`job-row-${id}`);
    await row.waitFor({ timeout: 5_000 });
    await row.locator('[data-action="expand"]').click();
    await expect.poll(() => page.getByTestId(`task-row-${id}-0`).getByTestId('job-state').textContent(), { timeout: 30_000 }).toMatch(/pending|running/);
    await expect.poll(() => row.getByTestId('job-state').textContent(), { timeout: 60_000 }).toBe('failed');
    // No reload: the open task rows follow their array.
    for (const [task, state] of [[0, 'completed'], [1, 'completed'], [2, 'failed'], [3, 'completed']] as const) {
      await expect.poll(() => page.getByTestId(`task-row-${id}-${task}`).getByTestId('job-state').textContent(), { timeout: 10_000 }).toBe(state);
    }
    await row.locator('.jobs-cell-name').click();
    const detail = page.getByTestId('job-detail');
    await expect.poll(() => detail.locator('h2').textContent()).toBe('array-from-cli');
    await page.getByTestId('tab-overview').click();
    expect(await detail.getByTestId('job-exit').textContent()).toBe('3 (task 2, the worst of the array)');
    await screenshot(page, 'cli-beside-app-array-light');
  });
});
