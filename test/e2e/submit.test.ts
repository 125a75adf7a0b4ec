import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BrowserContext, Page } from 'playwright-core';
import { gotoApp, artifactsDir, chromiumAvailable, openBrowser, screenshot, startBrowserMode, type RunningApp, openAppPage } from './support/browserMode';
import { callContract } from './support/contractCall';

async function fill(page: Page, testId: string, value: string): Promise<void> {
  await page.getByTestId(testId).locator('input, textarea').first().fill(value);
}

async function inputValue(page: Page, testId: string): Promise<string> {
  return page.getByTestId(testId).locator('input').first().inputValue();
}

async function scrollMainToTop(page: Page): Promise<void> {
  await page.locator('main.app-main').evaluate((main) => main.scrollTo(0, 0));
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

/** The view scrolls inside the main area; a tall window shows the whole form in one picture. */
async function wholeViewScreenshot(page: Page, name: string): Promise<void> {
  await page.setViewportSize({ width: 1280, height: 2600 });
  await scrollMainToTop(page);
  await screenshot(page, name);
  await page.setViewportSize({ width: 1280, height: 800 });
}

async function submittedJobs(app: RunningApp): Promise<number> {
  return (await callContract(app, 'jobs.list', {})).total;
}

async function chooseCluster(page: Page, label: RegExp): Promise<void> {
  await page.getByTestId('field-cluster').locator('button').click();
  await page.getByRole('option', { name: label }).click();
}

/** A cluster with GPUs, drained and down nodes, for looking at the panel with more than one row. */
const busyCluster = {
  cluster: 'embedded',
  fetchedAt: new Date().toISOString(),
  partitions: [
    { name: 'gpu-a100-long-name', isDefault: true, available: 'up', timeLimit: '2-00:00:00', maxTimeMinutes: 2880, nodes: { total: 24, idle: 3, mixed: 9, allocated: 10, down: 2, other: 0 }, cpus: { idle: 412, total: 1536 }, gpus: { free: 17, total: 96 } },
    { name: 'debug', isDefault: false, available: 'up', timeLimit: '1:00:00', maxTimeMinutes: 60, nodes: { total: 4, idle: 4, mixed: 0, allocated: 0, down: 0, other: 0 }, cpus: { idle: 128, total: 128 }, gpus: { free: 0, total: 0 } },
    { name: 'bigmem', isDefault: false, available: 'drain', timeLimit: 'infinite', maxTimeMinutes: null, nodes: { total: 2, idle: 0, mixed: 0, allocated: 0, down: 1, other: 1 }, cpus: { idle: 0, total: 256 }, gpus: { free: 0, total: 0 } },
  ],
};

/**
 * Passes the page's socket through to the app, but answers clusters.overview with `overview`:
 * the only way to show a many-partition cluster here, where the one real cluster has one.
 */
async function answerOverviewWith(page: Page, overview: unknown): Promise<void> {
  await page.routeWebSocket(/\/rpc$/, (socket) => {
    const server = socket.connectToServer();
    const overviewIds = new Set<string>();
    socket.onMessage((message) => {
      const frame = JSON.parse(String(message)) as { id?: string; method?: string };
      if (frame.method === 'clusters.overview' && frame.id) overviewIds.add(frame.id);
      server.send(message);
    });
    server.onMessage((message) => {
      const frame = JSON.parse(String(message)) as { kind?: string; id?: string };
      if (frame.kind === 'response' && frame.id && overviewIds.has(frame.id)) socket.send(JSON.stringify({ kind: 'response', id: frame.id, ok: true, result: overview }));
      else socket.send(message);
    });
  });
}

const greeting = ['# say hello', 'echo "hello from $USER"', 'for i in 1 2; do echo "round $i"; done'].join('\n');

describe.skipIf(!chromiumAvailable())('the Submit view, in browser mode', () => {
  let app: RunningApp;
  let browser: BrowserContext;
  let page: Page;
  let problems: string[];

  beforeAll(async () => {
    app = await startBrowserMode({ env: { HOME: mkdtempSync(join(tmpdir(), 'slurmdesk-e2e-submit-home-')) } });
    // Port 9 on loopback refuses at once: the profile is listed but never reachable.
    await callContract(app, 'clusters.save', {
      profile: { name: 'hpc-lab', host: '127.0.0.1', port: 9, user: 'alice', hostKeyPolicy: 'reject', defaults: { partition: 'gpu', account: 'lab', qos: 'normal' } },
    });
    ({ browser, page, problems } = await openAppPage(app, 'light'));
    await page.getByTestId('nav-submit').click();
  });
  afterAll(async () => {
    await browser?.close();
    await app?.stop();
  });

  it('lists a saved profile among the clusters and fills in its defaults', async () => {
    await chooseCluster(page, /^hpc-lab \(alice@127\.0\.0\.1\)$/);
    expect(await inputValue(page, 'field-partition')).toBe('gpu');
    expect(await inputValue(page, 'field-account')).toBe('lab');
    expect(await inputValue(page, 'field-qos')).toBe('normal');
    // The profile's cluster cannot be reached: the overview says so instead of showing stale rows.
    await expect.poll(() => page.getByTestId('cluster-overview-error').textContent(), { timeout: 30_000 }).not.toBe('');
    await chooseCluster(page, /This computer/);
    expect(await inputValue(page, 'field-partition')).toBe('');
    expect(await inputValue(page, 'field-account')).toBe('');
  });

  it('offers the embedded partition from clusters.overview', async () => {
    const overview = await callContract(app, 'clusters.overview', { name: 'embedded' });
    const [embedded] = overview.partitions;
    expect(embedded).toMatchObject({ name: 'embedded', isDefault: true, maxTimeMinutes: null, gpus: { free: 0, total: 0 } });
    await page.getByTestId('field-partition').getByRole('button', { name: 'Show partitions' }).click();
    const option = page.getByRole('option', { name: /embedded/ });
    expect(await option.textContent()).toContain(`CPUs free`);
    expect(await option.textContent()).toContain(`/${embedded!.cpus.total} CPUs`);
    await option.click();
    expect(await inputValue(page, 'field-partition')).toBe('embedded');
    expect(await page.getByTestId('partition-embedded').textContent()).toContain('infinite');
  });

  it('shows where bad JSON args break, and sends nothing', async () => {
    await page.getByTestId('kind-python').click();
    await fill(page, 'field-name', 'bad-args');
    await fill(page, 'field-module', 'json');
    await fill(page, 'field-function', 'dumps');
    await fill(page, 'field-args', '[1,\n 2,,]');
    expect(await page.getByTestId('field-args-error').textContent()).toBe('Args are not valid JSON at line 2, column 4: expected a value, found ","');
    await fill(page, 'field-kwargs', '[]');
    expect(await page.getByTestId('field-kwargs-error').textContent()).toMatch(/must be a JSON object/);
    await page.getByTestId('submit-job').click();
    expect(await page.getByTestId('submit-problems').textContent()).toMatch(/nothing was sent/i);
    await wholeViewScreenshot(page, 'submit-python-errors-light');
    expect(await submittedJobs(app)).toBe(0);
    await fill(page, 'field-args', '[{"a": 1}]');
    await fill(page, 'field-kwargs', '{}');
    await wholeViewScreenshot(page, 'submit-python-light');
  });

  it('refuses a bad array range next to its field', async () => {
    await page.getByTestId('kind-script').click();
    await fill(page, 'field-name', 'bad-range');
    await fill(page, 'field-body', 'echo "task $SLURM_ARRAY_TASK_ID"');
    await page.getByTestId('array-range').click();
    await fill(page, 'field-array-range', '9-0%2');
    expect(await page.getByTestId('field-array-range-error').textContent()).toBe('The range 9-0 ends before it starts');
    await page.getByTestId('submit-job').click();
    expect(await page.getByTestId('submit-problems').textContent()).toContain('Array range');
    expect(await submittedJobs(app)).toBe(0);
  });

  it('turns pasted CSV into array items, shown by the preview as the --array directive', async () => {
    await page.getByTestId('array-items').click();
    await page.getByTestId('items-csv').click();
    await fill(page, 'field-array-items', 'sample,note\nA,"first, quoted"\nB,plain\nC,"say ""hi"""\n');
    expect(await page.getByTestId('array-item-count').textContent()).toBe('3 tasks');
    await page.getByTestId('preview-job').click();
    await expect.poll(() => page.getByTestId('script-preview').textContent()).toContain('#SBATCH --array=0-2');
    expect(await submittedJobs(app)).toBe(0);
    await wholeViewScreenshot(page, 'submit-array-items-light');
    await page.getByTestId('array-none').click();
  });

  it('colours the script and submits it to This computer', async () => {
    await fill(page, 'field-name', 'coloured-hello');
    await fill(page, 'field-body', greeting);
    const highlight = page.getByTestId('script-highlight');
    expect(await highlight.locator('.bash-comment').first().textContent()).toBe('# say hello');
    expect(await highlight.locator('.bash-variable').allTextContents()).toEqual(['$USER', '$i']);
    expect(await highlight.locator('.bash-keyword').allTextContents()).toEqual(['for', 'in', 'do', 'done']);
    expect(await highlight.locator('.bash-string').count()).toBeGreaterThan(0);
    // The coloured copy holds exactly the typed text, so the two layers line up.
    expect((await highlight.textContent())!.replace(/\n$/, '')).toBe(greeting);
    await wholeViewScreenshot(page, 'submit-script-light');
    await page.getByTestId('cluster-overview').screenshot({ path: join(artifactsDir, 'cluster-overview-light.png') });

    await page.getByTestId('submit-job').click();
    await page.getByTestId('jobs-table').locator('[role="row"][data-key]', { hasText: 'coloured-hello' }).waitFor();
    expect(await submittedJobs(app)).toBe(1);
  });

  it('can be filled and submitted with the keyboard alone', async () => {
    await page.getByTestId('nav-submit').focus();
    await page.keyboard.press('Enter');
    await page.getByTestId('submit-form').waitFor();
    await tabTo(page, 'field-name');
    await page.keyboard.press('Control+A');
    await page.keyboard.type('typed-only');
    await tabTo(page, 'field-body');
    await page.keyboard.press('Control+A');
    await page.keyboard.type('echo typed with the keyboard');
    await page.keyboard.press('Shift+Tab');
    await tabTo(page, 'field-name');
    await page.keyboard.press('Enter');
    await page.getByTestId('jobs-table').locator('[role="row"][data-key]', { hasText: 'typed-only' }).waitFor();
    expect(await submittedJobs(app)).toBe(2);
  });

  it('depends on a job picked from the list by name, or on a raw Slurm id', async () => {
    await page.getByTestId('nav-submit').click();
    await fill(page, 'field-name', 'after-hello');
    const [hello] = (await callContract(app, 'jobs.list', {})).jobs.filter((job) => job.name === 'coloured-hello');
    await page.getByTestId('dependency-job').locator('input').click();
    await page.keyboard.type('colour');
    await page.getByRole('option', { name: /coloured-hello/ }).click();
    await page.getByTestId('dependency-type').locator('button').click();
    await page.getByRole('option', { name: /^afterany/ }).click();
    await page.getByTestId('dependency-add').click();
    await fill(page, 'dependency-job', 'not-a-job');
    await page.getByTestId('dependency-add').click();
    expect(await page.getByTestId('dependency-problem').textContent()).toMatch(/neither a job in the list nor a Slurm job id/);
    await fill(page, 'dependency-job', '4242_7');
    await page.getByTestId('dependency-add').click();
    expect(await page.getByTestId('dependency-list').locator('li').allTextContents()).toEqual([
      expect.stringMatching(/^afterany coloured-hello \(\d+\)/),
      expect.stringMatching(/^afterany Slurm job 4242_7/),
    ]);
    await page.getByTestId('preview-job').click();
    await expect.poll(() => page.getByTestId('script-preview').textContent()).toContain(`afterany:${hello!.slurmId}`);
    await wholeViewScreenshot(page, 'submit-dependencies-light');
    await page.getByRole('button', { name: /^Remove afterany on Slurm job/ }).click();
    await page.getByRole('button', { name: /^Remove afterany on coloured-hello/ }).click();
    expect(await page.getByTestId('dependency-list').count()).toBe(0);
  });

  it('lays out a busy cluster’s partitions legibly, light and dark', async () => {
    for (const scheme of ['light', 'dark'] as const) {
      const other = await openBrowser(scheme);
      try {
        const otherPage = other.pages()[0] ?? (await other.newPage());
        await answerOverviewWith(otherPage, busyCluster);
        await gotoApp(otherPage, app);
        await otherPage.getByTestId('nav-submit').click();
        const panel = otherPage.getByTestId('cluster-overview');
        await otherPage.getByTestId('partition-gpu-a100-long-name').waitFor();
        await panel.screenshot({ path: join(artifactsDir, `cluster-overview-busy-${scheme}.png`) });
        // Every column stays inside the panel: nothing is cut off or scrolled away.
        const overflow = await panel.locator('.cluster-overview-scroll').evaluate((element) => element.scrollWidth - element.clientWidth);
        expect(overflow).toBeLessThanOrEqual(0);
        expect(await otherPage.getByTestId('partition-debug').textContent()).toContain('1:00:00');
      } finally {
        await other.close();
      }
    }
  });

  it('looks right in the dark theme', async () => {
    const { browser: dark, page: darkPage, problems: darkProblems } = await openAppPage(app, 'dark');
    try {
      await darkPage.getByTestId('nav-submit').click();
      await fill(darkPage, 'field-name', 'dark-script');
      await fill(darkPage, 'field-body', greeting);
      await darkPage.getByTestId('partition-embedded').waitFor();
      await wholeViewScreenshot(darkPage, 'submit-script-dark');
      await darkPage.getByTestId('cluster-overview').screenshot({ path: join(artifactsDir, 'cluster-overview-dark.png') });
      await darkPage.getByTestId('kind-python').click();
      await fill(darkPage, 'field-module', 'json');
      await fill(darkPage, 'field-function', 'dumps');
      await fill(darkPage, 'field-args', '[1, ');
      await darkPage.getByTestId('preview-job').click();
      await wholeViewScreenshot(darkPage, 'submit-python-dark');
      expect(darkProblems).toEqual([]);
    } finally {
      await dark.close();
    }
  });

  it('had no console errors or CSP violations', () => {
    expect(problems).toEqual([]);
  });
});
