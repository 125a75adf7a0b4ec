import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { BrowserContext, Locator, Page } from 'playwright-core';
import { describeWithSlurm, slurmUnavailableReason, startCluster, stopCluster } from '../integration/slurm/slurmCluster';
import { seriousAccessibilityViolations } from './support/accessibility';
import { chromiumAvailable, openAppPage, screenshot, startBrowserMode, type RunningApp } from './support/browserMode';

/**
 * A researcher's queue holds jobs from a terminal `sbatch`, not only the app's. Against the real
 * Slurm (without accounting) in Chromium: jobs submitted with plain sbatch appear in the Jobs
 * table marked as from elsewhere, one is tailed and signalled, another is held, released, changed
 * and cancelled from the window (each checked against what scontrol says), a 200-task array
 * unrolls on request, and the cluster says plainly that it keeps no accounting.
 */
let app: RunningApp;
let browser: BrowserContext;
let page: Page;
let problems: string[];
let home: string;
let outDir: string;
const ids: Record<'tail' | 'wait' | 'array', string> = { tail: '', wait: '', array: '' };
const extraJobs = 60;

function sbatch(args: string[]): string {
  return execFileSync('sbatch', ['--parsable', `--chdir=${outDir}`, ...args], { encoding: 'utf8' }).trim().split(';')[0]!;
}

/** What the scheduler itself says of a job (`scontrol show job -o`), to check the window's work. */
function scontrolJob(id: string): string {
  try {
    return execFileSync('scontrol', ['show', 'job', '-o', id], { encoding: 'utf8' });
  } catch {
    return '';
  }
}

const row = (id: string): Locator => page.getByTestId(`job-row-q/local/${id}`);
const detail = (): Locator => page.getByTestId('job-detail');

async function openForeign(id: string): Promise<void> {
  const shown = detail().locator('h2');
  await row(id).waitFor({ timeout: 30_000 });
  await row(id).click();
  await expect.poll(async () => (await shown.count()) > 0 && (await detail().getAttribute('data-origin'))).toBe('other');
  await detail().getByTestId('queue-actions').waitFor({ timeout: 20_000 });
}

