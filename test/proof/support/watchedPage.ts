import type { BrowserContext, Page } from 'playwright-core';
import { gotoApp, openBrowser } from '../../e2e/support/browserMode';
import type { AppUnderAttack } from './appProcess';

/** The call every payload makes if it ever runs as script: window.pwned('marker'). */
export const pwnedCall = (marker: string) => `pwned('${marker}')`;

/** HTML and script as a cluster (or a job's files) could deliver it; each calls pwned(marker) if it runs. */
export const htmlPayloads = (marker: string) => [
  `<script>${pwnedCall(marker)}</script>`,
  `<img src=x onerror="${pwnedCall(marker)}">`,
  `<svg onload="${pwnedCall(marker)}"><circle r=1 /></svg>`,
  `"><iframe srcdoc="<script>parent.${pwnedCall(marker)}</script>">`,
  `<a href="javascript:${pwnedCall(marker)}">link</a>`,
  `<style>@import url(//evil.example/x.css)</style>`,
  `{{constructor.constructor('${pwnedCall(marker)}')()}}`,
];

/** Elements the payloads would create if any reached the DOM as markup. */
export const plantedSelector = 'img[src="x"], svg[onload], iframe, a[href^="javascript"], body script:not([src]), [onerror], [onload], foreignObject';

/** One contract call the page made, with the reply it got. */
export type PageCall = { method: string; ok: boolean; result?: unknown; error?: { code: string; message: string } };

export type WatchedPage = { browser: BrowserContext; page: Page; executed: string[]; violations: string[]; calls: PageCall[]; planted(): Promise<number> };

/**
 * Chromium on the app, counting every payload that runs (window.pwned) and every CSP violation
 * (escaped text never causes one), from before the app's own script loads.
 */
export async function openWatchedPage(app: AppUnderAttack): Promise<WatchedPage> {
  const browser = await openBrowser('light');
  const page = browser.pages()[0] ?? (await browser.newPage());
  const executed: string[] = [];
  const violations: string[] = [];
  await page.exposeBinding('pwned', (_source, marker: string) => executed.push(String(marker)));
  await page.exposeBinding('reportViolation', (_source, text: string) => violations.push(String(text)));
  await page.addInitScript({
    content: "document.addEventListener('securitypolicyviolation', (event) => window.reportViolation(event.violatedDirective + ' ' + event.blockedURI));",
  });
  // The page's contract traffic, read from the socket's frames (the page itself is not touched).
  const calls: PageCall[] = [];
  page.on('websocket', (socket) => {
    const methods = new Map<string, string>();
    socket.on('framesent', ({ payload }) => {
      const frame = parseFrame(payload);
      if (frame?.kind === 'request') methods.set(String(frame.id), String(frame.method));
    });
    socket.on('framereceived', ({ payload }) => {
      const frame = parseFrame(payload);
      const method = frame?.kind === 'response' ? methods.get(String(frame.id)) : undefined;
      if (method) calls.push({ method, ok: frame!.ok === true, result: frame!.result, error: frame!.error as PageCall['error'] });
    });
  });
  await gotoApp(page, app);
  return { browser, page, executed, violations, calls, planted: () => page.evaluate<number>(`document.querySelectorAll(${JSON.stringify(plantedSelector)}).length`) };
}

/**
 * The detectors work: a call from the page is seen, and markup planted past React's escaping is
 * stopped by the CSP and the violation seen. Leaves one 'control' in `executed`.
 */
export async function proveDetectors(watched: WatchedPage): Promise<{ callSeen: boolean; violationSeen: boolean }> {
  const violationsBefore = watched.violations.length;
  const executedBefore = watched.executed.length;
  await watched.page.evaluate(`window.pwned('control')`);
  await watched.page.evaluate(`document.body.insertAdjacentHTML('beforeend', '<img src="data:," onerror="pwned(\\'inline\\')">')`);
  for (let waited = 0; waited < 100 && watched.violations.length === violationsBefore; waited += 1) await new Promise((resolve) => setTimeout(resolve, 50));
  return {
    callSeen: watched.executed.length === executedBefore + 1 && watched.executed.at(-1) === 'control',
    violationSeen: watched.violations.length > violationsBefore,
  };
}

function parseFrame(payload: string | Buffer): Record<string, unknown> | null {
  try {
    return JSON.parse(payload.toString()) as Record<string, unknown>;
  } catch {
    return null;
  }
}
