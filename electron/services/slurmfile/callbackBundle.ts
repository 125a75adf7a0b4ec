import { createHash } from 'node:crypto';
import { chmodSync, mkdirSync, renameSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { buildSync, type BuildFailure, type Message } from 'esbuild';
import { AppError } from '../../../shared/errors';
import { maxCallbackModuleBytes } from './callbackModuleHash';
import { readRegularFile } from '../fs/readRegularFile';

/** One file a callback bundle was made from, by the path it was reached through and its bytes' SHA-256. */
export type PinnedFile = { path: string; sha256: string };

export type CallbackBundle = { bytes: Buffer; sha256: string; files: PinnedFile[] };

/**
 * Every import the bundle keeps (node builtins, a `require` or `import()` of a path known only
 * at run time) goes through this: builtins load, nothing else does. The callback host also
 * refuses any module but the bundle (callbackHost.ts); this covers `require`, which that hook
 * does not see.
 */
const requireOnlyBuiltins = [
  "import { createRequire as __slurmdeskCreateRequire, isBuiltin as __slurmdeskIsBuiltin } from 'node:module';",
  'const require = (id) => {',
  '  if (__slurmdeskIsBuiltin(id)) return __slurmdeskCreateRequire(import.meta.url)(id);',
  "  throw new Error(`require(${JSON.stringify(id)}): a Slurmfile callback runs only the code pinned when its Slurmfile was trusted (and node builtins)`);",
  '};',
].join('\n');

/**
 * The callback module and everything it imports (relative files, `package.json` "imports", a
 * local node_modules), as one self-contained ES module: the exact code trust pins and the only
 * code the callback host runs. Symlinks are kept as the paths they are, so a link pointed
 * elsewhere later shows up as a changed file. Anything that cannot be resolved now is refused.
 * Inside, `import.meta.url` is the callback module's own URL, in every file of the bundle.
 */
export function bundleCallback(modulePath: string, target: string): CallbackBundle {
  const folder = dirname(modulePath);
  let result;
  try {
    result = buildSync({
      entryPoints: [modulePath], absWorkingDir: folder, outfile: join(folder, 'slurmdesk-callback.mjs'), write: false,
      bundle: true, platform: 'node', format: 'esm', target: 'node20', metafile: true, preserveSymlinks: true,
      banner: { js: requireOnlyBuiltins }, logLevel: 'silent', legalComments: 'none',
      // The bundle lives in the data folder: import.meta.url keeps naming the callback module, so
      // a callback that finds files beside itself still finds them.
      define: { 'import.meta.url': JSON.stringify(pathToFileURL(modulePath).href) },
    });
  } catch (error) {
    const messages = (error as Partial<BuildFailure>).errors ?? [];
    const detail = messages.length > 0 ? messages.slice(0, 5).map(describeMessage).join('; ') : error instanceof Error ? error.message : String(error);
    throw new AppError('callback-invalid', `callback ${target}: its code cannot be gathered for trust: ${detail}. Every module it imports must exist on this computer now (node builtins aside).`);
  }
  const output = result.outputFiles[0];
  if (!output) throw new AppError('callback-invalid', `callback ${target}: bundling ${modulePath} produced nothing.`);
  const bytes = Buffer.from(output.contents);
  if (bytes.length > maxCallbackModuleBytes) {
    throw new AppError('callback-invalid', `callback ${target}: it and its imports come to ${bytes.length} bytes; a callback may be at most ${maxCallbackModuleBytes}.`);
  }
  const files = Object.keys(result.metafile.inputs).map((input) => {
    const path = resolve(folder, input);
    return { path, sha256: fileHash(path) ?? 'unreadable' };
  });
  return { bytes, sha256: sha256Of(bytes), files: files.sort((a, b) => a.path.localeCompare(b.path)) };
}

/** The files among `pinned` whose bytes are not the ones pinned now (changed, gone, or a link pointing elsewhere). */
export function changedFiles(pinned: readonly PinnedFile[]): string[] {
  return pinned.filter((file) => fileHash(file.path) !== file.sha256).map((file) => file.path);
}

/** Where a pinned bundle is kept: the data folder, named by its SHA-256. */
export function bundlePath(dataDir: string, sha256: string): string {
  return join(dataDir, 'slurmfiles', 'callbacks', `${sha256}.mjs`);
}

/** Keeps a bundle (readable by its owner only), written whole and renamed into place. */
export function storeBundle(dataDir: string, bundle: CallbackBundle): string {
  const path = bundlePath(dataDir, bundle.sha256);
  mkdirSync(dirname(path), { recursive: true, mode: 0o700 });
  const temporary = `${path}.${process.pid}.tmp`;
  writeFileSync(temporary, bundle.bytes, { mode: 0o600 });
  chmodSync(temporary, 0o600);
  renameSync(temporary, path);
  return path;
}

export function sha256Of(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

function fileHash(path: string): string | null {
  const read = readRegularFile(path, maxCallbackModuleBytes);
  return read.ok ? sha256Of(read.bytes) : null;
}

function describeMessage(message: Message): string {
  const where = message.location ? `${message.location.file}:${message.location.line}:${message.location.column + 1}: ` : '';
  return `${where}${message.text}`;
}
