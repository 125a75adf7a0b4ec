import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { _electron, type ElectronApplication, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { installedElectronBinary } from '../../build/scripts/electronBinary.mjs';
import { repoRoot, screenshot } from './support/browserMode';

// The desktop shell end to end. Electron's binary cannot be downloaded on every machine (not on
// ours): where it is absent this suite says so and is skipped; wherever it exists, it runs.
const electronBinary = installedElectronBinary(repoRoot);
if (!electronBinary) {
  console.warn(
    "skipping the Electron e2e suite: Electron's binary is not installed (node_modules/electron/dist). " +
      'Where it can be downloaded, `node node_modules/electron/install.js` installs it.',
  );
}

describe.skipIf(!electronBinary)('the desktop app in Electron', () => {
  let app: ElectronApplication;
  let page: Page;

  beforeAll(async () => {
    app = await _electron.launch({
      executablePath: electronBinary!,
      args: [repoRoot],
      env: { ...process.env, SLURMDESK_HOME: mkdtempSync(join(tmpdir(), 'slurmdesk-electron-home-')) },
    });
    page = await app.firstWindow();
  });
  afterAll(async () => app?.close());

  it('shows app.info from main over IPC in the About panel', async () => {
    await page.getByTestId('open-about').click();
    await expect.poll(() => page.getByTestId('about-transport').textContent()).toMatch(/desktop/i);
    expect(await page.getByTestId('about-electron').textContent()).toMatch(/^\d+\.\d+/);
    await screenshot(page, 'electron-about');
  });

  it('gives the page no Node, no raw IPC and no generic invoke', async () => {
    const exposed = await page.evaluate(`({
      require: typeof require,
      process: typeof process,
      bridgeKeys: Object.keys(window.slurmdesk).sort(),
      methods: Object.keys(window.slurmdesk.methods).sort(),
    })`);
    expect(exposed).toEqual({
      require: 'undefined',
      process: 'undefined',
      bridgeKeys: ['cancel', 'methods', 'onEvent'],
      methods: ['app.info', 'app.openExternal'],
    });
  });

  it('stays on the app when the page tries to navigate away', async () => {
    await page.evaluate("window.location.href = 'https://example.org/'");
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(page.url()).toMatch(/^app:\/\/slurmdesk\//);
  });
});
