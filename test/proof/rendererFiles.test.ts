import { createServer, type Server } from 'node:http';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, realpathSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { visibleFileName } from '../../shared/files/visibleFileName';
import type { JobRecord } from '../../shared/jobs/jobRecord';
import { artifactsDir, chromiumAvailable, screenshot } from '../e2e/support/browserMode';
import { startAppUnderAttack, type AppUnderAttack } from './support/appProcess';
import { openContractSocket, type ContractSocket } from './support/contractSocket';
import { recordCheck } from './support/proofRecorder';
import { htmlPayloads, openWatchedPage, proveDetectors, pwnedCall, type WatchedPage } from './support/watchedPage';

/**
 * Job names, CSV cells, SVG images and file names carrying HTML and script, in Chromium: job
 * names (written into the journal, as the contract itself refuses them) in the Jobs table and the
 * detail; a job folder, written by a real job, holding a CSV whose cells are payloads, SVGs with
 * <script>, event handlers, foreignObject, javascript: links and external references, and files
 * whose names are markup, traversal look-alikes or hold a newline; each listed, viewed and
 * downloaded. Counted: payloads that ran (window.pwned), CSP violations, elements the payloads
 * would create, requests to a server the SVGs and CSV point at, and downloads landing anywhere but
 * the downloads folder.
 */
let app: AppUnderAttack;
let watched: WatchedPage;
let api: ContractSocket;
let home: string;
let external: Server;
const externalHits: string[] = [];

/** Names a file may have on the cluster (no '/', no NUL); each would run pwned() if treated as markup. */
const hostileFileNames = [
  `<img src=x onerror=${pwnedCall('name-img')}>.txt`,
  `"><svg onload=${pwnedCall('name-svg')}>.csv`,
  `<script>${pwnedCall('name-script')}<script>.svg`,
  `<a href=javascript:${pwnedCall('name-link')}>x<a>.txt`,
  `{{constructor.constructor('${pwnedCall('name-template')}')()}}.txt`,
  `'; ${pwnedCall('name-quote')}; '.txt`,
  `line one\n<img src=x onerror=${pwnedCall('name-newline')}>.txt`,
  'tab\there.txt',
  '..\\..\\outside.txt',
  '..%2f..%2foutside.txt',
  '%2e%2e%2foutside.txt',
  '...',
  '-rf --no-preserve-root.txt',
  '$(touch pwned-by-name).txt',
  'report\u202etxt.exe',
  ' leading and trailing space .txt',
];

function svgFiles(origin: string): Record<string, string> {
  const open = '<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" width="160" height="60"';
  const marker = (name: string) => `<rect id="svg-marker-${name}" width="160" height="60" rx="8" fill="#2a6fcb"/><text x="10" y="35" fill="#fff">${name}</text>`;
  return {
    'script.svg': `${open}>${marker('script')}<script>${pwnedCall('svg-script')}</script><script href="${origin}/svg-script.js"/></svg>`,
    'onload.svg': `${open} onload="${pwnedCall('svg-onload')}">${marker('onload')}<image href="x" onerror="${pwnedCall('svg-onerror')}"/><animate attributeName="x" dur="1s" onbegin="${pwnedCall('svg-animate')}"/><set attributeName="onmouseover" to="${pwnedCall('svg-set')}"/></svg>`,
    'foreign.svg': `${open}>${marker('foreign')}<foreignObject width="160" height="60"><div xmlns="http://www.w3.org/1999/xhtml"><img src="x" onerror="${pwnedCall('svg-foreign-img')}"/><iframe src="javascript:${pwnedCall('svg-foreign-iframe')}"/><script>${pwnedCall('svg-foreign-script')}</script></div></foreignObject></svg>`,
    'xlink.svg': `${open}>${marker('xlink')}<a xlink:href="javascript:${pwnedCall('svg-xlink')}"><rect width="20" height="20"/></a><a href="javascript:${pwnedCall('svg-href')}"><circle r="5"/></a><use xlink:href="data:image/svg+xml;base64,${Buffer.from(`<svg xmlns="http://www.w3.org/2000/svg" id="u" onload="${pwnedCall('svg-use-data')}"/>`).toString('base64')}#u"/></svg>`,
    'external.svg': `${open}><style>@import url("${origin}/svg-import.css"); rect { fill: url("${origin}/svg-fill.svg#g"); }</style>${marker('external')}<image href="${origin}/svg-image.png" width="10" height="10"/><use href="${origin}/svg-use.svg#a"/><filter id="f"><feImage href="${origin}/svg-feimage.png"/></filter><foreignObject width="10" height="10"><iframe xmlns="http://www.w3.org/1999/xhtml" src="${origin}/svg-iframe"/></foreignObject></svg>`,
  };
}

