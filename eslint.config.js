// Lint is where the architecture is enforced: which folder may import what (see README, "Layers"),
// and the few chokepoints (raw IPC, opening URLs) that only one file may touch.
import js from '@eslint/js';
import reactHooks from 'eslint-plugin-react-hooks';
import { builtinModules } from 'node:module';
import tseslint from 'typescript-eslint';

// Module names are matched exactly (paths); folder rules by pattern, so './events' is not 'events'.
const electronMessage = 'Only electron/main and electron/preload may import the electron module.';
const nodeMessage = 'This layer runs outside Node: no node:* or Node built-in modules.';
const electronModule = { group: ['electron/*'], message: electronMessage };
const electronPath = { name: 'electron', message: electronMessage };
const nodeModules = { group: ['node:*'], message: nodeMessage };
const nodePaths = builtinModules.filter((name) => !name.startsWith('_')).map((name) => ({ name, message: nodeMessage }));
const electronCode = { group: ['**/electron/**', '**/electron'], message: 'This layer must not import code from electron/.' };
const rendererCode = { group: ['**/renderer/**', '**/renderer'], message: 'Only the renderer may import renderer/ code.' };
const rawIpc = {
  name: 'electron',
  importNames: ['ipcMain', 'ipcRenderer'],
  message: 'Raw IPC lives only in electron/main/contractIpc.ts and electron/preload/preload.ts: add a contract method instead.',
};
const shellModule = {
  name: 'electron',
  importNames: ['shell'],
  message: 'Open URLs only through electron/main/openExternal.ts (openExternalChecked).',
};

const restrict = (patterns, paths = []) => ['error', { patterns, paths }];

export default tseslint.config(
  { ignores: ['out/**', 'dist/**', 'node_modules/**', 'reports/**', 'test-results/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
      'no-restricted-properties': [
        'error',
        { object: 'shell', property: 'openExternal', message: 'Use openExternalChecked from electron/main/openExternal.ts.' },
      ],
    },
  },
  {
    files: ['shared/**/*.ts'],
    rules: { 'no-restricted-imports': restrict([electronModule, nodeModules, electronCode, rendererCode], [electronPath, ...nodePaths]) },
  },
  {
    files: ['renderer/**/*.{ts,tsx}'],
    plugins: { 'react-hooks': reactHooks },
    rules: {
      ...reactHooks.configs.recommended.rules,
      'no-restricted-imports': restrict([electronModule, nodeModules, electronCode], [electronPath, ...nodePaths]),
    },
  },
  {
    files: ['electron/services/**/*.ts', 'electron/web/**/*.ts', 'electron/cli/**/*.ts'],
    rules: { 'no-restricted-imports': restrict([electronModule, rendererCode], [electronPath]) },
  },
  {
    files: ['electron/main/**/*.ts', 'electron/preload/**/*.ts'],
    rules: { 'no-restricted-imports': restrict([rendererCode], [rawIpc, shellModule]) },
  },
  {
    files: ['electron/main/contractIpc.ts', 'electron/preload/preload.ts'],
    rules: { 'no-restricted-imports': restrict([rendererCode], [shellModule]) },
  },
  {
    files: ['electron/main/openExternal.ts'],
    rules: { 'no-restricted-imports': restrict([rendererCode], [rawIpc]), 'no-restricted-properties': 'off' },
  },
  {
    files: ['**/*.d.ts'],
    rules: { 'no-var': 'off' },
  },
  {
    files: ['test/**/*.ts', 'build/**/*.{js,mjs}', '*.config.{js,ts}'],
    languageOptions: { globals: { process: 'readonly', console: 'readonly' } },
  },
);
