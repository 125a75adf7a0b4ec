import { statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { bundleCallback, changedFiles, storeBundle } from '../../../../../electron/services/slurmfile/callbackBundle';
import { project } from './slurmfileFixtures';

describe('the bundle trust pins for a callback', () => {
  it('holds the module and every file it imports, and names each with its hash', () => {
    const root = project({
      'hooks.mjs': "import { helper } from './lib/helper.mjs';\nimport pkg from 'local-pkg';\nexport function hook() { helper(); pkg(); }\n",
      'lib/helper.mjs': 'export function helper() { return 1; }\n',
      'node_modules/local-pkg/package.json': '{ "name": "local-pkg", "main": "index.js" }',
      'node_modules/local-pkg/index.js': 'module.exports = function () { return require("node:os").hostname(); };\n',
    });
    const bundle = bundleCallback(join(root, 'hooks.mjs'), './hooks.mjs:hook');
    expect(bundle.files.map((file) => file.path)).toEqual([join(root, 'hooks.mjs'), join(root, 'lib/helper.mjs'), join(root, 'node_modules/local-pkg/index.js')].sort());
    expect(bundle.bytes.toString()).toContain('function helper()');
    expect(changedFiles(bundle.files)).toEqual([]);
    const kept = storeBundle(join(root, 'data'), bundle);
    expect(kept.endsWith(`${bundle.sha256}.mjs`)).toBe(true);
    expect(statSync(kept).mode & 0o777).toBe(0o600);
  });

  it('refuses an import it cannot resolve now, saying which and where', () => {
    const root = project({ 'hooks.mjs': "import { gone } from './lib/missing.mjs';\nexport function hook() { gone(); }\n" });
    expect(() => bundleCallback(join(root, 'hooks.mjs'), './hooks.mjs:hook')).toThrow(
      expect.objectContaining({ code: 'callback-invalid', message: expect.stringMatching(/callback \.\/hooks\.mjs:hook: its code cannot be gathered for trust: .*hooks\.mjs:1:.*missing\.mjs/) }),
    );
  });
});
