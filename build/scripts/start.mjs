#!/usr/bin/env node
// `npm start`: builds, then launches the desktop app. Where no Electron binary exists and none
// can be downloaded (air-gapped sites, headless login nodes, CI), it serves the same app in
// browser mode on 127.0.0.1 instead.
//   --browser    browser mode without trying Electron (also SLURMDESK_BROWSER_MODE=1)
//   --no-build   use what is already in out/
//   --no-open    browser mode: print the address but do not open a browser
//   --port N     browser mode: listen on N instead of a free port
import { spawn } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { buildAll } from './build.mjs';
import { electronUnavailableMessage, installedElectronBinary, tryDownloadElectron } from './electronBinary.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const args = process.argv.slice(2);
const take = (flag) => {
  const index = args.indexOf(flag);
  if (index === -1) return false;
  args.splice(index, 1);
  return true;
};
const forceBrowser = take('--browser') || process.env.SLURMDESK_BROWSER_MODE === '1';
const skipBuild = take('--no-build');

if (!skipBuild) await buildAll({ quiet: true });

let electron = forceBrowser ? null : installedElectronBinary(root);
if (!forceBrowser && !electron) {
  const attempt = tryDownloadElectron(root);
  if (attempt.ok) electron = installedElectronBinary(root);
  else console.error(electronUnavailableMessage(root, attempt.reason));
}

if (electron) {
  const child = spawn(electron, [root, ...args], { stdio: 'inherit' });
  for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal));
  child.on('exit', (code) => process.exit(code ?? 1));
} else {
  process.argv = [process.argv[0], 'slurmdesk-web', ...args];
  await import(pathToFileURL(join(root, 'out', 'web', 'main.mjs')).href);
}
