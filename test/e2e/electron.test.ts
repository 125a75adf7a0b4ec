import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { _electron, type ElectronApplication, type Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { installedElectronBinary } from '../../build/scripts/electronBinary.mjs';
import { methodNames } from '../../shared/contract';
import { appLogPath } from '../../electron/services/app/appLogFile';
import { describeWhenAvailable } from '../integration/support/describeWhenAvailable';
import { repoRoot, screenshot } from './support/browserMode';

// The desktop shell end to end, through the real preload and main. Electron's binary cannot be
// downloaded on every machine (not on ours): there this suite is skipped with the reason; where
// it must run (the desktop CI jobs set SLURMDESK_REQUIRE_ELECTRON=1) a missing binary fails.
const electronBinary = installedElectronBinary(repoRoot);
const missing = electronBinary
  ? null
  : "Electron's binary is not installed (node_modules/electron/dist); where it can be downloaded, `node node_modules/electron/install.js` installs it";

describeWhenAvailable(
  'the desktop app in Electron',
  missing,
  () => {
    let app: ElectronApplication;
    let page: Page;
    const dataDir = mkdtempSync(join(tmpdir(), 'slurmdesk-electron-home-'));

    /** One contract call through the preload's bridge, as the renderer makes it. */
    const call = (method: string, params: unknown) =>
      page.evaluate(`window.slurmdesk.methods[${JSON.stringify(method)}](crypto.randomUUID(), ${JSON.stringify(params)})`) as Promise<{
        ok: boolean;
        result?: unknown;
        error?: { name: string; code: string; message: string };
      }>;

    beforeAll(async () => {
      app = await _electron.launch({ executablePath: electronBinary!, args: [repoRoot], env: { ...process.env, SLURMDESK_HOME: dataDir } });
      page = await app.firstWindow();
      await page.getByTestId('open-about').waitFor();
    });
    afterAll(async () => app?.close());

    it('shows app.info from main over IPC in the About panel, with Reveal log', async () => {
      await page.getByTestId('open-about').click();
      await expect.poll(() => page.getByTestId('about-transport').textContent()).toMatch(/desktop/i);
      expect(await page.getByTestId('about-electron').textContent()).toMatch(/^\d+\.\d+/);
      expect(await page.getByTestId('reveal-log').isVisible()).toBe(true);
      await screenshot(page, 'electron-about');
      await page.keyboard.press('Escape');
    });

    it('gives the page no Node and no raw IPC: one function per contract method, nothing else', async () => {
      const exposed = await page.evaluate(`({
        require: typeof require,
        process: typeof process,
        bridgeKeys: Object.keys(window.slurmdesk).sort(),
        methods: Object.keys(window.slurmdesk.methods).sort(),
      })`);
      expect(exposed).toEqual({ require: 'undefined', process: 'undefined', bridgeKeys: ['cancel', 'methods', 'onEvent'], methods: [...methodNames].sort() });
    });

    it('carries every contract method to main, which refuses a payload its schema does not allow', async () => {
      const refused: string[] = [];
      for (const method of methodNames) {
        const reply = await call(method, { notAField: 'x'.repeat(10) });
        if (!reply.ok && reply.error?.code) refused.push(method);
      }
      expect(refused).toEqual([...methodNames]);
      const info = await call('app.info', {});
      expect(info).toMatchObject({ ok: true, result: { transport: 'electron', dataDir } });
    });

    it('runs the window with the hardened settings, whatever the app passed', async () => {
      const preferences = await app.evaluate(({ BrowserWindow }) => {
        // Not in Electron's typings, but present at run time: the preferences the renderer really got.
        const contents = BrowserWindow.getAllWindows()[0]!.webContents as unknown as { getLastWebPreferences(): Record<string, unknown> | null };
        const prefs = contents.getLastWebPreferences();
        return prefs && { contextIsolation: prefs.contextIsolation, sandbox: prefs.sandbox, nodeIntegration: prefs.nodeIntegration, webSecurity: prefs.webSecurity, webviewTag: prefs.webviewTag };
      });
      expect(preferences).toEqual({ contextIsolation: true, sandbox: true, nodeIntegration: false, webSecurity: true, webviewTag: false });
    });

    it('stays on the app when the page tries to navigate away or open a window', async () => {
      await page.evaluate("window.location.href = 'https://example.org/'");
      const opened = await page.evaluate("window.open('https://example.org/') === null");
      await new Promise((resolve) => setTimeout(resolve, 500));
      expect(page.url()).toMatch(/^app:\/\/slurmdesk\//);
      expect(opened).toBe(true);
      expect(app.windows()).toHaveLength(1);
    });

    it('refuses camera, microphone and geolocation to the page', async () => {
      const outcome = await page.evaluate(`Promise.all([
        navigator.mediaDevices.getUserMedia({ video: true }).then(() => 'granted', (error) => error.name),
        new Promise((resolve) => navigator.geolocation.getCurrentPosition(() => resolve('granted'), (error) => resolve(error.code === 1 ? 'denied' : String(error.code)))),
      ])`);
      expect(outcome).toEqual([expect.stringMatching(/NotAllowedError|NotFoundError/), 'denied']);
    });

    it('switches views from the View menu, and follows the appearance chosen in Settings', async () => {
      await app.evaluate(({ Menu }) => {
        const view = Menu.getApplicationMenu()!.items.find((item) => item.label === '&View' || item.label === 'View')!;
        view.submenu!.items.find((item) => item.label === 'Jobs')!.click();
      });
      await expect.poll(() => page.getByRole('tab', { name: /Jobs/ }).getAttribute('aria-selected')).toBe('true');
      expect(await call('settings.set', { appearance: 'dark' })).toMatchObject({ ok: true });
      await expect.poll(() => app.evaluate(({ nativeTheme }) => nativeTheme.themeSource)).toBe('dark');
      expect(await page.evaluate("matchMedia('(prefers-color-scheme: dark)').matches")).toBe(true);
    });

    it('writes its log file in the data folder', async () => {
      await expect.poll(() => existsSync(appLogPath(dataDir))).toBe(true);
    });
  },
  process.env.SLURMDESK_REQUIRE_ELECTRON === '1',
);
