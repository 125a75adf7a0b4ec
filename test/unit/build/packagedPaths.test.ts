import { existsSync, lstatSync, readdirSync, readFileSync, realpathSync, openSync, readSync, closeSync, type Stats } from 'node:fs';
import { builtinModules, createRequire } from 'node:module';
import { dirname, join, relative, sep } from 'node:path';
import { pathToFileURL } from 'node:url';
import { build } from 'esbuild';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildBundle, buildRenderer, bundleOptions, bundles, copiedFiles, copyRuntimeFiles } from '../../../build/scripts/build.mjs';
import { appRootFrom, runtimeFiles, runtimePath, unpackedPath } from '../../../electron/services/app/runtimeFiles';

// An installed app loads its own files from resources/app.asar and may start only what
// electron-builder put there: this resolves every runtime file the way the installed app does and
// asks electron-builder's own matcher (app-builder-lib) whether its patterns carry it. The lists
// come from the build (its bundles and their imports) and from runtimeFiles, never a copy here.
const root = join(import.meta.dirname, '..', '..', '..');
const config = JSON.parse(readFileSync(join(root, 'build/electron-builder.json'), 'utf8'));
const packageJson = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
const resourcesPath = join(sep, 'opt', 'Slurm Desk', 'resources');

type Filter = (file: string, stat: Stats) => boolean;
type Matcher = { createFilter(): Filter };
type BuilderInfo = { projectDir: string; buildResourcesDir: string; isPrepackedAppAsar: boolean; config: unknown; debugLogger: { isEnabled: boolean } };
const fileMatcher = createRequire(import.meta.url)('app-builder-lib/out/fileMatcher') as {
  getMainFileMatchers(appDir: string, destination: string, expand: (s: string) => string, platformOptions: object, packager: { info: BuilderInfo }, outDir: string, isElectronCompile: boolean): Matcher[];
  getNodeModuleFileMatcher(appDir: string, destination: string, expand: (s: string) => string, platformOptions: object, info: BuilderInfo): Matcher;
  getFileMatchers(config: unknown, name: 'asarUnpack', destination: string, options: { macroExpander: (s: string) => string; customBuildOptions: object; globalOutDir: string; defaultSrc: string }): Matcher[] | null;
};

const same = (text: string) => text;
const info: BuilderInfo = { projectDir: root, buildResourcesDir: config.directories.buildResources, isPrepackedAppAsar: false, config, debugLogger: { isEnabled: false } };
const destination = join(resourcesPath, 'app');
const outDir = join(root, config.directories.output);
const appFiles = fileMatcher.getMainFileMatchers(root, destination, same, {}, { info }, outDir, false).map((matcher) => matcher.createFilter());
const moduleFiles = fileMatcher.getNodeModuleFileMatcher(root, destination, same, {}, info).createFilter();
const unpacked = fileMatcher.getFileMatchers(config, 'asarUnpack', destination, { macroExpander: same, customBuildOptions: {}, globalOutDir: outDir, defaultSrc: root })![0]!.createFilter();

/**
 * electron-builder walks folders top down: a file is packed when it and every folder above it pass,
 * up to the folder the walk starts in (the project, or node_modules for packages).
 */
function passes(filter: Filter, file: string, walkRoot = root): boolean {
  const chain: string[] = [];
  for (let at = file; at.startsWith(walkRoot + sep); at = dirname(at)) chain.unshift(at);
  // A file outside the walk would pass vacuously; that is a mistake in the test, not a packed file.
  if (chain.length === 0) throw new Error(`${file} is not inside ${walkRoot}`);
  return chain.every((path) => filter(path, lstatSync(path)));
}
const modulesRoot = join(root, 'node_modules');
const packed = (file: string) => (file.startsWith(modulesRoot + sep) ? passes(moduleFiles, file, modulesRoot) : appFiles.some((filter) => passes(filter, file)));

function filesUnder(folder: string): string[] {
  return readdirSync(folder, { withFileTypes: true }).flatMap((entry) => {
    const path = join(folder, entry.name);
    return entry.isDirectory() ? filesUnder(path) : entry.isFile() ? [path] : [];
  });
}

/** What each bundle imports from packages, read from esbuild's own metafile of that bundle. */
async function packagesImportedBy(options: Parameters<typeof build>[0]): Promise<Set<string>> {
  const result = await build({ ...options, write: false, metafile: true, logLevel: 'silent' });
  const names = new Set<string>();
  for (const input of Object.values(result.metafile.inputs)) {
    for (const imported of input.imports) {
      if (!imported.external || imported.path.startsWith('node:') || builtinModules.includes(imported.path)) continue;
      const parts = imported.path.split('/');
      names.add(imported.path.startsWith('@') ? parts.slice(0, 2).join('/') : parts[0]!);
    }
  }
  return names;
}

/** The production dependencies and everything they need, as electron-builder collects them. */
function dependencyClosure(): string[] {
  const seen = new Set<string>();
  const visit = (name: string, from: string) => {
    let manifest: string;
    try {
      manifest = createRequire(join(from, 'package.json')).resolve(`${name}/package.json`);
    } catch {
      return; // An optional dependency for another platform.
    }
    // Named as the project sees it, even where node_modules is a link to another checkout's.
    const folder = join(modulesRoot, relative(realpathSync(modulesRoot), dirname(manifest)));
    if (seen.has(folder)) return;
    seen.add(folder);
    const pkg = JSON.parse(readFileSync(manifest, 'utf8'));
    for (const next of Object.keys({ ...pkg.dependencies, ...pkg.optionalDependencies })) visit(next, folder);
  };
  for (const name of Object.keys(packageJson.dependencies)) visit(name, root);
  return [...seen];
}

