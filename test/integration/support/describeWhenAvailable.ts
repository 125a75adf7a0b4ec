import { execFileSync } from 'node:child_process';
import { describe, it } from 'vitest';

/** True when `program` is on PATH (or is an absolute path to an executable). */
export function onPath(program: string): boolean {
  try {
    execFileSync('sh', ['-c', 'command -v "$1"', 'sh', program], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

/**
 * `describe` when the real component can run (reason null); otherwise a skip that prints the
 * reason, and under CI=true (or wherever `required` says the component must run) a failing test
 * instead, because there a skip would hide a broken setup.
 */
export function describeWhenAvailable(name: string, reason: string | null, body: () => void, required = process.env.CI === 'true'): void {
  if (reason === null) {
    describe(name, body);
  } else if (required) {
    describe(name, () => {
      it('has the real component to run against (CI=true: a skip would hide a broken setup)', () => {
        throw new Error(reason);
      });
    });
  } else {
    console.warn(`Skipping "${name}": ${reason}`);
    describe.skip(name, body);
  }
}
