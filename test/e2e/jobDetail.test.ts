import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, statfsSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { crc32, deflateSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BrowserContext, Page } from 'playwright-core';
import { artifactsDir, chromiumAvailable, screenshot, startBrowserMode, type RunningApp, openAppPage } from './support/browserMode';

const gib = 1024 * 1024 * 1024;
// A 1 GiB log where /tmp has room for it (and some to spare), else 256 MiB: the point is a log far
// bigger than anything the window may hold.
const bigLogBytes = statfsSync(tmpdir()).bavail * statfsSync(tmpdir()).bsize > 4 * gib ? gib : 256 * 1024 * 1024;
// Big enough that the progress bar is on screen for a moment even on a local disk.
const downloadBytes = 384 * 1024 * 1024;

/** A small real PNG (a 24×24 gradient), made here so the test needs no binary fixture. */
function gradientPng(): Buffer {
  const size = 24;
  const chunk = (type: string, data: Buffer) => {
    const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
    const length = Buffer.alloc(4);
    length.writeUInt32BE(data.length);
    const crc = Buffer.alloc(4);
    crc.writeUInt32BE(crc32(body));
    return Buffer.concat([length, body, crc]);
  };
  const header = Buffer.alloc(13);
  header.writeUInt32BE(size, 0);
  header.writeUInt32BE(size, 4);
  header.set([8, 2, 0, 0, 0], 8); // 8-bit RGB
  const rows = Buffer.alloc(size * (1 + size * 3));
  for (let y = 0; y < size; y += 1) {
    for (let x = 0; x < size; x += 1) rows.set([x * 10, y * 10, 200], y * (1 + size * 3) + 1 + x * 3);
  }
  return Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), chunk('IHDR', header), chunk('IDAT', deflateSync(rows)), chunk('IEND', Buffer.alloc(0))]);
}

const svg = '<svg xmlns="http://www.w3.org/2000/svg" width="120" height="60"><rect width="120" height="60" rx="8" fill="#2a6fcb"/><circle cx="30" cy="30" r="16" fill="#f5b400"/><script>document.title="svg ran"</script></svg>';

const scripts = {
  big: [
    `yes "$(printf 'x%.0s' $(seq 1 99))" | head -c ${bigLogBytes}`,
    'echo "big log written"',
    'for i in $(seq 1 600); do echo "tick $i"; sleep 1; done',
  ].join('\n'),
  files: [
    `printf 'sample,value,note\\n' > table.csv`,
    `for i in $(seq 1 2000); do printf 'row%d,%d,"quoted, with comma"\\n' "$i" "$((i * 7))" >> table.csv; done`,
    `printf '%s' '${gradientPng().toString('base64')}' | base64 -d > plot.png`,
    `cat > drawing.svg <<'SVG'\n${svg}\nSVG`,
    `head -c ${downloadBytes} /dev/zero > data.bin`,
    'echo files written',
  ].join('\n'),
  colours: [
    `printf '\\033[31mred alert\\033[0m plain \\033[1;32mgreen ok\\033[0m\\n'`,
    `printf '\\033[38;5;208morange 256\\033[0m and \\033[4munderlined\\033[0m\\n'`,
    'for i in $(seq 1 40); do echo "filler $i"; done',
    `printf '\\033[33mwarning: disk alert\\033[0m\\n'`,
  ].join('\n'),
};

/** Runs in the page: an image's natural width once it has loaded (0 before, or when it failed). */
const loadedWidth = (image: unknown) => {
  const { complete, naturalWidth } = image as { complete: boolean; naturalWidth: number };
  return complete ? naturalWidth : 0;
};

/** Runs in the page: the colour the browser actually paints the element's text in. */
const computedColour = (element: unknown) => (globalThis as unknown as { getComputedStyle(node: unknown): { color: string } }).getComputedStyle(element).color;

async function fill(page: Page, testId: string, value: string): Promise<void> {
  await page.getByTestId(testId).locator('input, textarea').fill(value);
}

async function submitScript(page: Page, name: string, body: string, time = ''): Promise<void> {
  await page.getByTestId('nav-submit').click();
  await page.getByTestId('kind-script').click();
  await fill(page, 'field-name', name);
  await fill(page, 'field-body', body);
  await fill(page, 'field-time', time);
  await page.getByTestId('submit-job').click();
  await expect.poll(() => page.getByTestId('job-detail').locator('h2').textContent(), { timeout: 30_000 }).toBe(name);
}

