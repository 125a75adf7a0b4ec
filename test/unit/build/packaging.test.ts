import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Ajv } from 'ajv';
import { describe, expect, it } from 'vitest';

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

  it('packages AppImage and deb, dmg, and nsis', () => {
    expect(config.linux.target).toEqual(['AppImage', 'deb']);
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
    expect(readFileSync(join(root, 'electron/main/main.ts'), 'utf8')).toContain("'preload.cjs'");
    for (const folder of ['out/main/**', 'out/preload/**', 'out/renderer/**']) expect(config.files).toContain(folder);
    expect(packageJson.scripts.dist).toContain('--config build/electron-builder.json');
    expect(packageJson.devDependencies.electron).toBeDefined();
    expect(packageJson.dependencies.electron).toBeUndefined();
  });
});