/** Native code is what only a real file on disk can give the OS loader: ELF, Mach-O, PE, or a .node addon. */
function isNativeBinary(file: string): boolean {
  if (file.endsWith('.node')) return true;
  const head = Buffer.alloc(4);
  const fd = openSync(file, 'r');
  try {
    readSync(fd, head, 0, 4, 0);
  } finally {
    closeSync(fd);
  }
  const magic = head.toString('hex');
  return magic === '7f454c46' || ['feedface', 'feedfacf', 'cefaedfe', 'cffaedfe', 'cafebabe'].includes(magic) || magic.startsWith('4d5a');
}

describe('every file the installed app loads or starts is packaged', () => {
  // Only what is missing is built: other tests run the CLI bundle meanwhile, so it is never rewritten here.
  beforeAll(async () => {
    const missing = (file: string) => !existsSync(join(root, file));
    if (missing(join(runtimeFiles.renderer, 'index.html'))) await buildRenderer({ quiet: true });
    if (copiedFiles.some((file) => missing(file.to))) await copyRuntimeFiles();
    await Promise.all(bundles.filter((bundle) => bundle.packaged && missing(bundle.outfile)).map(buildBundle));
  }, 120_000);

  it('resolves each runtime file inside resources/app.asar, as the installed main process does', () => {
    const installedRoot = appRootFrom(pathToFileURL(join(resourcesPath, 'app.asar', 'out', 'main', 'main.mjs')).href);
    expect(installedRoot).toBe(join(resourcesPath, 'app.asar'));
    for (const [name, file] of Object.entries(runtimeFiles)) {
      expect(runtimePath(name as keyof typeof runtimeFiles, installedRoot)).toBe(join(resourcesPath, 'app.asar', file));
    }
    expect(unpackedPath(join(resourcesPath, 'app.asar', 'node_modules', 'keytar', 'build', 'Release', 'keytar.node'))).toBe(
      join(resourcesPath, 'app.asar.unpacked', 'node_modules', 'keytar', 'build', 'Release', 'keytar.node'),
    );
  });

  it("carries every runtime file and every packaged bundle in electron-builder's files", () => {
    const wanted = [...Object.values(runtimeFiles), ...bundles.filter((bundle) => bundle.packaged).map((bundle) => bundle.outfile)].flatMap((file) => {
      const path = join(root, file);
      return lstatSync(path).isDirectory() ? filesUnder(path).filter((inside) => !inside.endsWith('.map')) : [path];
    });
    expect(wanted.length).toBeGreaterThan(6);
    const missing = wanted.filter((path) => !packed(path)).map((path) => relative(root, path));
    expect(missing).toEqual([]);
  });

  it('leaves out what is not needed at run time: sources, build scripts, maps, browser mode', () => {
    for (const file of ['electron/main/main.ts', 'build/scripts/build.mjs', 'out/main/main.mjs.map', 'out/web/main.mjs', 'test/unit/build/packagedPaths.test.ts']) {
      if (existsSync(join(root, file))) expect(packed(join(root, file)), file).toBe(false);
    }
  });

  it('declares every package a packaged bundle imports as a dependency, so electron-builder ships it', async () => {
    const missing: string[] = [];
    for (const bundle of bundles.filter((each) => each.packaged)) {
      for (const name of await packagesImportedBy(bundleOptions(bundle))) {
        if (name !== 'electron' && !(name in packageJson.dependencies)) missing.push(`${bundle.outfile} imports ${name}`);
      }
    }
    expect(missing).toEqual([]);
  });

  it('keeps packages only the renderer uses out of dependencies (Vite bundles them)', async () => {
    const nodeSide = new Set<string>();
    for (const bundle of bundles) for (const name of await packagesImportedBy(bundleOptions(bundle))) nodeSide.add(name);
    const rendererOnly = [...(await packagesImportedBy({ absWorkingDir: root, entryPoints: ['renderer/main.tsx'], bundle: true, packages: 'external', platform: 'browser', loader: { '.css': 'empty', '.svg': 'empty', '.png': 'empty' } }))].filter((name) => !nodeSide.has(name));
    expect(rendererOnly.length).toBeGreaterThan(0);
    expect(rendererOnly.filter((name) => name in packageJson.dependencies)).toEqual([]);
  });

  it('unpacks every native binary of the shipped packages from the asar (keytar, esbuild)', () => {
    const natives = dependencyClosure().flatMap((folder) => filesUnder(folder)).filter((file) => packed(file) && isNativeBinary(file));
    expect(natives.map((file) => relative(root, file)).join('\n')).toMatch(/keytar\.node/);
    expect(natives.map((file) => relative(root, file)).join('\n')).toMatch(/@esbuild/);
    // The asar packer asks the unpack filter about each file by its own path.
    expect(natives.filter((file) => !unpacked(file, lstatSync(file))).map((file) => relative(root, file))).toEqual([]);
  });
});
