import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { ESLint } from 'eslint';
import { afterEach, describe, expect, it } from 'vitest';

const root = join(import.meta.dirname, '..', '..', '..');
const planted: string[] = [];

/** Writes a real file into the tree (so the folder rules apply) and lints it with the project config. */
async function lintPlanted(relativePath: string, source: string) {
  const path = join(root, relativePath);
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, source);
  planted.push(path);
  const [result] = await new ESLint({ cwd: root }).lintFiles([path]);
  return result!.messages.filter((message) => message.ruleId !== null).map((message) => `${message.ruleId}: ${message.message}`);
}

afterEach(() => {
  for (const path of planted.splice(0)) rmSync(path, { force: true });
});

describe('lint enforces the layer table', () => {
  it.each([
    ['renderer/zz-planted-layer-probe.ts', "import { readFileSync } from 'node:fs';\nexport const x = readFileSync;\n", /no node:\*/],
    ['renderer/zz-planted-layer-probe.ts', "import { ipcRenderer } from 'electron';\nexport const x = ipcRenderer;\n", /electron module/],
    ['renderer/zz-planted-layer-probe.ts', "import { createLogger } from '../electron/services/log';\nexport const x = createLogger;\n", /code from electron/],
    ['shared/zz-planted-layer-probe.ts', "import { join } from 'path';\nexport const x = join;\n", /no node:\*/],
    ['shared/zz-planted-layer-probe.ts', "import { connectToMain } from '../renderer/contract/connect';\nexport const x = connectToMain;\n", /Only the renderer/],
    ['electron/services/zz-planted-layer-probe.ts', "import { app } from 'electron';\nexport const x = app;\n", /electron module/],
    ['electron/web/zz-planted-layer-probe.ts', "import { BrowserWindow } from 'electron';\nexport const x = BrowserWindow;\n", /electron module/],
    ['electron/main/zz-planted-layer-probe.ts', "import { ipcMain } from 'electron';\nexport const x = ipcMain;\n", /Raw IPC/],
    ['electron/main/zz-planted-layer-probe.ts', "import { shell } from 'electron';\nexport const x = shell;\n", /openExternal/],
  ])('refuses %s importing across a layer', async (path, source, expected) => {
    const messages = await lintPlanted(path, source);
    expect(messages.join('\n')).toMatch(/no-restricted-imports/);
    expect(messages.join('\n')).toMatch(expected);
  });

  it('accepts the same kind of file when it stays in its layer', async () => {
    const messages = await lintPlanted(
      'renderer/zz-planted-layer-probe.ts',
      "import { methodNames } from '../shared/contract';\nexport const x = methodNames;\n",
    );
    expect(messages).toEqual([]);
  });
});
