#!/usr/bin/env node
// Builds everything `npm start` and packaging need into out/: the renderer (Vite) and the Node
// and Electron entry points (esbuild). Dependencies stay external except in the preload, which
// runs sandboxed and may load nothing but `electron`.
import { build as esbuild } from 'esbuild';
import { readFile } from 'node:fs/promises';
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

const nodeEntry = (entry, outfile) => ({
  absWorkingDir: root, bundle: true, platform: 'node', target: 'node20', sourcemap: true, logLevel: 'warning',
  plugins: [rawImports], entryPoints: [entry], outfile, format: 'esm', packages: 'external',
});

/** Only the command line: what `slurmdesk` needs, in well under a second. */
export async function buildCli() {
  await esbuild(nodeEntry('electron/cli/main.ts', 'out/cli/main.mjs'));
}

export async function buildAll({ quiet = false } = {}) {
  const started = Date.now();
  await viteBuild({ configFile: join(root, 'vite.config.ts'), logLevel: quiet ? 'warn' : 'info' });
  const common = { absWorkingDir: root, bundle: true, platform: 'node', target: 'node20', sourcemap: true, logLevel: 'warning', plugins: [rawImports] };
  await Promise.all([
    esbuild({ ...common, entryPoints: ['electron/web/main.ts'], outfile: 'out/web/main.mjs', format: 'esm', packages: 'external' }),
    buildCli(),
    esbuild({ ...common, entryPoints: ['electron/main/main.ts'], outfile: 'out/main/main.mjs', format: 'esm', packages: 'external' }),
    esbuild({ ...common, entryPoints: ['electron/preload/preload.ts'], outfile: 'out/preload/preload.cjs', format: 'cjs', external: ['electron'] }),
  ]);
  if (!quiet) console.log(`built out/ in ${Date.now() - started} ms`);
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  buildAll().catch((error) => {
    console.error(error);
    process.exit(1);
  });
}