async function openJob(page: Page, name: string): Promise<void> {
  await page.getByTestId('nav-jobs').click();
  await page.getByTestId('jobs-table').waitFor();
  // Clicking the row already selected would deselect it and close the pane.
  const shown = page.getByTestId('job-detail').locator('h2');
  if ((await shown.count()) === 0 || (await shown.textContent()) !== name) {
    await page.getByTestId('jobs-table').locator('[role="row"][data-key]', { hasText: name }).first().click();
  }
  await expect.poll(() => page.getByTestId('job-detail').locator('h2').textContent()).toBe(name);
}

async function jobState(page: Page): Promise<string | null> {
  return page.getByTestId('job-detail').getByTestId('job-state').first().textContent();
}

function stdoutOf(home: string, name: string): string | null {
  const base = join(home, 'slurm_jobs', name);
  if (!existsSync(base)) return null;
  const [folder] = readdirSync(base);
  return folder ? join(base, folder, 'stdout.txt') : null;
}

/** The pane scrolls with the main area: bring the part of interest into the screenshot. */
async function shoot(page: Page, testId: string, name: string): Promise<void> {
  await page.getByTestId(testId).first().scrollIntoViewIfNeeded();
  await screenshot(page, name);
}

describe.skipIf(!chromiumAvailable())('the job detail pane, in browser mode', () => {
  let app: RunningApp;
  let home: string;
  let browser: BrowserContext;
  let page: Page;
  let problems: string[];
  const timings: Record<string, number | string> = { bigLogBytes };

  beforeAll(async () => {
    home = mkdtempSync(join(tmpdir(), 'slurmdesk-e2e-detail-home-'));
    app = await startBrowserMode({ env: { HOME: home } });
    ({ browser, page, problems } = await openAppPage(app, 'light'));
  });
  afterAll(async () => {
    mkdirSync(artifactsDir, { recursive: true });
    writeFileSync(join(artifactsDir, 'jobDetail-timings.json'), `${JSON.stringify(timings, null, 2)}\n`);
    console.log('job detail timings', timings);
    await browser?.close();
    await app?.stop();
    // The big log is a gigabyte: leave nothing of it behind.
    if (home) rmSync(home, { recursive: true, force: true });
  });

  it('opens the tail of a huge log fast, pages back, and follows new lines', async () => {
    await submitScript(page, 'big-log', scripts.big, '00:10:00');
    const stdout = () => stdoutOf(home, 'big-log');
    // Wait until the writer is done, so the tail read is of the whole file.
    await expect.poll(() => { const path = stdout(); return path && existsSync(path) ? statSync(path).size : 0; }, { timeout: 120_000, interval: 500 }).toBeGreaterThan(bigLogBytes);

    // Open it afresh and time how long the end takes to show.
    await page.getByTestId('nav-submit').click();
    const started = Date.now();
    await openJob(page, 'big-log');
    await page.getByTestId('tab-output').click();
    const log = page.getByTestId('log-stdout-text');
    await expect.poll(() => log.textContent(), { timeout: 10_000, interval: 50 }).toMatch(/tick \d+/);
    timings.firstTailMs = Date.now() - started;
    const range = await page.getByTestId('log-stdout-range').textContent();
    expect(range).toMatch(/of (1\.00 GiB|256 MiB)/);
    await shoot(page, 'log-stdout', 'detail-log-tail-light');

    // Following: new numbered lines arrive without touching anything.
    const lastTick = async () => Math.max(0, ...[...((await log.textContent()) ?? '').matchAll(/tick (\d+)/g)].map((match) => Number(match[1])));
    const seen = await lastTick();
    expect(await page.getByTestId('log-stdout-follow').locator('input').isChecked()).toBe(true);
    await expect.poll(lastTick, { timeout: 15_000 }).toBeGreaterThanOrEqual(seen + 2);

    // Page back: earlier bytes of the x-lines come in above.
    const startOf = async () => Number(await page.getByTestId('log-stdout-range').getAttribute('data-start'));
    const before = await startOf();
    expect(before).toBeGreaterThan(0);
    await page.getByTestId('log-stdout-earlier').click();
    await expect.poll(startOf).toBeLessThan(before);
    await log.evaluate((element) => element.scrollTo(0, 0));
    await expect.poll(() => log.textContent()).toMatch(/x{99}/);
    expect(await page.getByTestId('log-stdout-follow').locator('input').isChecked()).toBe(false);

    // Jump to end shows the newest ticks again.
    await page.getByTestId('log-stdout-end').click();
    await expect.poll(() => log.textContent()).toMatch(/tick \d+/);

    // The window stays bounded: never the whole file in the page.
    const held = await log.evaluate((element) => element.querySelectorAll('.log-row').length);
    expect(held).toBeLessThan(500);

    await page.getByTestId('tab-overview').click();
    await expect.poll(() => page.getByTestId('job-script').textContent()).toContain('#SBATCH --time=00:10:00');
    await shoot(page, 'job-timeline', 'detail-timeline-light');

    await page.getByTestId('cancel-job').click();
    await page.getByTestId('confirm-cancel').click();
    await expect.poll(() => jobState(page), { timeout: 30_000 }).toMatch(/cancel/i);
  });

  it('shows a nested JSON result as a tree that opens and closes by keyboard', async () => {
    await page.getByTestId('nav-submit').click();
    await page.getByTestId('kind-python').click();
    await fill(page, 'field-name', 'nested-json');
    await fill(page, 'field-module', 'json');
    await fill(page, 'field-function', 'loads');
    await fill(page, 'field-args', JSON.stringify([JSON.stringify({ model: { name: 'ridge', layers: [3, 5, 8] }, scores: Array.from({ length: 250 }, (_, index) => index / 4), ok: true, note: null })]));
    await fill(page, 'field-time', '');
    await page.getByTestId('submit-job').click();
    await expect.poll(() => page.getByTestId('job-detail').locator('h2').textContent()).toBe('nested-json');
    await expect.poll(() => jobState(page), { timeout: 60_000 }).toBe('completed');
    await page.getByTestId('tab-result').click();
    const tree = page.getByTestId('result-json-tree');
    await tree.waitFor();
    const rows = tree.getByRole('row');
    expect(await rows.allTextContents()).toEqual(expect.arrayContaining([expect.stringContaining('model:{ 2 keys }'), expect.stringContaining('scores:[ 250 items ]'), 'ok:true', 'note:null']));

    // Keyboard only: focus the tree, go down to "model", open it with →, its keys appear; ← closes.
    await tree.getByRole('row').first().focus();
    await page.keyboard.press('ArrowDown');
    await expect.poll(() => page.evaluate('document.activeElement?.textContent ?? ""')).toContain('model');
    await page.keyboard.press('ArrowRight');
    await expect.poll(() => rows.allTextContents()).toEqual(expect.arrayContaining([expect.stringContaining('name:"ridge"')]));
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('ArrowRight');
    await expect.poll(() => rows.allTextContents()).toEqual(expect.arrayContaining(['2:8']));
    await shoot(page, 'result-json-tree', 'detail-json-light');
    await page.keyboard.press('ArrowUp');
    await page.keyboard.press('ArrowUp');
    await page.keyboard.press('ArrowLeft');
    await expect.poll(() => rows.allTextContents()).not.toEqual(expect.arrayContaining([expect.stringContaining('name:"ridge"')]));

    // A big array opens a page at a time.
    await tree.getByRole('row', { name: /scores/ }).getByRole('button', { name: 'Expand' }).click();
    await expect.poll(async () => (await rows.allTextContents()).filter((text) => /^\d+:/.test(text)).length).toBe(100);
    await tree.getByRole('row', { name: /Show more/ }).click();
    await expect.poll(async () => (await rows.allTextContents()).filter((text) => /^\d+:/.test(text)).length).toBe(200);
  });

  it('says a result too large to open is too large, and offers its beginning and a download', async () => {
    // operator.mul("y", n) returns n characters: a result.json of n + 2 bytes, over the 16 MiB the window opens.
    const characters = 17 * 1024 * 1024;
    await page.getByTestId('nav-submit').click();
    await page.getByTestId('kind-python').click();
    await fill(page, 'field-name', 'huge-result');
    await fill(page, 'field-module', 'operator');
    await fill(page, 'field-function', 'mul');
    await fill(page, 'field-args', JSON.stringify(['y', characters]));
    await fill(page, 'field-time', '');
    await page.getByTestId('submit-job').click();
    await expect.poll(() => page.getByTestId('job-detail').locator('h2').textContent()).toBe('huge-result');
    await expect.poll(() => jobState(page), { timeout: 60_000 }).toBe('completed');
    await page.getByTestId('tab-result').click();
    const tooLarge = page.getByTestId('result-too-large');
    await tooLarge.waitFor();
    const jobFolder = join(home, 'slurm_jobs', 'huge-result', readdirSync(join(home, 'slurm_jobs', 'huge-result'))[0]!);
    expect(await tooLarge.textContent()).toContain('The result is 17.0 MiB, too large to open here (the limit is 16.0 MiB).');
    expect(await tooLarge.textContent()).toContain(join(jobFolder, 'result.json'));
    expect(await page.getByTestId('result-json-tree').count()).toBe(0);

    await page.getByTestId('result-beginning').click();
    await expect.poll(() => page.getByTestId('text-viewer').textContent()).toMatch(/^"y{1000}/);
    expect(((await page.getByTestId('text-viewer').textContent()) ?? '').length).toBeLessThanOrEqual(64 * 1024);
    await shoot(page, 'result-too-large', 'detail-result-too-large-light');

    await page.getByTestId('result-download').click();
    await expect.poll(() => page.getByTestId('transfer-outcome').textContent(), { timeout: 60_000 }).toMatch(/^Saved to /);
    const landed = join(home, 'Downloads', 'Slurm Desk', 'huge-result', 'result.json');
    expect((await page.getByTestId('transfer-outcome').textContent())?.replace('Saved to ', '')).toBe(landed);
    expect(statSync(landed).size).toBe(statSync(join(jobFolder, 'result.json')).size);
  });

  it('renders the CSV, PNG and SVG of a job folder in their viewers, and downloads with progress', async () => {
    await submitScript(page, 'folder-files', scripts.files);
    await expect.poll(() => jobState(page), { timeout: 60_000 }).toBe('completed');
    await page.getByTestId('tab-files').click();
    const table = page.getByTestId('files-table');
    await table.locator('tr[data-file="table.csv"]').waitFor();

    await page.getByTestId('view-table.csv').click();
    await expect.poll(() => page.getByTestId('csv-summary').textContent()).toBe('2000 rows, 3 columns');
    const csv = page.getByTestId('csv-viewer');
    expect(await csv.getByRole('columnheader').allTextContents()).toEqual(['sample', 'value', 'note']);
    expect(await csv.getByRole('row').nth(1).getByRole('cell').allTextContents()).toEqual(['row1', '7', 'quoted, with comma']);
    expect(await csv.getByRole('row').count()).toBeLessThan(100); // virtualized
    await shoot(page, 'file-viewer', 'detail-csv-light');

    await page.getByTestId('view-plot.png').click();
    const png = page.getByTestId('image-viewer');
    await expect.poll(() => png.evaluate(loadedWidth)).toBe(24);
    expect(await png.getAttribute('src')).toMatch(/^blob:/);
    await shoot(page, 'file-viewer', 'detail-png-light');

    await page.getByTestId('view-drawing.svg').click();
    const svgImage = page.getByTestId('image-viewer');
    await expect.poll(() => svgImage.evaluate(loadedWidth)).toBe(120);
    expect(await svgImage.getAttribute('src')).toMatch(/^blob:/);
    // Shown as an image: its script never ran, and no SVG markup entered the page.
    expect(await page.title()).not.toBe('svg ran');
    expect(await page.locator('svg circle[r="16"]').count()).toBe(0);
    await shoot(page, 'file-viewer', 'detail-svg-light');

    await page.getByTestId('download-data.bin').click();
    await page.getByTestId('transfer-progress').waitFor({ timeout: 20_000 });
    await shoot(page, 'transfer-progress', 'detail-download-progress-light');
    await expect.poll(() => page.getByTestId('transfer-outcome').textContent(), { timeout: 60_000 }).toMatch(/^Saved to /);
    const landed = join(home, 'Downloads', 'Slurm Desk', 'folder-files', 'data.bin');
    expect((await page.getByTestId('transfer-outcome').textContent())?.replace('Saved to ', '')).toBe(landed);
    expect(statSync(landed).size).toBe(downloadBytes);

    // Upload from the window: 5 MiB goes in chunks and appears in the folder whole.
    const upload = Buffer.alloc(5 * 1024 * 1024 + 3, 'u');
    await page.getByTestId('job-files').locator('input[type=file]').setInputFiles({ name: 'notes.txt', mimeType: 'text/plain', buffer: upload });
    await expect.poll(() => page.getByTestId('transfer-outcome').textContent(), { timeout: 30_000 }).toBe('Uploaded notes.txt to the job folder');
    await table.locator('tr[data-file="notes.txt"]').waitFor();
    const jobFolder = join(home, 'slurm_jobs', 'folder-files', readdirSync(join(home, 'slurm_jobs', 'folder-files'))[0]!);
    expect(statSync(join(jobFolder, 'notes.txt')).size).toBe(upload.length);
  });

  it('shows ANSI colours as colours and finds and highlights search matches', async () => {
    await submitScript(page, 'colours', scripts.colours);
    await expect.poll(() => jobState(page), { timeout: 60_000 }).toBe('completed');
    await page.getByTestId('tab-output').click();
    const log = page.getByTestId('log-stdout-text');
    await expect.poll(() => log.textContent()).toContain('disk alert');
    await log.evaluate((element) => element.scrollTo(0, 0));
    const red = log.locator('span.ansi-fg-1', { hasText: 'red alert' });
    await red.waitFor();
    const colour = await red.evaluate(computedColour);
    const plain = await log.locator('.log-row').first().evaluate(computedColour);
    expect(colour).not.toBe(plain);
    expect(await log.locator('span.ansi-fg-2.ansi-bold', { hasText: 'green ok' }).count()).toBe(1);
    expect(await log.locator('span', { hasText: 'orange 256' }).evaluate(computedColour)).toBe('rgb(255, 135, 0)');
    expect(await log.textContent()).not.toContain('\x1b');

    await page.getByTestId('log-stdout-search').locator('input').fill('alert');
    await expect.poll(() => page.getByTestId('log-stdout-matches').textContent()).toBe('1 of 2');
    expect(await log.locator('.log-match').count()).toBeGreaterThanOrEqual(1);
    expect(await log.locator('.log-match-current').textContent()).toBe('alert');
    await page.keyboard.press('Enter');
    await expect.poll(() => page.getByTestId('log-stdout-matches').textContent()).toBe('2 of 2');
    await expect.poll(() => log.locator('.log-row', { has: page.locator('.log-match-current') }).textContent()).toContain('disk alert');
    await page.keyboard.press('Shift+Enter');
    await expect.poll(() => page.getByTestId('log-stdout-matches').textContent()).toBe('1 of 2');
    await shoot(page, 'log-stdout', 'detail-ansi-search-light');
  });

  it('sends the spec back to the Submit view with "Submit again"', async () => {
    await openJob(page, 'colours');
    await page.getByTestId('submit-again').click();
    await expect.poll(() => page.getByTestId('field-name').locator('input').inputValue()).toBe('colours');
    expect(await page.getByTestId('field-body').locator('textarea').inputValue()).toBe(scripts.colours);
  });

  it('looks right in the dark theme', async () => {
    const { browser: dark, page: darkPage, problems: darkProblems } = await openAppPage(app, 'dark');
    try {
      await openJob(darkPage, 'colours');
      await darkPage.getByTestId('tab-output').click();
      await expect.poll(() => darkPage.getByTestId('log-stdout-text').textContent()).toContain('disk alert');
      await darkPage.getByTestId('log-stdout-search').locator('input').fill('alert');
      await darkPage.getByTestId('log-stdout-text').evaluate((element) => element.scrollTo(0, 0));
      await shoot(darkPage, 'log-stdout', 'detail-ansi-search-dark');
      await darkPage.getByTestId('tab-overview').click();
      await shoot(darkPage, 'job-timeline', 'detail-timeline-dark');

      await openJob(darkPage, 'nested-json');
      await darkPage.getByTestId('tab-result').click();
      await darkPage.getByTestId('result-json-tree').getByRole('row', { name: /model/ }).getByRole('button', { name: 'Expand' }).click();
      await shoot(darkPage, 'result-json-tree', 'detail-json-dark');

      await openJob(darkPage, 'huge-result');
      await darkPage.getByTestId('tab-result').click();
      await darkPage.getByTestId('result-beginning').click();
      await darkPage.getByTestId('text-viewer').waitFor();
      await shoot(darkPage, 'result-too-large', 'detail-result-too-large-dark');

      await openJob(darkPage, 'folder-files');
      await darkPage.getByTestId('tab-files').click();
      for (const [file, shot] of [['table.csv', 'csv'], ['plot.png', 'png'], ['drawing.svg', 'svg']] as const) {
        await darkPage.getByTestId(`view-${file}`).click();
        await darkPage.getByTestId(shot === 'csv' ? 'csv-viewer' : 'image-viewer').waitFor();
        await shoot(darkPage, 'file-viewer', `detail-${shot}-dark`);
      }
      await openJob(darkPage, 'big-log');
      await darkPage.getByTestId('tab-output').click();
      await expect.poll(() => darkPage.getByTestId('log-stdout-text').textContent()).toMatch(/tick \d+/);
      await shoot(darkPage, 'log-stdout', 'detail-log-tail-dark');
      expect(darkProblems).toEqual([]);
    } finally {
      await dark.close();
    }
  });

  it('had no console errors or CSP violations', () => {
    expect(problems).toEqual([]);
  });
});
