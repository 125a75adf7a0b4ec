import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { BrowserContext, Page } from 'playwright-core';
import { readCsv } from '../../shared/files/parseCsv';
import { slurmUnavailableReason, startCluster, stopCluster } from '../integration/slurm/slurmCluster';
import { describeWithSshd, startSshd, stopSshd, type SshdEnv } from '../integration/support/sshServer';
import { chromiumAvailable, openAppPage, screenshot, startBrowserMode, type RunningApp } from './support/browserMode';
import { callContract } from './support/contractCall';

const taskCount = 50;
/** The loss each task returns: lowest at lr = 0.031, so the best task is known beforehand. */
const lossOf = (lr: number) => Math.round((lr - 0.031) ** 2 * 1e6) / 1e6;
const rates = Array.from({ length: taskCount }, (_, index) => Math.round((0.001 + index * 0.002) * 1000) / 1000);
const bestTask = rates.reduce((best, lr, index) => (lossOf(lr) < lossOf(rates[best]!) ? index : best), 0);

let env: SshdEnv;
let app: RunningApp;
let browser: BrowserContext;
let page: Page;
let problems: string[];
let home: string;
let sweepId: string;

/**
 * Results on a real cluster, in Chromium against the real sshd and Slurm: a 50-task learning-rate
 * sweep becomes one table and a chart; the person sorts it by loss, exports it and opens the best
 * task's log.
 */
describeWithSshd('results of a sweep and the cluster files, over SSH in browser mode', () => {
  beforeAll(async () => {
    const missing = (chromiumAvailable() ? null : 'Chromium is not installed (/usr/bin/chromium)') ?? slurmUnavailableReason();
    if (missing) throw new Error(missing);
    await startCluster('plain');
    env = await startSshd();
    home = mkdtempSync(join(tmpdir(), 'slurmdesk-e2e-results-'));
    app = await startBrowserMode({ env: { HOME: home, SSH_AUTH_SOCK: '' } });
    ({ browser, page, problems } = await openAppPage(app, 'light'));
    await page.setViewportSize({ width: 1500, height: 950 });
    await callContract(app, 'clusters.save', {
      profile: { name: 'hpc', host: env.host, port: env.targetPort, user: env.user, auth: { agent: false, keyFiles: [env.clientKey], password: false, keyboardInteractive: false }, jobBaseDir: '~/results-jobs' },
    });
    await callContract(app, 'hostKeys.trust', { host: env.host, port: env.targetPort, fingerprint: env.targetFingerprint });
    const project = mkdtempSync(join(tmpdir(), 'slurmdesk-e2e-sweep-'));
    writeFileSync(join(project, 'sweep.py'), `def train(lr):\n    print("training with lr", lr)\n    return {"lr": lr, "loss": round((lr - 0.031) ** 2, 6)}\n`);
    const submitted = await callContract(app, 'jobs.submit', {
      spec: { name: 'lr-sweep', cluster: 'hpc', task: { kind: 'python', target: 'sweep.py:train' }, array: { items: rates.map((lr) => ({ lr })) }, upload: { root: project, include: ['sweep.py'] } },
    });
    sweepId = submitted.id;
  }, 240_000);

  afterAll(async () => {
    await browser?.close();
    await app?.stop();
    await stopSshd();
    await stopCluster();
  }, 120_000);

  it('shows the sweep as a table and a chart, sorts by loss, exports CSV and opens the best task’s log', async () => {
    await page.getByTestId('nav-jobs').click();
    await page.getByTestId(`job-row-${sweepId}`).click();
    const detail = page.getByTestId('job-detail');
    await expect.poll(() => detail.getByTestId('job-state').first().textContent(), { timeout: 150_000 }).toBe('completed');
    await page.getByTestId('tab-results').click();
    const panel = page.getByTestId('results-panel');
    await expect.poll(() => panel.getByTestId('results-count').textContent(), { timeout: 30_000 }).toBe(`${taskCount} rows`);
    await panel.getByTestId('sort-loss').click();
    const firstRow = panel.getByTestId('results-row').first();
    expect(await firstRow.getAttribute('data-task')).toBe(String(bestTask));
    expect(await panel.getByTestId('chart-count').textContent()).toBe(`${taskCount} points`);
    expect(await panel.getByTestId('chart-x').inputValue()).toBe('item.lr');
    expect(await panel.getByTestId('chart-y').inputValue()).toBe('loss');
    await panel.getByTestId('chart-plot').locator('canvas').waitFor();
    await screenshot(page, 'results-sweep-table-chart');

    const [download] = await Promise.all([page.waitForEvent('download'), panel.getByTestId('results-export-csv').click()]);
    const saved = join(home, 'exported.csv');
    await download.saveAs(saved);
    const read = readCsv(readFileSync(saved, 'utf8'));
    if (!read.ok) throw new Error(read.message);
    const [header, ...rows] = read.rows.map((row) => row.cells);
    expect(header).toEqual(['task', 'state', 'elapsed_s', 'item.lr', 'lr', 'loss', 'note']);
    expect(rows).toHaveLength(taskCount);
    expect(rows[0]!.slice(0, 2)).toEqual([String(bestTask), 'COMPLETED']);
    expect(Number(rows[0]![5])).toBe(lossOf(rates[bestTask]!));

    await firstRow.getByTestId('results-open-log').click();
    expect(await page.getByTestId('task-number').first().inputValue()).toBe(String(bestTask));
    await expect.poll(() => page.getByTestId('log-stdout-text').textContent(), { timeout: 30_000 }).toContain(`training with lr ${rates[bestTask]}`);

    // Every task's output searched on the cluster at once.
    await page.getByTestId('task-log-search-text').fill(`lr ${rates[7]}`);
    await page.getByTestId('task-log-search-go').click();
    await expect.poll(() => page.getByTestId('task-log-search-summary').textContent(), { timeout: 30_000 }).toBe('1 task has it');
    await page.getByTestId('task-log-search-task').click();
    expect(await page.getByTestId('task-number').first().inputValue()).toBe('7');
    await screenshot(page, 'results-best-task-log');
    expect(problems).toEqual([]);
  }, 240_000);
});
