import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, openSync, closeSync, readFileSync, readSync, rmSync, statSync, writeFileSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { crc32, deflateSync } from 'node:zlib';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { BrowserContext, Page } from 'playwright-core';
import { readCsv } from '../../shared/files/parseCsv';
import { slurmUnavailableReason, startCluster, stopCluster } from '../integration/slurm/slurmCluster';
import { describeWithSshd, killTargetSessions, startSshd, stopSshd, type SshdEnv } from '../integration/support/sshServer';
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
let data: string;

const mib = 1024 * 1024;
/** The large file: 2 GiB, sparse on the cluster, with a marker every 16 MiB to check what a resumed copy holds. */
const bigSize = 2 * 1024 * mib;
const markerEvery = 16 * mib;
const markerAt = (offset: number) => `MARK${String(offset / markerEvery).padStart(4, '0')}`;

/** A 2×2 PNG, built by hand (zlib and CRC from Node): no image library needed. */
function png(): Buffer {
  const chunk = (type: string, body: Buffer) => {
    const length = Buffer.alloc(4);
    length.writeUInt32BE(body.length);
    const crc = Buffer.alloc(4);
    crc.writeUInt32BE(crc32(Buffer.concat([Buffer.from(type), body])));
    return Buffer.concat([length, Buffer.from(type), body, crc]);
  };
  const header = Buffer.alloc(13);
  header.writeUInt32BE(2, 0);
  header.writeUInt32BE(2, 4);
  header.set([8, 2, 0, 0, 0], 8);
  const pixels = Buffer.from([0, 255, 0, 0, 0, 255, 0, 0, 0, 0, 255, 255, 255, 0]);
  return Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), chunk('IHDR', header), chunk('IDAT', deflateSync(pixels)), chunk('IEND', Buffer.alloc(0))]);
}

/** A one-page PDF that says "Slurm Desk report", with its cross-reference table offsets computed. */
function pdf(): string {
  const objects = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 300 144] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>',
    '<< /Length 52 >>\nstream\nBT /F1 18 Tf 20 70 Td (Slurm Desk report) Tj ET\nendstream',
    '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>',
  ];
  let text = '%PDF-1.4\n';
  const offsets: number[] = [];
  objects.forEach((body, index) => {
    offsets.push(text.length);
    text += `${index + 1} 0 obj\n${body}\nendobj\n`;
  });
  const xref = text.length;
  text += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n${offsets.map((offset) => `${String(offset).padStart(10, '0')} 00000 n \n`).join('')}`;
  return `${text}trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
}

/** The folder the person browses, in the cluster user's home, owned by that user. */
function makeRemoteFolder(): string {
  const folder = join(env.home, 'browse-data');
  mkdirSync(join(folder, 'nested', 'deeper'), { recursive: true });
  writeFileSync(join(folder, 'nested', 'deeper', 'values.csv'), 'lr,loss\n0.1,0.5\n0.2,0.25\n');
  writeFileSync(join(folder, 'nested', 'summary.json'), '{"best": {"lr": 0.031}}');
  writeFileSync(join(folder, 'notes.md'), '# Sweep notes\n\nThe **best** rate was `0.031`.\n\n- ran 50 tasks\n- <b>no HTML</b>\n');
  writeFileSync(join(folder, 'report.pdf'), pdf());
  writeFileSync(join(folder, 'plot.png'), png());
  writeFileSync(join(folder, '.hidden-config'), 'x');
  const big = openSync(join(folder, 'big.bin'), 'w');
  for (let offset = 0; offset < bigSize; offset += markerEvery) writeSync(big, markerAt(offset), offset);
  closeSync(big);
  execFileSync('truncate', ['-s', String(bigSize), join(folder, 'big.bin')]);
  execFileSync('chown', ['-R', `${env.user}:`, folder]);
  return folder;
}

/** Every marker inside the first `length` bytes of a local copy is where it belongs. */
function markersIntact(path: string, length: number): boolean {
  const handle = openSync(path, 'r');
  try {
    for (let offset = 0; offset + 8 <= length; offset += markerEvery) {
      const bytes = Buffer.alloc(8);
      readSync(handle, bytes, 0, 8, offset);
      if (bytes.toString() !== markerAt(offset)) return false;
    }
    return true;
  } finally {
    closeSync(handle);
  }
}

