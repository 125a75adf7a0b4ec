import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';

// CWE-502: a result Python could not turn into JSON is kept as result.pkl, and loading a pickle
// runs code. Nothing in the app may ever read one: it shows the text repr the runner wrote.
const root = join(import.meta.dirname, '..', '..', '..');

function sources(folder: string): string[] {
  return readdirSync(folder).flatMap((name) => {
    const path = join(folder, name);
    if (statSync(path).isDirectory()) return sources(path);
    return /\.(ts|tsx|mjs|js|py)$/.test(name) ? [path] : [];
  });
}

describe('results are never unpickled', () => {
  it('no source in electron/, shared/ or renderer/ loads a pickle', () => {
    const offenders = ['electron', 'shared', 'renderer']
      .flatMap((folder) => sources(join(root, folder)))
      .filter((path) => /pickle\.loads?\(|Unpickler|unpickle\(|resultPickle\(/.test(readFileSync(path, 'utf8')))
      .map((path) => relative(root, path));
    expect(offenders).toEqual([]);
  });

  it('the runner only writes pickles', () => {
    const runner = readFileSync(join(root, 'electron/services/jobs/runner/slurmdesk_runner.py'), 'utf8');
    expect(runner).toMatch(/pickle\.dumps?\(/);
    expect(runner).not.toMatch(/pickle\.loads?\(/);
  });
});