describeWithSlurm('the whole queue: jobs from a terminal sbatch, in browser mode', () => {
  beforeAll(async () => {
    const missing = chromiumAvailable() ? slurmUnavailableReason() : 'Chromium is not installed (/usr/bin/chromium)';
    if (missing) throw new Error(missing);
    await startCluster('plain');
    home = mkdtempSync(join(tmpdir(), 'slurmdesk-e2e-queue-home-'));
    outDir = join(home, 'terminal-jobs');
    mkdirSync(outDir);
    // A job that writes a line a second and says when it gets SIGUSR1; one that waits an hour to
    // start (so it can be held, released and changed); a 200-task array; a long list of others.
    ids.tail = sbatch(['--job-name=tail-me', '--output=tail-%j.out', '--time=10', '--wrap', "trap 'echo got USR1' USR1; for i in $(seq 1 600); do echo line $i; sleep 1; done"]);
    ids.wait = sbatch(['--job-name=wait-me', '--begin=now+3600', '--time=2:00:00', '--wrap', 'echo never yet']);
    ids.array = sbatch(['--job-name=sweep', '--array=0-199', '--begin=now+3600', '--time=5', '--wrap', 'true']);
    for (let index = 0; index < extraJobs; index += 1) sbatch([`--job-name=batch-${index}`, '--begin=now+3600', '--time=5', '--wrap', 'true']);
    app = await startBrowserMode({ env: { HOME: home } });
    ({ browser, page, problems } = await openAppPage(app, 'light'));
    await page.setViewportSize({ width: 1400, height: 900 });
  }, 200_000);

  afterAll(async () => {
    await browser?.close();
    await app?.stop();
    await stopCluster();
    if (home) rmSync(home, { recursive: true, force: true });
  }, 120_000);

  it('lists the jobs a terminal submitted, marked as from elsewhere, and says the cluster keeps no accounting', async () => {
    await page.getByTestId('nav-jobs').click();
    // By Slurm id, so the terminal's first jobs are the first rows (the table renders only what shows).
    await page.getByTestId('column-id').locator('button').click();
    await row(ids.wait).waitFor({ timeout: 30_000 });
    expect(await row(ids.wait).getAttribute('data-origin')).toBe('other');
    expect(await row(ids.wait).textContent()).toContain('not from this app');
    expect(await row(ids.wait).textContent()).toContain('wait-me');
    await expect.poll(() => page.getByTestId('queue-note-local').textContent(), { timeout: 30_000 }).toContain('local keeps no accounting');
    // The terminal's jobs, the array as one row while its tasks wait: 1 + 1 + 1 + 60.
    await expect.poll(() => page.getByTestId('jobs-count').textContent()).toBe(`${3 + extraJobs} jobs`);
    await page.getByTestId('jobs-filter-origin').locator('button').click();
    await page.getByTestId('jobs-filter-origin-app').click();
    await expect.poll(() => page.getByTestId('jobs-count').textContent()).toBe(`Showing 0 of ${3 + extraJobs}`);
    await page.getByTestId('jobs-filter-origin').locator('button').click();
    await page.getByTestId('jobs-filter-origin-all').click();
    await screenshot(page, 'queue-foreign-list-1400');
    expect(await seriousAccessibilityViolations(page)).toEqual([]);
  });

  it("tails a foreign job's log from the path Slurm reports, and signals it without ending it", async () => {
    await openForeign(ids.tail);
    await expect.poll(() => detail().getByTestId('queue-fact-stdout').textContent(), { timeout: 20_000 }).toBe(join(outDir, `tail-${ids.tail}.out`));
    await detail().getByTestId('tab-output').click();
    await expect.poll(() => detail().getByTestId('log-stdout-text').textContent(), { timeout: 30_000 }).toMatch(/line [3-9]/);

    await detail().getByTestId('queue-cancel').click();
    const dialog = page.getByTestId('queue-cancel-dialog');
    await dialog.getByTestId('queue-cancel-signal').locator('button').click();
    await page.getByTestId('queue-cancel-signal-USR1').click();
    await dialog.getByTestId('queue-confirm-cancel').click();
    await dialog.waitFor({ state: 'detached' });
    await expect.poll(() => detail().getByTestId('log-stdout-text').textContent(), { timeout: 30_000 }).toContain('got USR1');
    expect(scontrolJob(ids.tail)).toMatch(/JobState=RUNNING/);
    await screenshot(page, 'queue-foreign-log-1400');

    // Its work folder opens in Files, where the log Slurm writes is listed.
    await detail().getByTestId('tab-overview').click();
    await detail().getByTestId('browse-in-files').click();
    await page.getByTestId('files-view').waitFor();
    await page.locator(`[data-testid="folder-entry"][data-name="tail-${ids.tail}.out"]`).waitFor({ timeout: 20_000 });
    await page.getByTestId('nav-jobs').click();
  });

  it('holds, releases, changes and cancels a waiting job from the window, as scontrol confirms', async () => {
    await openForeign(ids.wait);
    await detail().getByTestId('tab-overview').click();
    await expect.poll(() => detail().getByTestId('queue-wait-advice').textContent()).toContain('begin time');
    expect(await detail().getByTestId('queue-release').isDisabled()).toBe(true);
    expect(await detail().getByTestId('queue-actions-why').textContent()).toContain('Release: It is not held.');

    await detail().getByTestId('queue-hold').click();
    await expect.poll(() => scontrolJob(ids.wait), { timeout: 20_000 }).toMatch(/Reason=JobHeldUser/);
    await expect.poll(() => detail().locator('.job-detail-state').textContent(), { timeout: 20_000 }).toContain('held by you');
    await detail().getByTestId('queue-release').click();
    await expect.poll(() => scontrolJob(ids.wait), { timeout: 20_000 }).not.toMatch(/JobHeldUser/);
    await expect.poll(() => detail().getByTestId('queue-hold').isDisabled(), { timeout: 20_000 }).toBe(false);

    await detail().getByTestId('queue-edit').click();
    const form = detail().getByTestId('queue-update-form');
    // A raise is refused in words before anything is sent.
    await form.getByTestId('queue-update-timeLimit').locator('input').fill('3:00:00');
    await form.getByTestId('queue-update-save').click();
    expect(await form.getByTestId('queue-update-timeLimit-error').textContent()).toContain('can only go down');
    await form.getByTestId('queue-update-timeLimit').locator('input').fill('30');
    await form.getByTestId('queue-update-name').locator('input').fill('renamed wait');
    await form.getByTestId('queue-update-save').click();
    expect(await form.getByTestId('queue-update-name-error').textContent()).toMatch(/name/i);
    await form.getByTestId('queue-update-name').locator('input').fill('renamed-wait');
    await form.getByTestId('queue-update-nice').locator('input').fill('10');
    await screenshot(page, 'queue-update-form-1400');
    expect(await seriousAccessibilityViolations(page)).toEqual([]);
    await form.getByTestId('queue-update-save').click();
    await expect.poll(() => detail().getByTestId('queue-action-outcome').textContent(), { timeout: 20_000 }).toContain('Slurm changed');
    const changed = scontrolJob(ids.wait);
    expect(changed).toMatch(/JobName=renamed-wait /);
    expect(changed).toMatch(/TimeLimit=00:30:00 /);
    expect(changed).toMatch(/Nice=10 /);
    await expect.poll(() => row(ids.wait).textContent(), { timeout: 20_000 }).toContain('renamed-wait');

    await detail().getByTestId('queue-cancel').click();
    await page.getByTestId('queue-confirm-cancel').click();
    await expect.poll(() => scontrolJob(ids.wait), { timeout: 20_000 }).toMatch(/JobState=CANCELLED/);
    await expect.poll(() => detail().getByTestId('job-state').first().textContent(), { timeout: 20_000 }).toBe('cancelled');
    expect(await detail().getByTestId('queue-cancel').isDisabled()).toBe(true);
  });

  it('unrolls a 200-task array into one row per task and stays usable in a narrow window', async () => {
    await page.getByTestId('jobs-filter-text').locator('input').fill('sweep');
    await expect.poll(() => page.getByTestId('jobs-count').textContent()).toMatch(/^Showing 1 of/);
    await page.getByTestId('queue-unroll').click();
    await expect.poll(() => page.getByTestId('jobs-count').textContent(), { timeout: 20_000 }).toMatch(/^Showing 200 of/);
    await row(`${ids.array}_0`).waitFor();
    await screenshot(page, 'queue-array-200-unrolled-1400');
    await page.setViewportSize({ width: 800, height: 900 });
    await page.getByTestId('jobs-filter-text').locator('input').fill('');
    await screenshot(page, 'queue-foreign-list-800');
    await openForeign(`${ids.array}_7`);
    await screenshot(page, 'queue-foreign-detail-800');
    expect(await seriousAccessibilityViolations(page)).toEqual([]);
  });

  it("shows the cluster's share of the queue, its nodes and reservations", async () => {
    await page.setViewportSize({ width: 1400, height: 900 });
    await page.getByTestId('nav-clusters').click();
    await page.getByTestId('show-partitions-local').click();
    await expect.poll(() => page.getByTestId('cluster-jobs-local').textContent(), { timeout: 20_000 }).toMatch(/of your jobs here: .*from outside the app/);
    expect(await page.getByTestId('cluster-jobs-local').textContent()).toContain('keeps no accounting');
    await page.getByTestId('overview-tab-nodes-local').click();
    await expect.poll(() => page.getByTestId('node-localhost').textContent(), { timeout: 20_000 }).toMatch(/mixed|allocated|idle/);
    await screenshot(page, 'queue-cluster-nodes-1400');
    await page.getByTestId('overview-tab-reservations-local').click();
    await page.getByTestId('reservations-none').waitFor();
    await page.getByTestId('show-cluster-jobs-local').click();
    await expect.poll(() => page.getByTestId('jobs-count').textContent()).toMatch(/jobs$|^Showing/);
    expect(await seriousAccessibilityViolations(page)).toEqual([]);
    expect(problems).toEqual([]);
  });
});
