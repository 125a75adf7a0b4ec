import { createHash } from 'node:crypto';
import { basename } from 'node:path';
import { parse, TomlError } from 'smol-toml';
import type { z } from 'zod';
import type { SlurmfileProblem } from '../../../shared/contract/slurmfileMethods';
import { AppError } from '../../../shared/errors';
import { packagingFromTable } from '../../../shared/slurmfile/packagingTable';
import { environmentLayers, environmentNames, isTable, mergeLayers, sourcePath, type Table } from '../../../shared/slurmfile/environmentLayers';
import { secretKeys, SlurmfileEnvironmentSchema, type SlurmfileEnvironment } from '../../../shared/slurmfile/slurmfileSchema';
import { readRegularFile } from '../fs/readRegularFile';
import { locateKey } from './tomlLocations';

/** The most a Slurmfile may weigh: it is configuration, not data. */
export const maxSlurmfileBytes = 1024 * 1024;

/** A Slurmfile read from disk, whether or not it is valid: the exact bytes decide its trust. */
export type SlurmfileSource = {
  file: string;
  sha256: string;
  text: string;
  /** The Slurmfile's own table: the document, or `[tool.slurm]` of a pyproject.toml. */
  document: Table | null;
  /** Key path of that table in the file (['tool', 'slurm'] in a pyproject.toml). */
  prefix: string[];
  environments: string[];
  problems: SlurmfileProblem[];
};

/** One environment, merged and valid. */
export type LoadedEnvironment = {
  name: string;
  config: SlurmfileEnvironment;
  /** The environment (or the file's defaults) has a [cluster] table; else the default was applied. */
  namesCluster: boolean;
  warnings: SlurmfileProblem[];
  /** `file:line:column` of a key of the merged environment, for messages about it. */
  where: (path: readonly (string | number)[]) => string;
};

export function readSlurmfile(file: string): SlurmfileSource {
  // The bytes hashed are the bytes parsed: one read decides both trust and content.
  const read = readRegularFile(file, maxSlurmfileBytes);
  if (!read.ok) {
    if (read.problem === 'unreadable') throw new AppError('slurmfile-not-found', `Cannot read the Slurmfile ${file}: ${read.code}.`);
    if (read.problem === 'not-a-file') throw new AppError('slurmfile-invalid', `${file} is not a regular file (a folder, a device or a pipe); a Slurmfile is a TOML file.`);
    throw new AppError('slurmfile-invalid', `${file} is ${read.size} bytes; a Slurmfile may be at most ${maxSlurmfileBytes}.`);
  }
  const bytes = read.bytes;
  const sha256 = createHash('sha256').update(bytes).digest('hex');
  const text = bytes.toString('utf8');
  const source: SlurmfileSource = { file, sha256, text, document: null, prefix: [], environments: [], problems: [] };
  let parsed: Table;
  try {
    parsed = parse(text) as Table;
  } catch (error) {
    if (error instanceof TomlError) {
      const what = error.message.replace(/^Invalid TOML document: /, '').split('\n')[0]!;
      source.problems.push(problem(file, { line: error.line, column: error.column }, `not valid TOML: ${what}`));
      return source;
    }
    throw error;
  }
  if (basename(file) === 'pyproject.toml') {
    const tool = parsed.tool;
    const table = isTable(tool) ? tool.slurm : undefined;
    if (!isTable(table)) {
      source.problems.push(problem(file, null, 'this pyproject.toml has no [tool.slurm] table'));
      return source;
    }
    source.document = table;
    source.prefix = ['tool', 'slurm'];
  } else {
    source.document = parsed;
  }
  for (const secret of findSecrets(source.document)) {
    const location = locateKey(text, [...source.prefix, ...secret]);
    source.problems.push(
      problem(file, location, `${secret.join('.')}: a Slurmfile never holds a secret (it lives in the project, often in git). Remove it: Slurm Desk keeps passwords and passphrases in the system keychain and asks when it needs one.`),
    );
  }
  source.environments = environmentNames(source.document);
  return source;
}

/**
 * The chosen environment, merged and checked; every problem comes back with its place in the
 * file, and nothing is returned unless all of it is valid.
 */
