// Finds Electron's binary without triggering the electron package's lazy download (which throws
// where the download host is unreachable), and offers one explicit download attempt.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

export function installedElectronBinary(root) {
  const packageDir = join(root, 'node_modules', 'electron');
  const pathFile = join(packageDir, 'path.txt');
  if (!existsSync(pathFile)) return null;
  const relative = readFileSync(pathFile, 'utf8').trim();
  const distDir = process.env.ELECTRON_OVERRIDE_DIST_PATH || join(packageDir, 'dist');
  const binary = join(distDir, relative);
  return existsSync(binary) ? binary : null;
}

/** One bounded attempt with Electron's own installer (honours ELECTRON_MIRROR and its cache). */
export function tryDownloadElectron(root) {
  const installer = join(root, 'node_modules', 'electron', 'install.js');
  if (!existsSync(installer)) return { ok: false, reason: 'the electron package is not installed (run npm ci)' };
  const result = spawnSync(process.execPath, [installer], { encoding: 'utf8', timeout: 180_000 });
  if (result.status === 0 && installedElectronBinary(root)) return { ok: true };
  const lastLine = `${result.stderr ?? ''}`.trim().split('\n').find((line) => /error/i.test(line)) ?? 'download failed';
  return { ok: false, reason: lastLine.trim().slice(0, 200) };
}