/** A CSV whose header and cells carry the payloads: quoted, with doubled quotes, commas and newlines inside. */
function hostileCsv(origin: string): { text: string; cells: string[] } {
  const quote = (cell: string) => `"${cell.replaceAll('"', '""')}"`;
  const cells = [...htmlPayloads('csv-cell'), `=HYPERLINK("${origin}/csv-formula","open")`, `<img src="${origin}/csv-img">`, `two\nlines <b>bold</b>`, `a,b "c" <i>d</i>`];
  const header = htmlPayloads('csv-header').map(quote).join(',');
  const rows = cells.map((cell, index) => `${index},${quote(cell)},${quote(`<u>${index}</u>`)}`);
  return { text: `${[header, ...rows].join('\n')}\n`, cells };
}

/** The job's script: writes every file from base64, so no name or content passes through a shell. */
function writerScript(files: Record<string, string>): string {
  const encoded = Buffer.from(JSON.stringify(Object.entries(files).map(([name, content]) => [name, Buffer.from(content).toString('base64')]))).toString('base64');
  return [
    "python3 - <<'PYTHON'",
    'import base64, json, os',
    `for name, data in json.loads(base64.b64decode("${encoded}")):`,
    '    open(name, "wb").write(base64.b64decode(data))',
    'os.symlink("/etc/hostname", "link-out.txt")',
    'os.symlink("../../..", "up")',
    'PYTHON',
    'echo files written',
  ].join('\n');
}

/** Journal records whose name, reason and job folder carry the payloads; their folders exist, with one file. */
function seedHostileNames(dataDir: string, jobsRoot: string): JobRecord[] {
  const names = [...htmlPayloads('job-name'), `<b>bold</b>\u202eemankcip`, `${'<img src=x onerror=pwned(1)>'.repeat(40)}`];
  const records = names.map((name, index): JobRecord => {
    const jobDir = join(jobsRoot, `job-${index}-${name.replaceAll('/', '_').slice(0, 120)}`);
    mkdirSync(jobDir, { recursive: true });
    writeFileSync(join(jobDir, `notes-${index}.txt`), `${name}\n`);
    const id = `sd-${(0xaaa0 + index).toString(16).padStart(16, '0')}`;
    const at = new Date(Date.now() - (index + 1) * 60_000).toISOString();
    return {
      id, name, cluster: 'embedded', slurmId: String(900 + index), state: index % 2 === 0 ? 'COMPLETED' : 'FAILED', reason: index % 2 === 0 ? null : htmlPayloads('job-reason')[index % 7]!,
      exit: index % 2 === 0 ? { code: 0, signal: 0 } : { code: 1, signal: 0 }, jobDir, submittedAt: at, startedAt: at, endedAt: at, tasks: null, cancelRequestedAt: null,
      spec: { name: `hostile-${index}`, cluster: 'embedded', task: { kind: 'script', body: `echo ${index}` }, resources: { extra: [] }, dependencies: [], environment: {} },
    };
  });
  mkdirSync(join(dataDir, 'journal'), { recursive: true, mode: 0o700 });
  writeFileSync(join(dataDir, 'journal', 'jobs.jsonl'), records.map((record) => JSON.stringify({ op: 'create', record })).join('\n') + '\n', { mode: 0o600 });
  return records;
}

