import { execFile, execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, it } from 'vitest';

/**
 * The real test cluster, started and stopped by the project's own script. Where Slurm is missing
 * the suites are skipped with the command that installs it; under CI=true that is a failure.
 */
const root = join(import.meta.dirname, '..', '..', '..');
const script = join(root, 'test', 'daemons', 'slurm.sh');
const run = promisify(execFile);

export type ClusterMode = 'plain' | 'accounting';

function onPath(program: string): boolean {
  try {
    execFileSync('sh', ['-c', 'command -v "$1"', 'sh', program], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

/** Null when the cluster can run here, else why not. */
export function slurmUnavailableReason(): string | null {
  const missing = ['sbatch', 'squeue', 'slurmctld', 'slurmd', 'munged'].filter((program) => !onPath(program));
  if (missing.length > 0) return `Slurm is not installed (missing ${missing.join(', ')}); install it with: sudo bash test/daemons/slurm.sh install`;
  if (process.getuid?.() !== 0) return 'the test cluster starts daemons and writes /etc/slurm, so these tests must run as root';
  return null;
}

/** `describe` when the cluster can run, a skip with the reason otherwise, a failing test under CI. */
export function describeWithSlurm(name: string, body: () => void): void {
  const reason = slurmUnavailableReason();
  if (reason === null) {
    describe(name, body);
  } else if (process.env.CI === 'true') {
    describe(name, () => {
      it('has a Slurm cluster to run against (CI=true: a skip would hide a broken setup)', () => {
        throw new Error(reason);
      });
    });
  } else {
    console.warn(`Skipping "${name}": ${reason}`);
    describe.skip(name, body);
  }
}

/**
 * Starts the cluster in this mode (a fresh start: no jobs, ids from 1). Another suite may hold the
 * cluster in the other mode for a moment; the script serializes starts, so retrying is enough.
 */
export async function startCluster(mode: ClusterMode): Promise<void> {
  const args = mode === 'accounting' ? ['start', '--accounting'] : ['start'];
  let lastError: unknown = null;
  for (let attempt = 1; attempt <= 5; attempt += 1) {
    try {
      await run('bash', [script, ...args], { timeout: 150_000 });
      return;
    } catch (error) {
      lastError = error;
      await new Promise((resolve) => setTimeout(resolve, 3_000));
    }
  }
  throw new Error(`bash test/daemons/slurm.sh ${args.join(' ')} failed 5 times: ${describeFailure(lastError)}`);
}

export async function stopCluster(): Promise<void> {
  await run('bash', [script, 'stop'], { timeout: 120_000 });
}

function describeFailure(error: unknown): string {
  if (error instanceof Error && 'stderr' in error) return `${error.message}\n${String(error.stderr)}`;
  return String(error);
}
