#!/usr/bin/env node
// The `slurmdesk` command. Runs the built CLI (out/cli/main.mjs), building it first when it is
// missing or older than its sources, so a fresh clone works right after `npm ci`.
import { existsSync, readdirSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const built = join(root, 'out', 'cli', 'main.mjs');

function newestSource(folder) {
  let newest = 0;
  for (const entry of readdirSync(folder, { withFileTypes: true })) {
    const path = join(folder, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestSource(path) : statSync(path).mtimeMs);
  }
  return newest;
}

const sources = ['shared', join('electron', 'cli'), join('electron', 'services')].map((folder) => join(root, folder));
if (!existsSync(built) || statSync(built).mtimeMs < Math.max(...sources.map(newestSource))) {
  const { buildCli } = await import(pathToFileURL(join(root, 'build', 'scripts', 'build.mjs')).href);
  await buildCli();
}
await import(pathToFileURL(built).href);