export function loadEnvironment(source: SlurmfileSource, chosen: string): { environment: LoadedEnvironment | null; problems: SlurmfileProblem[] } {
  if (!source.document || source.problems.some((entry) => entry.severity === 'error')) return { environment: null, problems: source.problems };
  const layers = environmentLayers(source.document, chosen);
  if (!layers) {
    const known = source.environments.length > 0 ? `it defines ${source.environments.join(', ')}` : 'it defines none';
    const hint = chosen === 'default' ? ' Choose one with --slurm-env NAME or SLURM_ENV.' : '';
    return { environment: null, problems: [...source.problems, problem(source.file, null, `no environment ${JSON.stringify(chosen)}: ${known}.${hint}`)] };
  }
  const merged = mergeLayers(layers);
  const parsed = SlurmfileEnvironmentSchema.safeParse(merged);
  if (!parsed.success) {
    const problems = parsed.error.issues.slice(0, 20).map((issue) => {
      const keys = issue.code === 'unrecognized_keys' ? [...issue.path, issue.keys[0]!] : issue.path;
      const path = sourcePath(layers, keys.filter((key): key is string | number => typeof key !== 'symbol'));
      const location = locateKey(source.text, [...source.prefix, ...path]);
      return problem(source.file, location, describeIssue(issue, path));
    });
    return { environment: null, problems: [...source.problems, ...problems] };
  }
  const warnings: SlurmfileProblem[] = [];
  for (const key of parsed.data.packaging ? packagingFromTable(parsed.data.packaging).unused : []) {
    const path = sourcePath(layers, ['packaging', key]);
    warnings.push({ ...problem(source.file, locateKey(source.text, [...source.prefix, ...path]), `packaging.${key} is read for the Python SDK and not used by Slurm Desk`), severity: 'warning' });
  }
  const where = (path: readonly (string | number)[]) => problem(source.file, locateKey(source.text, [...source.prefix, ...sourcePath(layers, path)]), '').where;
  const namesCluster = isTable(merged) && merged.cluster !== undefined;
  return { environment: { name: chosen, config: parsed.data, namesCluster, warnings, where }, problems: [...source.problems, ...warnings] };
}

function describeIssue(issue: z.core.$ZodIssue, path: readonly (string | number)[]): string {
  const where = path.length > 0 ? `${path.join('.')}: ` : '';
  if (issue.code === 'unrecognized_keys') return `${where}unknown key${issue.keys.length > 1 ? `s ${issue.keys.join(', ')}` : ''}; see the README's Slurmfiles section for the keys a Slurmfile may have`;
  if (issue.code === 'invalid_type') return `${where}expected ${issue.expected}${issue.message.includes('received') ? `, ${issue.message.slice(issue.message.indexOf('received'))}` : ''}`;
  return `${where}${issue.message}`;
}

/** Key paths of every `password` or `passphrase` key, however deep. */
function findSecrets(node: unknown, path: (string | number)[] = []): (string | number)[][] {
  if (Array.isArray(node)) return node.flatMap((item, index) => findSecrets(item, [...path, index]));
  if (!isTable(node)) return [];
  return Object.entries(node).flatMap(([key, value]) => [
    ...((secretKeys as readonly string[]).includes(key.toLowerCase()) ? [[...path, key]] : []),
    ...findSecrets(value, [...path, key]),
  ]);
}

export function problem(file: string, location: { line: number; column: number } | null, message: string): SlurmfileProblem {
  return {
    severity: 'error',
    where: location ? `${file}:${location.line}:${location.column}` : file,
    line: location?.line ?? null,
    column: location?.column ?? null,
    message,
  };
}

/** A problem at a `file:line:column` (or plain file) place. */
export function problemAt(severity: 'error' | 'warning', where: string, message: string): SlurmfileProblem {
  const match = /:(\d+):(\d+)$/.exec(where);
  return { severity, where, line: match ? Number(match[1]) : null, column: match ? Number(match[2]) : null, message };
}

/** The problems as one error: `file:line:column: message` per line. */
export function slurmfileError(problems: readonly SlurmfileProblem[]): AppError {
  const errors = problems.filter((entry) => entry.severity === 'error');
  const lines = errors.map((entry) => `${entry.where}: ${entry.message}`);
  return new AppError('slurmfile-invalid', lines[0] ?? 'The Slurmfile is invalid.', errors.map((entry) => ({ path: entry.where, message: entry.message })));
}
