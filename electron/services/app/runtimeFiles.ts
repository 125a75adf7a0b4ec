import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * Every file of the app's own that a running app loads or starts, relative to the folder holding
 * out/ (the repository, or resources/app.asar when installed). Main, the services and the
 * packaging test read this one table, so a file added here is checked against electron-builder's
 * patterns without anyone remembering to.
 */
export const runtimeFiles = {
  /** Loaded into every window, sandboxed. */
  preload: 'out/preload/preload.cjs',
  /** Served on app:// (every file below it). */
  renderer: 'out/renderer',
  /** The CLI, which also hosts the embedded executor (a detached process) and Slurmfile callbacks. */
  cliBundle: 'out/cli/main.mjs',
  /** The window's icon where the desktop does not take it from the .desktop file. */
  windowIcon: 'out/icons/slurmdesk.png',
} as const;

export type RuntimeFile = keyof typeof runtimeFiles;

/**
 * The folder holding out/, from the URL of any bundle in out/<name>/ (or, under Vitest, of a
 * source file in electron/services/app/, three levels below the repository).
 */
export function appRootFrom(moduleUrl: string): string {
  const up = moduleUrl.endsWith('.ts') ? '../../../' : '../../';
  return fileURLToPath(new URL(up, moduleUrl)).replace(/[\\/]$/, '');
}

/** The folder holding out/ for this running app (this module is bundled into each out/<name>/main.mjs). */
export function appRoot(): string {
  return appRootFrom(import.meta.url);
}

/** Absolute path of one runtime file, for this running app. */
export function runtimePath(file: RuntimeFile, root = appRoot()): string {
  return join(root, runtimeFiles[file]);
}

/**
 * Where a file that a program outside Electron must open (a native binary, a .node module) sits
 * in an installed app: electron-builder moves the files matching `asarUnpack` from app.asar to
 * app.asar.unpacked beside it. Electron's own fs reads app.asar; other programs cannot.
 */
export function unpackedPath(path: string): string {
  return path.replace(/([\\/])app\.asar([\\/])/, '$1app.asar.unpacked$2');
}

/**
 * argv that runs the built CLI with `args` as a separate process. In Node, Node runs the bundle.
 * In Electron, whose binary may not run as Node (the RunAsNode fuse is off), the binary itself
 * is the launcher: a first argument that is a command word makes it run the CLI instead of
 * opening a window (electron/main/launchMode.ts); unpackaged, Electron also needs the app folder.
 */
export function cliCommand(args: readonly string[]): string[] {
  if (process.versions.electron === undefined) return [process.execPath, runtimePath('cliBundle'), ...args];
  const unpackaged = (process as { defaultApp?: boolean }).defaultApp === true;
  return [process.execPath, ...(unpackaged ? [appRoot()] : []), ...args];
}
