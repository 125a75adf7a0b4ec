import { execFile } from 'node:child_process';
import { mkdtemp, readdir, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AppError } from '../../../shared/errors';
import { hashFile, type ProjectFile } from './projectFiles';

/** Where the built wheel sits in the job's copy of the project. */
export const ownWheelFolder = '.slurmdesk-wheel';

/** Interpreters tried on this computer, in order: the first that builds the wheel offline wins. */
const builders = ['python3', '/usr/bin/python3'];

/**
 * Builds the project (its pyproject.toml or setup.py) into a wheel on this computer, offline:
 * `pip wheel --no-deps --no-build-isolation --no-index`, so the build backend already installed
 * here is used and nothing is downloaded. Returns it as one more file of the upload.
 */
export async function buildOwnWheel(projectRoot: string): Promise<ProjectFile> {
  const out = await mkdtemp(join(tmpdir(), 'slurmdesk-wheel-'));
  const failures: string[] = [];
  for (const python of builders) {
    const outcome = await run(python, ['-m', 'pip', 'wheel', '--no-deps', '--no-build-isolation', '--no-index', '--disable-pip-version-check', '--quiet', '--wheel-dir', out, projectRoot]);
    if (outcome.ok) break;
    failures.push(`${python}: ${outcome.message}`);
  }
  const wheels = (await readdir(out)).filter((name) => name.endsWith('.whl'));
  if (wheels.length !== 1) {
    throw new AppError(
      'wheel-build-failed',
      `packaging: the project in ${projectRoot} could not be built into a wheel here (${failures.join('; ') || 'no wheel came out'}). It needs a pyproject.toml or setup.py and pip with setuptools and wheel installed on this computer.`,
    );
  }
  const absolute = join(out, wheels[0]!);
  return { absolute, relative: `${ownWheelFolder}/${wheels[0]}`, size: (await stat(absolute)).size, executable: false, hash: await hashFile(absolute) };
}

function run(program: string, args: string[]): Promise<{ ok: true } | { ok: false; message: string }> {
  return new Promise((resolve) => {
    execFile(program, args, { timeout: 300_000, maxBuffer: 4 * 1024 * 1024 }, (error, _stdout, stderr) => {
      if (!error) resolve({ ok: true });
      else resolve({ ok: false, message: (stderr.trim().split('\n').pop() ?? '') || error.message.split('\n')[0]! });
    });
  });
}