async function downloadValue(item: ReturnType<Page['getByTestId']>): Promise<number> {
  return Number(await item.getByTestId('download-progress').getAttribute('value'));
}

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
    data = makeRemoteFolder();
  }, 240_000);

  afterAll(async () => {
    if (data) rmSync(data, { recursive: true, force: true });
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
    await panel.getByTestId('results-sort-loss').click();
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

  it('browses a folder tree, previews a PNG, a PDF and Markdown, downloads a folder, and resumes a 2 GiB download after a cut', async () => {
    await page.getByTestId('nav-files').click();
    await page.getByTestId('files-cluster').selectOption('hpc');
    await page.getByTestId(`tree-toggle-${env.home}`).click();
    await page.getByTestId(`tree-open-${data}`).click();
    const listing = page.getByTestId('folder-listing');
    const names = () => listing.getByTestId('folder-entry').evaluateAll((rows) => rows.map((row) => row.getAttribute('data-name')));
    await expect.poll(names, { timeout: 30_000 }).toEqual(['nested', 'big.bin', 'notes.md', 'plot.png', 'report.pdf']);
    await page.getByTestId('files-hidden').check();
    await expect.poll(names).toContain('.hidden-config');
    await page.getByTestId('files-sort-size').click();
    expect((await names())[1]).toBe('big.bin');
    await page.getByTestId('files-find').fill('re');
    await expect.poll(names).toEqual(['report.pdf']);
    await page.getByTestId('files-find').fill('');

    // Into the nested folders and back by the breadcrumbs.
    await listing.locator('[data-name="nested"]').getByTestId('entry-open').click();
    await listing.locator('[data-name="deeper"]').getByTestId('entry-open').click();
    await listing.locator('[data-name="values.csv"]').getByTestId('entry-open').click();
    await expect.poll(() => page.getByTestId('csv-preview').textContent()).toContain('0.25');
    await page.getByTestId(`crumb-${data}`).click();
    await expect.poll(names).toContain('plot.png');

    await listing.locator('[data-name="plot.png"]').getByTestId('entry-open').click();
    const image = page.getByTestId('image-preview');
    await image.waitFor();
    await expect.poll(() => image.evaluate((element) => (element as unknown as { naturalWidth: number }).naturalWidth)).toBe(2);
    await listing.locator('[data-name="notes.md"]').getByTestId('entry-open').click();
    const markdown = page.getByTestId('markdown-preview');
    await expect.poll(() => markdown.locator('h3').textContent()).toBe('Sweep notes');
    expect(await markdown.locator('b').count()).toBe(0);
    expect(await markdown.textContent()).toContain('<b>no HTML</b>');
    await listing.locator('[data-name="report.pdf"]').getByTestId('entry-open').click();
    // The frame is there with the PDF's blob; whether headless Chromium draws it is its viewer's business.
    expect(await page.getByTestId('pdf-preview').getAttribute('src')).toMatch(/^blob:/);
    await screenshot(page, 'files-pdf-preview');

    // A whole folder, with progress, into the downloads folder.
    await listing.locator('[data-name="nested"]').getByTestId('entry-download').click();
    const folderItem = page.getByTestId('download-item').first();
    await expect.poll(() => folderItem.getAttribute('data-status'), { timeout: 60_000 }).toBe('done');
    const downloads = join(home, 'Downloads', 'Slurm Desk', 'hpc');
    expect(readFileSync(join(downloads, 'nested', 'deeper', 'values.csv'), 'utf8')).toContain('0.2,0.25');
    expect(JSON.parse(readFileSync(join(downloads, 'nested', 'summary.json'), 'utf8'))).toEqual({ best: { lr: 0.031 } });

    // The 2 GiB file: cut the connection part-way, resume from what arrived, then pause.
    await listing.locator('[data-name="big.bin"]').getByTestId('entry-download').click();
    const bigItem = page.getByTestId('download-item').nth(1);
    await expect.poll(() => downloadValue(bigItem), { timeout: 60_000, interval: 100 }).toBeGreaterThan(48 * mib);
    await killTargetSessions();
    await expect.poll(() => bigItem.getAttribute('data-status'), { timeout: 60_000 }).toBe('failed');
    const partial = join(downloads, 'big.bin.slurmdesk-part');
    const kept = statSync(partial).size;
    expect(kept).toBeGreaterThan(0);
    expect(markersIntact(partial, kept)).toBe(true);
    await screenshot(page, 'files-download-cut');

    await bigItem.getByTestId('download-resume').click();
    // It continues from the bytes that arrived before the cut, not from the start.
    await expect.poll(() => bigItem.getAttribute('data-resumed-from'), { timeout: 60_000 }).toBe(String(kept));
    await expect.poll(() => downloadValue(bigItem), { timeout: 60_000, interval: 100 }).toBeGreaterThan(kept + 32 * mib);
    await bigItem.getByTestId('download-pause').click();
    await expect.poll(() => bigItem.getAttribute('data-status'), { timeout: 30_000 }).toBe('paused');
    const resumed = statSync(partial).size;
    expect(resumed).toBeGreaterThan(kept + 32 * mib);
    expect(resumed).toBeLessThan(bigSize);
    expect(markersIntact(partial, resumed)).toBe(true);
    expect(existsSync(join(downloads, 'big.bin'))).toBe(false);
    await screenshot(page, 'files-download-resumed');
    expect(problems).toEqual([]);
  }, 240_000);
});
