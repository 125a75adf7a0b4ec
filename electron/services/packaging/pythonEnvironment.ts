import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { posix } from 'node:path';
import { parse as parseToml } from 'smol-toml';
import { AppError } from '../../../shared/errors';
import type { PackagingSpec } from '../../../shared/jobs/packagingSpec';
import type { ProjectFile } from './projectFiles';

/** A venv the job reuses or builds: where it lives on the cluster, and what goes into it. */
export type VenvPlan = {
  kind: 'venv';
  /** SHA-256 of everything that decides the venv's content: equal keys, the same venv. */
  key: string;
  folder: string;
  /** pip arguments after `install`, paths relative to the job's working folder. */
  installs: string[];
  /** Where the dependencies come from, for people: "requirements.txt", "pyproject.toml", "no dependencies". */
  source: string;
  /** The project's own wheel (relative to the working folder), installed into the job alone. */
  ownWheel: string | null;
};
export type EnvironmentPlan = { kind: 'system' } | VenvPlan;

/** Bumped when the build steps change, so no venv built the old way is reused. */
const buildVersion = 1;

/**
 * Decides the venv from the project's files: `requirements` when named, else requirements.txt,
 * else pyproject.toml's [project].dependencies. The key hashes the interpreter, the requirement
 * text and every wheel of the wheelhouse, never the project's code, so editing the code reuses
 * the venv (the `wheel` mode installs the code per job, beside the venv).
 */
export async function planEnvironment(
  packaging: PackagingSpec | undefined,
  files: readonly ProjectFile[],
  context: { interpreter: string; cacheDir: string; ownWheel: string | null },
): Promise<EnvironmentPlan> {
  if (!packaging || packaging.python === 'system') return { kind: 'system' };
  const byPath = new Map(files.map((file) => [file.relative, file]));
  const named = packaging.requirements;
  if (named && !byPath.has(named)) {
    throw new AppError('invalid-spec', `packaging.requirements: ${named} is not in the upload (excluded, ignored or missing); include it or name another file.`);
  }
  const chosen = named ?? ['requirements.txt', 'pyproject.toml'].find((path) => byPath.has(path)) ?? null;
  const installs: string[] = [];
  const inputs: unknown[] = [buildVersion, context.interpreter];
  let source = 'no dependencies';
  if (chosen) {
    const file = byPath.get(chosen)!;
    source = chosen;
    if (chosen.endsWith('.toml')) {
      const dependencies = await pyprojectDependencies(file.absolute, chosen);
      installs.push(...dependencies);
      inputs.push(dependencies);
    } else {
      installs.push('-r', chosen);
      inputs.push(file.hash);
    }
  }
  if (packaging.wheelhouse) {
    const prefix = `${packaging.wheelhouse.replace(/\/+$/, '')}/`;
    const wheels = files.filter((file) => file.relative.startsWith(prefix));
    if (wheels.length === 0) throw new AppError('invalid-spec', `packaging.wheelhouse: ${packaging.wheelhouse} holds no files in the upload; put the wheels there or leave the setting out.`);
    installs.unshift('--no-index', '--find-links', packaging.wheelhouse);
    inputs.push(wheels.map((file) => `${file.relative}:${file.hash}`).sort());
  }
  const key = createHash('sha256').update(JSON.stringify(inputs)).digest('hex');
  return { kind: 'venv', key, folder: posix.join(context.cacheDir, 'venvs', key.slice(0, 24)), installs, source, ownWheel: context.ownWheel };
}

async function pyprojectDependencies(absolute: string, where: string): Promise<string[]> {
  let document: unknown;
  try {
    document = parseToml(await readFile(absolute, 'utf8'));
  } catch (error) {
    throw new AppError('invalid-spec', `packaging: ${where} is not valid TOML (${error instanceof Error ? error.message.split('\n')[0] : String(error)}).`);
  }
  const dependencies = (document as { project?: { dependencies?: unknown } }).project?.dependencies ?? [];
  if (!Array.isArray(dependencies) || dependencies.some((entry) => typeof entry !== 'string' || /[\0\r\n]/.test(entry))) {
    throw new AppError('invalid-spec', `packaging: [project].dependencies in ${where} must be a list of requirement strings.`);
  }
  return dependencies as string[];
}
