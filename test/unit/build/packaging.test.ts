import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { FuseV1Options, FuseVersion } from '@electron/fuses';
import { Ajv } from 'ajv';
import { describe, expect, it } from 'vitest';
import afterPack from '../../../build/scripts/afterPack.mjs';
import { bundles } from '../../../build/scripts/build.mjs';
import { runtimeFiles } from '../../../electron/services/app/runtimeFiles';
import { fuseConfig } from '../../../build/scripts/fuses.mjs';

// Electron cannot be downloaded here, so `npm run dist` cannot run; this checks statically that
// the packaging configuration is valid for electron-builder and names files that exist.
const root = join(import.meta.dirname, '..', '..', '..');
const readJson = (path: string) => JSON.parse(readFileSync(join(root, path), 'utf8'));
const config = readJson('build/electron-builder.json');
const packageJson = readJson('package.json');

describe('packaging configuration (build/electron-builder.json)', () => {
  it("is valid against electron-builder's own schema", () => {
    const schema = readJson('node_modules/app-builder-lib/scheme.json');
    const ajv = new Ajv({ allErrors: true, strict: false });
    const validate = ajv.compile(schema);
    const valid = validate(config);
    expect(validate.errors ?? []).toEqual([]);
    expect(valid).toBe(true);
  });

  it('packages AppImage, deb and rpm, dmg, and nsis', () => {
    expect(config.linux.target).toEqual(['AppImage', 'deb', 'rpm']);
    expect(config.mac.target).toEqual(['dmg']);
    expect(config.win.target).toEqual(['nsis']);
  });

  it('names icons that exist, including the sizes Linux desktops use', () => {
    for (const icon of [config.mac.icon, config.win.icon]) expect(existsSync(join(root, icon)), icon).toBe(true);
    for (const size of [16, 32, 64, 128, 256, 512]) {
      expect(existsSync(join(root, config.linux.icon, `${size}x${size}.png`))).toBe(true);
    }
  });

  it('ships the entry points the build produces, and the npm dist script uses this file', () => {
    const build = readFileSync(join(root, 'build/scripts/build.mjs'), 'utf8');
    expect(packageJson.main).toBe('out/main/main.mjs');
    expect(build).toContain("outfile: 'out/main/main.mjs'");
    expect(build).toContain("outfile: 'out/preload/preload.cjs'");
    expect(bundles.map((bundle) => bundle.outfile)).toContain(runtimeFiles.preload);
    for (const folder of ['out/main/**', 'out/preload/**', 'out/renderer/**']) expect(config.files).toContain(folder);
    expect(packageJson.scripts.dist).toContain('--config build/electron-builder.json');
    expect(packageJson.devDependencies.electron).toBeDefined();
    expect(packageJson.dependencies.electron).toBeUndefined();
  });
});

describe("the packaged app's Electron fuses (build/scripts/fuses.mjs, flipped after packing)", () => {
  it('turns off running as Node, NODE_OPTIONS and --inspect, and loads the app only from a verified asar', () => {
    expect(fuseConfig.version).toBe(FuseVersion.V1);
    expect(fuseConfig[FuseV1Options.RunAsNode]).toBe(false);
    expect(fuseConfig[FuseV1Options.EnableNodeOptionsEnvironmentVariable]).toBe(false);
    expect(fuseConfig[FuseV1Options.EnableNodeCliInspectArguments]).toBe(false);
    expect(fuseConfig[FuseV1Options.OnlyLoadAppFromAsar]).toBe(true);
    expect(fuseConfig[FuseV1Options.EnableEmbeddedAsarIntegrityValidation]).toBe(true);
    expect(fuseConfig[FuseV1Options.GrantFileProtocolExtraPrivileges]).toBe(false);
  });

  it('is applied by the afterPack hook that the configuration names, to the packed binary', async () => {
    expect(config.afterPack).toBe('./build/scripts/afterPack.mjs');
    expect(config.asar).toBe(true);
    const calls: unknown[][] = [];
    const context = { appOutDir: '/tmp/linux-unpacked', electronPlatformName: 'linux', packager: { addElectronFuses: async (...args: unknown[]) => void calls.push(args) } };
    await afterPack(context);
    expect(calls).toEqual([[context, fuseConfig]]);
  });

  it('leaves nothing in the app that would need ELECTRON_RUN_AS_NODE', () => {
    const setters = ['electron/main', 'electron/services', 'electron/cli'].flatMap((folder) => sourcesUnder(join(root, folder)))
      .filter((file) => /ELECTRON_RUN_AS_NODE\s*[:=]\s*['"]?1/.test(readFileSync(file, 'utf8')));
    expect(setters).toEqual([]);
  });

  it("puts the app's binary on PATH as `slurmdesk` from the deb and rpm, which the binary answers as the CLI", () => {
    // electron-builder's after-install script links /usr/bin/<executableName> to the binary.
    expect(config.executableName).toBe('slurmdesk');
    expect(Object.keys(packageJson.bin)).toEqual([config.executableName]);
    expect(config.linux.target).toEqual(expect.arrayContaining(['deb', 'rpm']));
  });

  it('trims Chromium to the locales the app is written in', () => {
    expect(config.electronLanguages).toEqual(['en-US', 'en-GB']);
  });
});

function sourcesUnder(folder: string): string[] {
  return readdirSync(folder, { withFileTypes: true }).flatMap((entry) => {
    const path = join(folder, entry.name);
    return entry.isDirectory() ? sourcesUnder(path) : entry.name.endsWith('.ts') ? [path] : [];
  });
}
