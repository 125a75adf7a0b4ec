import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BrowserContext } from 'playwright-core';
import {
  chromiumAvailable,
  chromiumPath,
  gotoApp,
  openBrowser,
  repoRoot,
  screenshot,
  startBrowserMode,
  watchForPageErrors,
  type RunningApp,
} from './support/browserMode';

const version = JSON.parse(readFileSync(join(repoRoot, 'package.json'), 'utf8')).version as string;

if (!chromiumAvailable()) {
  const why = `Chromium is not installed at ${chromiumPath}: install it with 'apt-get install -y chromium'.`;
  if (process.env.CI === 'true') throw new Error(why);
  console.warn(`skipping the browser-mode e2e suite: ${why}`);
}

describe.skipIf(!chromiumAvailable())('browser mode, started with npm start, in Chromium', () => {
  let app: RunningApp;
  let browser: BrowserContext;

  beforeAll(async () => {
    app = await startBrowserMode();
  });
  afterAll(async () => {
    await browser?.close();
    await app?.stop();
  });

  for (const scheme of ['light', 'dark'] as const) {
    it(`shows app.info in the About panel, obtained through the contract (${scheme} theme)`, async () => {
      browser = await openBrowser(scheme);
      const page = browser.pages()[0] ?? (await browser.newPage());
      const problems = watchForPageErrors(page);
      await gotoApp(page, app);

      // The token leaves the address bar as soon as the page has it.
      await page.waitForFunction('!window.location.hash.includes("token")');
      await page.getByTestId('open-about').click();
      const dialog = page.getByTestId('about-dialog');
      await dialog.waitFor();
      await expect.poll(() => page.getByTestId('about-version').textContent()).toContain(version);
      expect(await page.getByTestId('about-name').textContent()).toContain('Slurm Desk');
      expect(await page.getByTestId('about-transport').textContent()).toMatch(/browser mode/i);
      expect(await page.getByTestId('about-data-dir').textContent()).toContain(app.dataDir);
      expect(await page.getByTestId('about-platform').textContent()).toContain(process.platform);
      expect(await page.getByTestId('about-node').textContent()).toContain(process.versions.node);
      expect(await page.getByTestId('about-electron').textContent()).toMatch(/not running in electron/i);
      // Browser mode has no file manager to show it in: the panel says where the log is instead.
      await page.getByTestId('reveal-log').click();
      expect(await page.getByTestId('reveal-log-note').textContent()).toBe(`The log is at ${join(app.dataDir, 'logs', 'slurmdesk.log')}`);

      const shot = await screenshot(page, `about-${scheme}`);
      expect(existsSync(shot)).toBe(true);
      await page.keyboard.press('Escape');
      await dialog.waitFor({ state: 'detached' });
      await screenshot(page, `frame-${scheme}`);

      expect(problems).toEqual([]);
      await browser.close();
    });
  }

  it('refuses a page opened without the token and says what to do', async () => {
    browser = await openBrowser();
    const page = browser.pages()[0] ?? (await browser.newPage());
    await page.goto(`${app.origin}/`);
    const error = page.getByTestId('connection-error');
    await error.waitFor();
    expect(await error.textContent()).toMatch(/address/i);
    await screenshot(page, 'no-token');
    await browser.close();
  });

  it('opens from a one-time address once, takes the code out of the address bar, and refuses it a second time', async () => {
    // The code of the launch page, as a person would paste it into another browser's address bar.
    const code = /name="code" value="([0-9a-f]{64})"/.exec(readFileSync(fileURLToPath(app.launchPageUrl), 'utf8'))![1]!;
    const address = `${app.origin}/#code=${code}`;
    browser = await openBrowser();
    const page = browser.pages()[0] ?? (await browser.newPage());
    const problems = watchForPageErrors(page);
    await page.goto(address);
    await page.getByTestId('open-about').waitFor();
    expect(page.url()).toBe(`${app.origin}/`);
    expect(problems).toEqual([]);
    await browser.close();

    browser = await openBrowser();
    const again = browser.pages()[0] ?? (await browser.newPage());
    await again.goto(address);
    await again.getByTestId('connection-error').waitFor();
    expect(await again.getByTestId('connection-error').textContent()).toMatch(/already used or has expired/);
    await browser.close();
  });

  // Last, since it stops the app: the page must say the link is gone rather than fail silently.
  it('tells the person when the app shuts down and the link is lost', async () => {
    browser = await openBrowser();
    const page = browser.pages()[0] ?? (await browser.newPage());
    await gotoApp(page, app);
    await page.getByTestId('open-about').waitFor();
    await app.stop();
    await page.getByTestId('connection-lost').waitFor();
    expect(await page.getByTestId('connection-lost').textContent()).toMatch(/shutting down/i);
    await screenshot(page, 'connection-lost');
    await browser.close();
  });
});
