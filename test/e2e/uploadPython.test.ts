import { chownSync, mkdirSync, mkdtempSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BrowserContext, Page } from 'playwright-core';
import { artifactsDir, chromiumAvailable, openAppPage, screenshot, startBrowserMode, type RunningApp } from './support/browserMode';
import { callContract } from './support/contractCall';

async function fill(page: Page, testId: string, value: string): Promise<void> {
  await page.getByTestId(testId).locator('input, textarea').first().fill(value);
}

async function inputValue(page: Page, testId: string): Promise<string> {
  return page.getByTestId(testId).locator('input').first().inputValue();
}

/**
 * A Python function in a file on this computer, run without a Slurmfile: the form picks the file
 * (main lists and checks it), works out the target from the root, and the job ships it. Before,
 * the only way was a Slurmfile: the form's error asked for an `upload.root` it had no field for.
 */
describe.skipIf(!chromiumAvailable())('shipping a local Python file from the Submit form (browser mode, Chromium)', () => {
  let app: RunningApp;
  let browser: BrowserContext;
  let page: Page;
  const home = mkdtempSync(join(tmpdir(), 'slurmdesk-e2e-upload-home-'));
  const project = join(home, 'project');

  beforeAll(async () => {
    mkdirSync(join(project, 'src', 'pkg'), { recursive: true });
    writeFileSync(join(project, 'src', 'pkg', 'train.py'), 'def main(n):\n    print("training with", n)\n    return {"doubled": n * 2}\n');
    writeFileSync(join(project, 'README.md'), 'notes\n');
    mkdirSync(join(home, '.ssh'), { mode: 0o700 });
    writeFileSync(join(home, '.ssh', 'id_ed25519'), 'not a real key\n', { mode: 0o600 });
    writeFileSync(join(project, 'theirs.py'), 'x = 1\n');
    chownSync(join(project, 'theirs.py'), 65534, 65534);
    symlinkSync(join(home, '.ssh', 'id_ed25519'), join(project, 'key-link'));
    app = await startBrowserMode({ env: { HOME: home } });
    ({ browser, page } = await openAppPage(app));
    await page.setViewportSize({ width: 1400, height: 1000 });
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await app?.stop();
  });

  it('picks a file through main, derives the module from the root, previews and runs it', async () => {
    await page.getByTestId('nav-submit').click();
    await page.getByTestId('kind-python').click();
    await fill(page, 'field-name', 'train-from-file');
    await fill(page, 'field-upload-root', join(project, 'src'));
    await page.getByTestId('upload-browse').click();
    await page.getByTestId('folder-entry-project').click();
    await page.getByTestId('folder-entry-src').click();
    await page.getByTestId('folder-entry-pkg').click();
    await page.getByTestId('folder-entry-train.py').click();
    await expect.poll(() => page.getByTestId('upload-summary').textContent(), { timeout: 10_000 }).toContain('pkg/train.py');
    expect(await inputValue(page, 'field-module')).toBe('pkg/train.py');
    await page.getByTestId('upload-as-module').click();
    expect(await inputValue(page, 'field-module')).toBe('pkg.train');
    await page.getByTestId('upload-fields').screenshot({ path: join(artifactsDir, 'upload-python-fields.png') });
    await fill(page, 'field-function', 'main');
    await fill(page, 'field-args', '[21]');
    await page.getByTestId('preview-job').click();
    const shipped = page.getByTestId('preview-shipped');
    await expect.poll(() => shipped.textContent(), { timeout: 20_000 }).toContain('pkg/train.py');
    expect(await shipped.textContent()).toContain('1 file');
    await shipped.scrollIntoViewIfNeeded();
    await screenshot(page, 'upload-python-preview-1400');
    await page.setViewportSize({ width: 820, height: 1000 });
    await page.getByTestId('upload-fields').scrollIntoViewIfNeeded();
    await screenshot(page, 'upload-python-fields-narrow');
    await shipped.scrollIntoViewIfNeeded();
    await page.waitForTimeout(300); // the resized window's last paint
    await screenshot(page, 'upload-python-preview-narrow');
    await page.setViewportSize({ width: 1400, height: 1000 });

    await page.getByTestId('submit-job').click();
    await expect.poll(() => page.getByTestId('job-detail').locator('h2').textContent(), { timeout: 30_000 }).toBe('train-from-file');
    await page.getByTestId('tab-result').click();
    await expect.poll(() => page.getByTestId('job-result').textContent(), { timeout: 60_000 }).toContain('42');
    const jobs = await callContract(app, 'jobs.list', {});
    const record = await callContract(app, 'jobs.get', { id: jobs.jobs[0]!.id });
    expect(record.spec.upload).toMatchObject({ root: join(project, 'src'), include: ['pkg/train.py'] });
    expect(record.spec.task).toMatchObject({ kind: 'python', target: 'pkg.train:main' });
  }, 120_000);

  it('refuses keys, links and other users\' files, saying why next to the field', async () => {
    await page.getByTestId('nav-submit').click();
    const error = page.getByTestId('field-upload-path-error');
    await fill(page, 'field-upload-root', '');
    for (const [path, words] of [
      [join(home, '.ssh', 'id_ed25519'), '~/.ssh'],
      [join(project, 'key-link'), 'symbolic link'],
      [join(project, 'theirs.py'), 'another user'],
      [join(project, 'missing.py'), 'does not exist'],
      [home, 'whole home folder'],
    ] as const) {
      await fill(page, 'field-upload-path', path);
      await page.getByTestId('upload-check').click();
      await expect.poll(() => error.textContent(), { timeout: 10_000 }).toContain(words);
    }
    await expect(callContract(app, 'uploads.browse', { folder: join(home, '.ssh') })).rejects.toThrow(/~\/\.ssh/);
  }, 60_000);

  it('says what to do when a file target has nothing shipped', async () => {
    await page.getByTestId('upload-clear').click().catch(() => undefined);
    await fill(page, 'field-module', 'src/pkg/train.py');
    await fill(page, 'field-function', 'main');
    await page.getByTestId('preview-job').click();
    const error = page.getByTestId('field-module-error');
    await expect.poll(() => error.textContent()).toContain('Files from this computer');
    expect(await page.locator('body').textContent()).not.toContain('upload.root');
  }, 30_000);
});
