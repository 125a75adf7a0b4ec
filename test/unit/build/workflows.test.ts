import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { validateWorkflow } from '@action-validator/core';
import { describe, expect, it } from 'vitest';
import { releasesFeedUrl } from '../../../electron/services/app/updateCheck';

// GitHub runs these files, not this machine: they are checked against GitHub's workflow schema
// (action-validator) and for the promises the desktop build makes.
const root = join(import.meta.dirname, '..', '..', '..');
const folder = join(root, '.github', 'workflows');
const read = (name: string) => readFileSync(join(folder, name), 'utf8');

describe('the GitHub workflows', () => {
  it("are valid against GitHub's workflow schema", () => {
    const files = readdirSync(folder).filter((name) => /\.ya?ml$/.test(name));
    expect(files.sort()).toEqual(['desktop.yml', 'release.yml']);
    for (const name of files) expect(validateWorkflow(read(name)).errors, name).toEqual([]);
  });

  it('a workflow with a mistake is refused (the check can fail)', () => {
    expect(validateWorkflow(read('desktop.yml').replace('runs-on:', 'run-on:')).errors).not.toEqual([]);
  });

  it('build on Linux, macOS and Windows: Electron downloaded, its e2e suite required, electron-builder --dir', () => {
    const desktop = read('desktop.yml');
    expect(desktop).toContain('os: [ubuntu-24.04, macos-14, windows-2022]');
    expect(desktop).toContain("SLURMDESK_REQUIRE_ELECTRON: '1'");
    expect(desktop).toContain('node node_modules/electron/install.js');
    expect(desktop).toContain('npx vitest run --project e2e test/e2e/electron.test.ts');
    expect(desktop).toMatch(/electron-builder --config build\/electron-builder\.json --dir/);
  });

  it('release tagged versions signed and notarized from secrets, refusing to go without them', () => {
    const release = read('release.yml');
    expect(release).toContain("tags: ['v*']");
    for (const secret of ['MAC_CERTIFICATE_P12_BASE64', 'APPLE_ID', 'APPLE_APP_SPECIFIC_PASSWORD', 'APPLE_TEAM_ID', 'WINDOWS_CERTIFICATE_P12_BASE64']) {
      expect(release).toContain(`secrets.${secret}`);
    }
    expect(release).toContain('-c.mac.notarize=true');
    expect(release).toMatch(/Refuse to release without signing secrets[\s\S]*exit 1/);
  });

  it('publish to the feed the in-app update check reads', () => {
    const config = JSON.parse(readFileSync(join(root, 'build/electron-builder.json'), 'utf8'));
    const [publish] = config.publish;
    expect(releasesFeedUrl).toBe(`https://api.github.com/repos/${publish.owner}/${publish.repo}/releases/latest`);
  });
});