/** A picture of one part of the page (the app scrolls inside its own panes, so a full-page picture cuts them off). */
async function shoot(locator: Locator, name: string): Promise<void> {
  mkdirSync(artifactsDir, { recursive: true });
  await locator.scrollIntoViewIfNeeded();
  await locator.screenshot({ path: join(artifactsDir, `${name}.png`) });
}

async function waitForEnd(id: string): Promise<string> {
  for (let tries = 0; tries < 240; tries += 1) {
    const state = (await api.call<{ state: string }>('jobs.get', { id })).result?.state ?? '';
    if (['COMPLETED', 'FAILED', 'CANCELLED', 'TIMEOUT', 'LOST'].includes(state)) return state;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  return 'still running';
}

async function openJob(page: Page, id: string): Promise<Locator> {
  await page.getByTestId('nav-jobs').click();
  await page.getByTestId(`job-row-${id}`).click();
  const detail = page.getByTestId('job-detail');
  await detail.waitFor();
  return detail;
}

/** What a file viewer ended up showing: an image, a table, text or an error. */
async function viewerOutcome(page: Page): Promise<string> {
  const viewer = page.getByTestId('file-viewer');
  await viewer.waitFor();
  const shown = viewer.locator('[data-testid="image-viewer"], [data-testid="csv-viewer"], [data-testid="text-viewer"], .form-error').first();
  await shown.waitFor({ timeout: 30_000 });
  const kind = (await shown.getAttribute('data-testid')) ?? 'error';
  if (kind !== 'image-viewer') return kind;
  // An image, never markup: an <img> of a blob: URL, decoded (or refused as a broken image).
  const image = await shown.evaluate(async (element) => {
    const img = element as unknown as { tagName: string; src: string; complete: boolean; naturalWidth: number; decode(): Promise<void> };
    await img.decode().catch(() => undefined);
    return { tag: img.tagName, blob: img.src.startsWith('blob:'), width: img.naturalWidth };
  });
  return image.tag === 'IMG' && image.blob ? `img ${image.width}px` : `not an img: ${JSON.stringify(image)}`;
}

describe.skipIf(!chromiumAvailable())('renderer: names, CSV, SVG and file names never run as script', () => {
  beforeAll(async () => {
    external = createServer((request, response) => {
      externalHits.push(request.url ?? '');
      response.end();
    });
    await new Promise<void>((resolve) => external.listen(0, '127.0.0.1', resolve));
    home = realpathSync(mkdtempSync(join(tmpdir(), 'slurmdesk-proof-files-home-')));
    const dataDir = mkdtempSync(join(tmpdir(), 'slurmdesk-proof-files-data-'));
    seedHostileNames(dataDir, join(home, 'seeded-jobs'));
    app = await startAppUnderAttack({ dataDir, env: { HOME: home } });
    api = await openContractSocket(app);
    watched = await openWatchedPage(app);
  });
  afterAll(async () => {
    await watched?.browser.close();
    api?.close();
    await app?.stop();
    external?.close();
  });

  it('job names, CSV cells, SVG images and file names stay text or images; downloads stay in the downloads folder', async () => {
    const { page, executed, violations } = watched;
    const address = external.address();
    const origin = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
    const figures: Record<string, number | string> = {};
    const problems: string[] = [];

    // 1. Job names (and reasons, folders) in the Jobs table and the detail.
    const seeded = (await api.call<{ jobs: { id: string; name: string; jobDir: string }[] }>('jobs.list', { limit: 100 })).result!.jobs;
    await page.getByTestId('nav-jobs').click();
    await page.getByTestId('jobs-table').waitFor();
    let namesShownAsText = 0;
    for (const job of seeded) {
      const rowText = (await page.getByTestId(`job-row-${job.id}`).textContent()) ?? '';
      const detail = await openJob(page, job.id);
      const title = (await detail.locator('#job-detail-title').textContent()) ?? '';
      await page.getByTestId('tab-files').click();
      await page.getByTestId('job-files').locator('[data-testid="files-table"], .form-error').first().waitFor();
      const folderShown = (await page.getByTestId('job-files').textContent())?.includes(job.jobDir) ?? false;
      if (title === job.name && rowText.includes(job.name.slice(0, 40)) && folderShown) namesShownAsText += 1;
      else problems.push(`job name ${JSON.stringify(job.name).slice(0, 80)}: title ${JSON.stringify(title).slice(0, 80)}, in row ${rowText.includes(job.name.slice(0, 40))}, folder shown ${folderShown}`);
    }
    await page.getByTestId('nav-jobs').click();
    await screenshot(page, 'proof-renderer-job-names');
    await openJob(page, seeded[1]!.id);
    await screenshot(page, 'proof-renderer-job-name-detail');
    figures['hostile job names'] = seeded.length;
    figures['job names shown as the same text (table, detail, folder)'] = namesShownAsText;

    // 2. A real job writes the CSV, the SVGs and the files with hostile names into its folder.
    const csv = hostileCsv(origin);
    const svgs = svgFiles(origin);
    const files: Record<string, string> = { 'cells.csv': csv.text, ...svgs };
    for (const [index, name] of hostileFileNames.entries()) files[name] = name.endsWith('.svg') ? Object.values(svgs)[index % 5]! : name.endsWith('.csv') ? csv.text : `content of file ${index}\n`;
    const submitted = await api.call<{ id: string }>('jobs.submit', { spec: { name: 'hostile-files', cluster: 'embedded', task: { kind: 'script', body: writerScript(files) } } });
    expect(submitted.ok, JSON.stringify(submitted.error)).toBe(true);
    const id = submitted.result!.id;
    expect(await waitForEnd(id)).toBe('COMPLETED');
    const record = (await api.call<{ jobDir: string }>('jobs.get', { id })).result!;
    await openJob(page, id);
    await page.getByTestId('tab-files').click();
    const table = page.getByTestId('files-table');
    await table.locator('tbody tr').first().waitFor();
    const rows = table.locator('tbody tr');
    const listed = await rows.evaluateAll((elements) => elements.map((row) => ({ name: row.getAttribute('data-file') ?? '', text: row.querySelector('td')?.textContent ?? '' })));
    const expectedNames = [...Object.keys(files), 'link-out.txt', 'up'];
    const missingNames = expectedNames.filter((name) => !listed.some((entry) => entry.name === name));
    // Shown as named, with any character that hides itself or disguises the rest (a newline, U+202E) as an escape.
    const garbled = listed.filter((entry) => entry.text !== visibleFileName(entry.name) && entry.text !== `${visibleFileName(entry.name)}/`);
    const hiddenShownRaw = listed.filter((entry) => visibleFileName(entry.text) !== entry.text);
    figures['files listed'] = `${listed.length} (missing ${missingNames.length}, shown otherwise than named ${garbled.length}, hidden characters shown raw ${hiddenShownRaw.length})`;
    figures['names with hidden characters, as shown'] = listed.filter((entry) => entry.text !== entry.name).map((entry) => entry.text).join(' | ');
    for (const name of missingNames) problems.push(`not listed: ${JSON.stringify(name)}`);
    for (const entry of [...garbled, ...hiddenShownRaw]) problems.push(`shown as ${JSON.stringify(entry.text)} for ${JSON.stringify(entry.name)}`);
    // The rows whose names hold a newline or U+202E, as the person sees them.
    await table.locator('tbody tr', { hasText: 'u{202E}' }).scrollIntoViewIfNeeded();
    await page.screenshot({ path: join(artifactsDir, 'proof-renderer-file-names.png') });

    // 3. Each file opened in its viewer; the CSV's cells must read exactly as written.
    const outcomes: Record<string, string> = {};
    for (let index = 0; index < listed.length; index += 1) {
      const { name } = listed[index]!;
      const view = rows.nth(index).locator('button[data-testid^="view-"]');
      if ((await view.count()) === 0) continue; // a folder (or a link to one) has no viewer
      await view.click();
      outcomes[name] = await viewerOutcome(page);
      if (name === 'cells.csv') {
        const viewer = page.getByTestId('csv-viewer');
        const header = await viewer.getByRole('columnheader').allTextContents();
        const shownCells = await viewer.getByRole('row').evaluateAll((elements) => elements.slice(1).map((row) => row.querySelectorAll('[role="cell"]')[1]?.textContent ?? ''));
        const cellsAsWritten = csv.cells.filter((cell) => shownCells.includes(cell)).length;
        figures['CSV cells shown exactly as written'] = `${cellsAsWritten}/${csv.cells.length} (header ${header.join('') === htmlPayloads('csv-header').join('') ? 'exact' : 'differs'})`;
        if (cellsAsWritten !== csv.cells.length) problems.push(`CSV cells shown: ${JSON.stringify(shownCells).slice(0, 300)}`);
        await shoot(page.getByTestId('file-viewer'), 'proof-renderer-csv');
      }
      if (name in svgs) await shoot(page.getByTestId('file-viewer'), `proof-renderer-svg-${name.replace('.svg', '')}`);
      await page.getByTestId('file-viewer').getByRole('button', { name: /^Close/ }).click();
    }
    // Rendered (a width), but as an image: nothing in it runs or loads.
    const asImage = (name: string) => /^img [1-9]\d*px$/.test(outcomes[name] ?? '');
    for (const name of Object.keys(svgs)) if (!asImage(name)) problems.push(`${name} shown as ${outcomes[name]}`);
    figures['SVGs shown as <img> of a blob: URL'] = Object.keys(svgs).filter(asImage).length;
    figures['viewer outcomes'] = JSON.stringify(Object.values(outcomes).reduce<Record<string, number>>((counts, outcome) => ({ ...counts, [outcome.replace(/\d+px/, 'Npx')]: (counts[outcome.replace(/\d+px/, 'Npx')] ?? 0) + 1 }), {}));
    if (outcomes['link-out.txt'] !== 'error') problems.push(`a link out of the job folder was shown: ${outcomes['link-out.txt']}`);

    // 4. Each file downloaded from the Files tab: where does it land, under which name?
    const downloadRoot = join(home, 'Downloads', 'Slurm Desk');
    const landed: { name: string; path: string }[] = [];
    const refusedDownloads: string[] = [];
    for (let index = 0; index < listed.length; index += 1) {
      const { name } = listed[index]!;
      const button = rows.nth(index).locator('button[data-testid^="download-"]');
      if ((await button.count()) === 0) continue;
      const repliesBefore = watched.calls.filter((call) => call.method === 'jobs.download').length;
      await button.click();
      await expect.poll(() => watched.calls.filter((call) => call.method === 'jobs.download').length, { timeout: 30_000 }).toBeGreaterThan(repliesBefore);
      const reply = watched.calls.filter((call) => call.method === 'jobs.download')[repliesBefore]!;
      // The outcome the page shows is the reply, as text (hidden characters escaped): where it was saved, or why not.
      const expected = visibleFileName(reply.ok ? `Saved to ${(reply.result as { localPath: string }).localPath}` : reply.error!.message);
      const outcome = page.getByTestId('transfer-outcome');
      await expect.poll(async () => ((await outcome.count()) > 0 ? await outcome.textContent() : null), { timeout: 10_000 }).toBe(expected);
      if (reply.ok) landed.push({ name, path: (reply.result as { localPath: string }).localPath });
      else refusedDownloads.push(`${JSON.stringify(name)}: ${reply.error!.code}: ${reply.error!.message.slice(0, 160)}`);
      if (name === hostileFileNames[0]) await shoot(page.getByTestId('job-files'), 'proof-renderer-download');
    }
    const outside = landed.filter(({ path }) => !existsSync(path) || !realpathSync(path).startsWith(`${downloadRoot}/hostile-files/`));
    const altered = landed.filter(({ name, path }) => existsSync(path) && readFileSync(path, 'utf8') !== readFileSync(join(record.jobDir, name), 'utf8'));
    const renamed = landed.filter(({ name, path }) => !path.endsWith(`/${name}`));
    figures['downloads landed in the downloads folder'] = `${landed.length - outside.length}/${landed.length}`;
    figures['downloads refused (and why)'] = refusedDownloads.join(' | ') || 'none';
    figures['download names'] = `kept as named: ${landed.length - renamed.length}; e.g. ${JSON.stringify(landed.find(({ name }) => name === hostileFileNames[0])?.path.slice(downloadRoot.length) ?? '')}`;
    for (const entry of [...outside, ...altered]) problems.push(`download of ${JSON.stringify(entry.name)} landed at ${entry.path} (outside or altered)`);

    // 5. Traversal through the contract itself: nothing may land outside the downloads folder.
    const traversals = ['../../x', 'a/../../x', '/etc/passwd', '..', `../${record.jobDir.split('/').at(-1)}/cells.csv`, 'link-out.txt', 'up/etc/hostname', 'up', '..\\..\\x', '~/x', 'C:/x', 'a\n/../x'];
    let traversalLanded = 0;
    for (const path of traversals) {
      const reply = await api.call<{ localPath: string }>('jobs.download', { id, path });
      if (reply.ok && !realpathSync(reply.result!.localPath).startsWith(`${downloadRoot}/`)) traversalLanded += 1;
      if (reply.ok && ['link-out.txt', 'up/etc/hostname'].includes(path)) problems.push(`a link out of the job folder was downloaded: ${path}`);
    }
    const strayed = readdirSync(home).filter((entry) => !['Downloads', 'seeded-jobs', 'slurm_jobs'].includes(entry));
    figures['traversal downloads through the contract'] = `${traversals.length} tried, ${traversalLanded} landed outside`;
    if (strayed.length > 0) problems.push(`unexpected entries in the home folder: ${strayed.join(', ')}`);

    // 6. A hostile-named job's file downloads under its sanitized name, inside the downloads folder.
    const seededDownload = await api.call<{ localPath: string }>('jobs.download', { id: seeded[0]!.id, path: readdirSync(seeded[0]!.jobDir)[0]! });
    const seededLanded = seededDownload.ok && realpathSync(seededDownload.result!.localPath).startsWith(`${downloadRoot}/`);
    figures['hostile job name as download folder'] = seededDownload.ok ? seededDownload.result!.localPath.slice(downloadRoot.length) : JSON.stringify(seededDownload.error);
    if (!seededLanded) problems.push(`download of a hostile-named job's file: ${JSON.stringify(seededDownload)}`);

    const planted = await watched.planted();
    const svgContentInPage = await page.evaluate<number>(`document.querySelectorAll('[id^="svg-marker"]').length`);
    const attempts = seeded.length + csv.cells.length + htmlPayloads('x').length + Object.keys(svgs).length + hostileFileNames.length * 3 + traversals.length;
    recordCheck({
      id: 'renderer-names-files',
      area: 'attack',
      check: 'Renderer content (Chromium): job names, CSV cells, SVG images and file names',
      tried:
        `${seeded.length} job names (with reasons and folders) carrying HTML/script in the Jobs table and detail; a job folder with a CSV of ${csv.cells.length} hostile cells and a hostile header, ` +
        `${Object.keys(svgs).length} SVGs (script, onload/onerror/onbegin, foreignObject, javascript: links, external references) and ${hostileFileNames.length} files with hostile names, each listed, viewed and downloaded; ` +
        `${traversals.length} traversal paths sent to jobs.download directly`,
      attempts,
      lost: 0,
      breached: executed.length + violations.length + planted + svgContentInPage + externalHits.length + outside.length + traversalLanded + problems.length,
      figures: {
        ...figures,
        'payloads executed': executed.length,
        'CSP violations': violations.length,
        'elements created from payloads': planted,
        'SVG content put into the page': svgContentInPage,
        'requests to the external server': externalHits.length,
        problems: problems.length,
      },
    });
    expect(executed).toEqual([]);
    expect(violations).toEqual([]);
    expect(planted).toBe(0);
    expect(svgContentInPage).toBe(0);
    expect(externalHits).toEqual([]);
    expect(problems).toEqual([]);
    expect(traversalLanded).toBe(0);
    expect(landed.length).toBeGreaterThan(0);

    // Controls: the detectors see a call from the page and a CSP violation.
    expect(await proveDetectors(watched)).toEqual({ callSeen: true, violationSeen: true });
  });
});
