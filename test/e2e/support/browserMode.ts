import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';

export const repoRoot = join(import.meta.dirname, '..', '..', '..');
export const artifactsDir = join(repoRoot, 'reports', 'e2e');
export const chromiumPath = process.env.SLURMDESK_CHROMIUM ?? '/usr/bin/chromium';

export type RunningApp = { url: string; dataDir: string; process: ChildProcess; stop(): Promise<void> };

/**
 * Starts the app exactly as a person would on a machine without Electron: `npm start`. The data
 * folder is a fresh temporary one unless the test prepared one (a journal seeded with jobs).
 */
export async function startBrowserMode(options: { env?: NodeJS.ProcessEnv; dataDir?: string } = {}): Promise<RunningApp> {
  const dataDir = options.dataDir ?? mkdtempSync(join(tmpdir(), 'slurmdesk-e2e-home-'));
  const child = spawn('npm', ['start', '--silent', '--', '--browser', '--no-build', '--no-open'], {
    cwd: repoRoot,
    env: { ...process.env, ...options.env, SLURMDESK_HOME: dataDir },
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  });
  let output = '';
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`npm start printed no address in 60 s:\n${output}`)), 60_000);
    const read = (chunk: Buffer) => {
      output += chunk.toString();
      const match = /(http:\/\/127\.0\.0\.1:\d+\/#token=[0-9a-f]{64})/.exec(output);
      if (match) {
        clearTimeout(timer);
        resolve(match[1]!);
      }
    };
    child.stdout!.on('data', read);
    child.stderr!.on('data', read);
    child.once('exit', (code) => reject(new Error(`npm start exited with ${code}:\n${output}`)));
  });
  return {
    url,
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
 * A fresh Chromium on the app's address, once the page has taken the token out of the address
 * bar (the sign that it connected), watching for console errors and CSP violations.
 */
export async function openAppPage(app: RunningApp, colorScheme: 'light' | 'dark' = 'light'): Promise<OpenedApp> {
  const browser = await openBrowser(colorScheme);
  const page = browser.pages()[0] ?? (await browser.newPage());
  const problems = watchForPageErrors(page);
  await page.goto(app.url);
  await page.waitForFunction('!window.location.hash.includes("token")');
  return { browser, page, problems };
}
