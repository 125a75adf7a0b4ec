import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromiumAvailable, screenshot } from '../e2e/support/browserMode';
import { connected, openSocket } from '../support/browserHostClient';
import { startAppUnderAttack, type AppUnderAttack } from './support/appProcess';
import { recordCheck } from './support/proofRecorder';
import { htmlPayloads, openWatchedPage, proveDetectors, type WatchedPage } from './support/watchedPage';

/**
 * Cluster-controlled text rendered in Chromium: log lines, result JSON (keys and values), the repr
 * of a non-JSON result, an error's message and traceback, the script and the arguments shown in
 * the job's summary. Every payload calls window.pwned() if it ever runs; CSP violations are
 * counted too (escaped text never causes one), and the DOM is searched for elements the payloads
 * would create.
 */
let app: AppUnderAttack;
let watched: WatchedPage;
const payloads = htmlPayloads;

describe.skipIf(!chromiumAvailable())('renderer: cluster content never runs as script', () => {
  beforeAll(async () => {
    app = await startAppUnderAttack({ env: { HOME: mkdtempSync(join(tmpdir(), 'slurmdesk-proof-render-home-')) } });
    watched = await openWatchedPage(app);
  });
  afterAll(async () => {
    await watched?.browser.close();
    await app?.stop();
  });

  it('log lines, results, errors, scripts and arguments with HTML and script stay text', async () => {
    const socket = await connected(openSocket(app.port, { token: app.token, origin: app.origin }));
    let nextId = 0;
    const submit = async (spec: unknown) => {
      const id = `s${(nextId += 1)}`;
      const before = socket.received.length;
      socket.send({ kind: 'request', id, method: 'jobs.submit', params: { spec } });
      const deadline = Date.now() + 30_000;
      while (Date.now() < deadline) {
        const reply = socket.received.slice(before).find((frame) => frame.id === id) as { ok: boolean; result?: { id: string }; error?: unknown } | undefined;
        if (reply) {
          if (!reply.ok) throw new Error(`submit refused: ${JSON.stringify(reply.error)}`);
          return reply.result!.id;
        }
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
      throw new Error('no reply to jobs.submit');
    };
    const lines = payloads('log');
    const quotedLines = lines.map((line) => `'${line.replaceAll("'", "'\\''")}'`).join(' ');
    const jobs = [
      { name: 'html-log', spec: { name: 'html-log', cluster: 'embedded', task: { kind: 'script', body: `printf '%s\\n' ${quotedLines}\nprintf '%s\\n' ${quotedLines} >&2\n# ${payloads('script').join(' ')}` } } },
      { name: 'html-result', spec: { name: 'html-result', cluster: 'embedded', task: { kind: 'python', target: 'json:loads', args: [JSON.stringify(Object.fromEntries(payloads('result').map((payload, index) => [payload, [payload, index]])))] } } },
      { name: 'html-repr', spec: { name: 'html-repr', cluster: 'embedded', task: { kind: 'python', target: 'builtins:set', args: [payloads('repr')] } } },
      { name: 'html-error', spec: { name: 'html-error', cluster: 'embedded', task: { kind: 'python', target: 'builtins:int', args: [payloads('error').join('')] } } },
    ];
    for (const job of jobs) await submit(job.spec);

    const { page, executed, violations } = watched;
    let shown = 0;
    for (const job of jobs) {
      await page.getByTestId('nav-jobs').click();
      await page.getByTestId('jobs-table').locator('[role="row"]', { hasText: job.name }).first().click();
      const detail = page.getByTestId('job-detail');
      await detail.waitFor();
      await expect.poll(() => detail.getByTestId('job-state').textContent(), { timeout: 60_000 }).toMatch(/completed|failed/);
      // Give the log tail and the result a moment to arrive and render.
      await expect.poll(async () => (await detail.textContent()) ?? '', { timeout: 30_000 }).toMatch(/<script>|<img|&lt;/);
      shown += 1;
      await screenshot(page, `proof-renderer-${job.name}`);
    }
    const planted = await watched.planted();
    const text = (await page.getByTestId('job-detail').textContent()) ?? '';
    recordCheck({
      id: 'renderer-content',
      area: 'attack',
      check: 'Renderer content (Chromium): HTML and script from the cluster',
      tried: `${jobs.length} jobs whose log lines (stdout and stderr), result JSON keys and values, result repr, error message, script and arguments each carry ${payloads('x').length} HTML/script payloads; each detail view opened in Chromium`,
      attempts: jobs.length * payloads('x').length,
      lost: 0,
      breached: executed.length + planted + violations.length,
      figures: { 'detail views shown': shown, 'payloads executed': executed.length, 'CSP violations': violations.length, 'elements created from payloads': planted },
    });
    expect(executed).toEqual([]);
    expect(violations).toEqual([]);
    expect(planted).toBe(0);
    expect(text.length).toBeGreaterThan(0);

    // Controls: the detectors work. A call from the page is seen; markup planted past React's
    // escaping is still stopped by the CSP, and the violation is seen.
    expect(await proveDetectors(watched)).toEqual({ callSeen: true, violationSeen: true });
  });
});
