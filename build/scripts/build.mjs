#!/usr/bin/env node
// Builds everything `npm start` and packaging need into out/: the renderer (Vite) and the Node
// and Electron entry points (esbuild). Dependencies stay external except in the preload, which
// runs sandboxed and may load nothing but `electron`.
import { build as esbuild } from 'esbuild';
import { copyFile, mkdir, readFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build as viteBuild } from 'vite';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');

/** `import text from './file?raw'` as Vite understands it: the file's text as the default export. */
const rawImports = {
  name: 'raw-imports',
  setup(build) {
    build.onResolve({ filter: /\?raw$/ }, (args) => ({ path: resolve(args.resolveDir, args.path.slice(0, -4)), namespace: 'raw' }));
    build.onLoad({ filter: /.*/, namespace: 'raw' }, async (args) => ({ contents: await readFile(args.path, 'utf8'), loader: 'text' }));
  },
};

/** Only the command line: what `slurmdesk` needs, in well under a second. */
export async function buildCli() {
  await buildBundle(bundles.find((bundle) => bundle.outfile === 'out/cli/main.mjs'));
}

/**
 * Every esbuild bundle. `packaged`: the desktop app loads it at run time, so the installers must
 * carry it and every package it imports (the packaging test reads this list).
 */
export const bundles = [
  { entry: 'electron/web/main.ts', outfile: 'out/web/main.mjs', format: 'esm', packaged: false },
  { entry: 'electron/cli/main.ts', outfile: 'out/cli/main.mjs', format: 'esm', packaged: true },
  { entry: 'electron/main/main.ts', outfile: 'out/main/main.mjs', format: 'esm', packaged: true },
  // Sandboxed: it may load nothing but `electron`, so everything else is bundled in.
  { entry: 'electron/preload/preload.ts', outfile: 'out/preload/preload.cjs', format: 'cjs', packaged: true, external: ['electron'] },
];

/** esbuild options of one bundle. */
export function bundleOptions(bundle) {
  const { entry, outfile, format, external } = bundle;
  return {
    absWorkingDir: root, bundle: true, platform: 'node', target: 'node20', sourcemap: true, logLevel: 'warning',
    plugins: [rawImports], entryPoints: [entry], outfile, format, ...(external ? { external } : { packages: 'external' }),
  };
}

/** Files copied as they are: the window icon (build/ itself is never packaged). */
export const copiedFiles = [{ from: 'build/icons/512x512.png', to: 'out/icons/slurmdesk.png' }];

export async function buildRenderer({ quiet = false } = {}) {
  await viteBuild({ configFile: join(root, 'vite.config.ts'), logLevel: quiet ? 'warn' : 'info' });
}

export async function buildBundle(bundle) {
  await esbuild(bundleOptions(bundle));
}

export async function copyRuntimeFiles() {
  await Promise.all(
    copiedFiles.map(async ({ from, to }) => {
      await mkdir(dirname(join(root, to)), { recursive: true });
      await copyFile(join(root, from), join(root, to));
    }),
  );
}

export async function buildAll({ quiet = false } = {}) {
  const started = Date.now();
  await buildRenderer({ quiet });
  await Promise.all([...bundles.map(buildBundle), copyRuntimeFiles()]);
  if (!quiet) console.log(`built out/ in ${Date.now() - started} ms`);
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  buildAll().catch((error) => {
    console.error(error);
    process.exit(1);
  });
}
