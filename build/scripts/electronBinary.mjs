// Finds Electron's binary without triggering the electron package's lazy download (which throws
// where the download host is unreachable), and offers one explicit download attempt.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { URL } from 'node:url';

export function installedElectronBinary(root) {
  const packageDir = join(root, 'node_modules', 'electron');
  const pathFile = join(packageDir, 'path.txt');
  if (!existsSync(pathFile)) return null;
  const relative = readFileSync(pathFile, 'utf8').trim();
  const distDir = process.env.ELECTRON_OVERRIDE_DIST_PATH || join(packageDir, 'dist');
  const binary = join(distDir, relative);
  return existsSync(binary) ? binary : null;
}

const downloadTimeoutMs = 180_000;

/**
 * One bounded attempt with Electron's own installer (honours ELECTRON_MIRROR and its cache).
 * A failure comes back as `reason`: what went wrong in plain words, never the installer's stack.
 */
export function tryDownloadElectron(root) {
  const installer = join(root, 'node_modules', 'electron', 'install.js');
  if (!existsSync(installer)) return { ok: false, reason: 'the electron package is not installed (run npm ci first)' };
  const result = spawnSync(process.execPath, [installer], { encoding: 'utf8', timeout: downloadTimeoutMs });
  if (result.status === 0 && installedElectronBinary(root)) return { ok: true };
  return { ok: false, reason: downloadFailure(result, process.env) };
}

/** What the installer's output means, for a person: `fetch failed` is a connection that never happened. */
export function downloadFailure(result, env) {
  const host = downloadHost(env);
  const output = `${result.stderr ?? ''}\n${result.stdout ?? ''}`;
  if (result.error?.code === 'ETIMEDOUT' || result.signal) return `downloading it from ${host} did not finish within ${downloadTimeoutMs / 60_000} minutes`;
  if (/fetch failed|ENOTFOUND|EAI_AGAIN|ECONNREFUSED|ECONNRESET|ETIMEDOUT|ENETUNREACH|EHOSTUNREACH|socket hang up/i.test(output)) {
    return `this computer could not connect to ${host} (no network, a name that does not resolve, or a proxy or firewall in the way)`;
  }
  if (/\b404\b|not found/i.test(output)) return `${host} does not have this Electron release`;
  if (/checksum|shasum|integrity/i.test(output)) return `the file downloaded from ${host} did not match Electron's published checksum`;
  if (/EACCES|EPERM|EROFS|ENOSPC/.test(output)) return `the download could not be saved (no permission or no space in node_modules/electron or the cache folder)`;
  return `downloading it from ${host} failed (the installer exited with status ${result.status ?? 'none'})`;
}

function downloadHost(env) {
  const mirror = env.ELECTRON_MIRROR || env.npm_config_electron_mirror || env.electron_config_mirror;
  if (!mirror) return 'github.com';
  try {
    return new URL(mirror).host || mirror;
  } catch {
    return mirror;
  }
}

/** The lines `npm start` prints when it falls back to browser mode: what failed, what happens, what to do. */
export function electronUnavailableMessage(root, reason) {
  let version = 'this';
  try {
    version = JSON.parse(readFileSync(join(root, 'node_modules', 'electron', 'package.json'), 'utf8')).version;
  } catch {
    // No electron package: the reason already says to run npm ci.
  }
  return [
    `Slurm Desk could not get Electron's binary (version ${version}): ${reason}.`,
    'Starting browser mode instead: the same app, served on 127.0.0.1 for your browser.',
    'To get the desktop app, point npm start at a copy of Electron your site has, then run it again:',
    `  ELECTRON_MIRROR=https://mirror.example.org/electron/    an internal mirror of Electron's releases`,
    `  electron_config_cache=/path/to/cache                     a folder holding electron-v${version}-${process.platform}-${process.arch}.zip`,
    `  ELECTRON_OVERRIDE_DIST_PATH=/path/to/unpacked/electron   an Electron ${version} already unpacked`,
    'To go straight to browser mode next time: npm start -- --browser (or SLURMDESK_BROWSER_MODE=1).',
  ].join('\n');
}
