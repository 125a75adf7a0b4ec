import { execFileSync } from 'node:child_process';
import { join } from 'node:path';

/** Builds out/ once for the whole e2e run; each suite then starts the app with --no-build. */
export default function buildOnce() {
  const root = join(import.meta.dirname, '..', '..');
  // Vitest sets NODE_ENV=test, which would make Vite bundle React's development build: test what ships.
  execFileSync(process.execPath, [join(root, 'build', 'scripts', 'build.mjs')], { cwd: root, stdio: 'inherit', env: { ...process.env, NODE_ENV: 'production' } });
}
