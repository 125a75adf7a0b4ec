import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { seriousAccessibilityViolations } from './support/accessibility';
import { callApp } from './support/appContract';
import { gotoApp, chromiumAvailable, openBrowser, screenshot, startBrowserMode, watchForPageErrors, type RunningApp } from './support/browserMode';

/**
 * Every main view, as a person first sees it with a little in it, in both themes: a screenshot
 * for people to look at, and axe-core's WCAG A/AA rules with no serious or critical finding.
 */
const views = ['clusters', 'submit', 'jobs', 'settings'] as const;
const schemes = ['light', 'dark'] as const;

let app: RunningApp;

/** A temp HOME with one known host, so the host-key manager has something to list. */
function tempHome(): string {
  const home = mkdtempSync(join(tmpdir(), 'slurmdesk-e2e-views-home-'));
  mkdirSync(join(home, '.ssh'), { mode: 0o700 });
  writeFileSync(
    join(home, '.ssh', 'known_hosts'),
    '[login.hpc.example.org]:2222 ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIOMqqnkVzrm0SdG6UOoqKLsabgH5C9okWi0dh2l9GKJl\n',
    { mode: 0o600 },
  );
  return home;
}

async function waitForFinished(id: string): Promise<void> {
  const deadline = Date.now() + 60_000;
  for (;;) {
    const { state } = await callApp(app, 'jobs.get', { id });
    if (state === 'COMPLETED') return;
    if (Date.now() > deadline) throw new Error(`the seeded job is still ${state}`);
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
}

async function showView(page: Page, view: (typeof views)[number]): Promise<void> {
  await page.getByTestId(`nav-${view}`).click();
  await page.locator('.app-view[data-focus-visible], .app-view:not([inert])').first().waitFor();
  // Let the view's first contract calls land before judging it.
  await page.waitForLoadState('networkidle');
  await page.waitForTimeout(300);
}

describe.skipIf(!chromiumAvailable())('every main view: screenshots and accessibility', () => {
  beforeAll(async () => {
    app = await startBrowserMode({ env: { HOME: tempHome() } });
    await callApp(app, 'clusters.save', { profile: { name: 'hpc', host: 'login.hpc.example.org', port: 2222, user: 'alice' } });
    const job = await callApp(app, 'jobs.submit', {
      spec: { name: 'word-count', cluster: 'embedded', task: { kind: 'python', target: 'json:loads', args: ['{"words": 1234, "files": ["a.txt", "b.txt"]}'] } },
    });
    await waitForFinished(job.id);
  }, 120_000);
  afterAll(async () => {
    await app?.stop();
  });

  for (const scheme of schemes) {
    it(`${scheme} theme: each view is screenshotted and has no serious accessibility violation`, async () => {
      const browser = await openBrowser(scheme);
      try {
        const page = browser.pages()[0] ?? (await browser.newPage());
        const problems = watchForPageErrors(page);
        await gotoApp(page, app);
        await page.waitForFunction('!window.location.hash.includes("token")');
        // The check can fail: a planted unlabeled button is reported as serious or critical.
        await page.evaluate(`document.body.insertAdjacentHTML('beforeend', '<button id="planted-violation"></button>')`);
        expect((await seriousAccessibilityViolations(page)).map((violation) => violation.id)).toContain('button-name');
        await page.evaluate(`document.getElementById('planted-violation').remove()`);
        const findings: Record<string, unknown[]> = {};
        for (const view of views) {
          await showView(page, view);
          if (view === 'jobs') {
            await page.getByText('word-count').first().click();
            await page.getByTestId('job-detail').waitFor();
          }
          await screenshot(page, `view-${view}-${scheme}`);
          const violations = await seriousAccessibilityViolations(page);
          if (violations.length > 0) findings[view] = violations;
        }
        expect(findings).toEqual({});
        expect(problems).toEqual([]);
      } finally {
        await browser.close();
      }
    });
  }
});
