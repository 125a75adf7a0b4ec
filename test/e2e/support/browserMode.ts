import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { launchWithCode } from '../../support/browserHostClient';

export const repoRoot = join(import.meta.dirname, '..', '..', '..');
export const artifactsDir = join(repoRoot, 'reports', 'e2e');
export const chromiumPath = process.env.SLURMDESK_CHROMIUM ?? '/usr/bin/chromium';

export type RunningApp = {
  /** The launch page (a file URL, no secret in it) a person's browser is opened on; fresh after each use. */
  launchPageUrl: string;
  /** `http://127.0.0.1:PORT` */
  origin: string;
  port: number;
  /** The session secret, taken the way a browser gets it: a one-time code traded for the cookie. */
  token: string;
  /** The one-time address npm start printed (already used to get `token`). */
  printedOneTimeAddress: string;
  dataDir: string;
  process: ChildProcess;
  stop(): Promise<void>;
};

/**
 * Starts the app exactly as a person would on a machine without Electron: `npm start`. The data
 * folder is a fresh temporary one unless the test prepared one (a journal seeded with jobs).
 */
export async function startBrowserMode(options: { env?: NodeJS.ProcessEnv; dataDir?: string; openBrowser?: boolean } = {}): Promise<RunningApp> {
  const dataDir = options.dataDir ?? mkdtempSync(join(tmpdir(), 'slurmdesk-e2e-home-'));
  const flags = options.openBrowser ? ['--browser', '--no-build'] : ['--browser', '--no-build', '--no-open'];
  const child = spawn('npm', ['start', '--silent', '--', ...flags], {
    cwd: repoRoot,
    env: { ...process.env, ...options.env, SLURMDESK_HOME: dataDir },
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  });
  let output = '';
  const printed = await new Promise<{ launchPageUrl: string; oneTimeAddress: string }>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`npm start printed no launch page in 60 s:\n${output}`)), 60_000);
    const read = (chunk: Buffer) => {
      output += chunk.toString();
      const page = /^\s+(file:\/\/\S+\.html)$/m.exec(output);
      const address = /^\s+(http:\/\/127\.0\.0\.1:\d+\/#code=[0-9a-f]{64})$/m.exec(output);
      if (page && address) {
        clearTimeout(timer);
        resolve({ launchPageUrl: page[1]!, oneTimeAddress: address[1]! });
      }
    };
    child.stdout!.on('data', read);
    child.stderr!.on('data', read);
    child.once('exit', (code) => reject(new Error(`npm start exited with ${code}:\n${output}`)));
  });
  const address = new URL(printed.oneTimeAddress);
  const port = Number(address.port);
  const launched = await launchWithCode(port, new URLSearchParams(address.hash.slice(1)).get('code')!, { origin: address.origin });
  if (launched.sessionSecret === null) throw new Error(`the printed one-time address did not launch the app (HTTP ${launched.status})`);
  return {
    launchPageUrl: printed.launchPageUrl,
    origin: address.origin,
    port,
    token: launched.sessionSecret,
    printedOneTimeAddress: printed.oneTimeAddress,
    dataDir,
    process: child,
    stop: async () => {
      if (child.exitCode !== null || child.signalCode !== null) return;
      const exited = new Promise((resolve) => child.once('exit', resolve));
      process.kill(-child.pid!, 'SIGTERM');
      await exited;
    },
  };
}

export function chromiumAvailable(): boolean {
  return existsSync(chromiumPath);
}

/** Debian's Chromium with a fresh profile, headless, no background traffic. */
export async function openBrowser(colorScheme: 'light' | 'dark' = 'light'): Promise<BrowserContext> {
  const profile = mkdtempSync(join(tmpdir(), 'slurmdesk-chromium-'));
  return chromium.launchPersistentContext(profile, {
    executablePath: chromiumPath,
    headless: true,
    colorScheme,
    viewport: { width: 1280, height: 800 },
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--no-first-run',
      '--disable-sync',
    ],
  });
}

/** Collects console errors and CSP violations so a test can assert there were none. */
export function watchForPageErrors(page: Page): string[] {
  const problems: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error') problems.push(`console: ${message.text()}`);
  });
  page.on('pageerror', (error) => problems.push(`page: ${error.message}`));
  return problems;
}

export async function screenshot(page: Page, name: string): Promise<string> {
  mkdirSync(artifactsDir, { recursive: true });
  const path = join(artifactsDir, `${name}.png`);
  await page.screenshot({ path, fullPage: true });
  return path;
}

export type OpenedApp = { browser: BrowserContext; page: Page; problems: string[] };

/**
 * A fresh Chromium on the app, opened the way a person's browser is: on the launch page, whose
 * form trades its one-time code for the session cookie and lands on the app. Watches for console
 * errors and CSP violations.
 */
export async function openAppPage(app: RunningApp, colorScheme: 'light' | 'dark' = 'light'): Promise<OpenedApp> {
  const browser = await openBrowser(colorScheme);
  const page = browser.pages()[0] ?? (await browser.newPage());
  const problems = watchForPageErrors(page);
  await gotoApp(page, app);
  return { browser, page, problems };
}

/** Opens the launch page in `page` and waits until the app's own page has loaded. */
export async function gotoApp(page: Page, app: RunningApp): Promise<void> {
  await page.goto(app.launchPageUrl);
  await page.waitForURL((url) => url.origin === app.origin, { waitUntil: 'load' });
}
