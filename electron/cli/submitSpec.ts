import { basename, dirname, isAbsolute, relative, resolve } from 'node:path';
import type { JobSpecInput } from '../../shared/jobs/jobSpec';
import { readRegularFile, regularFileError } from '../services/fs/readRegularFile';
import { UsageError } from './cliErrors';

export type SubmitFlags = {
  script?: string;
  python?: string;
  args?: string;
  kwargs?: string;
  interpreter?: string;
  setup: string[];
  name?: string;
  cluster: string;
  partition?: string;
  account?: string;
  qos?: string;
  time?: string;
  nodes?: string;
  ntasks?: string;
  'cpus-per-task'?: string;
  mem?: string;
  'mem-per-cpu'?: string;
  gpus?: string;
  gres?: string;
  constraint?: string;
  directive: string[];
  array?: string;
  items?: string;
  'max-parallel'?: string;
  after: string[];
  afterany: string[];
  afternotok: string[];
  env: string[];
  upload: string[];
  project?: string;
  'python-env'?: string;
  requirements?: string;
  wheelhouse?: string;
  exclude?: string[];
  container?: string;
};

/**
 * Turns command-line flags into a job spec. Only the shape is checked here (JSON parses, numbers
 * are numbers); the spec schema then checks every value, exactly as for the desktop app.
 */
export function specFromFlags(flags: SubmitFlags, cwd: string): JobSpecInput {
  if (!flags.script === !flags.python) throw new UsageError('Give either a script file or --python FILE.py:FUNCTION (or package.module:FUNCTION).');
  const spec: JobSpecInput = { name: flags.name ?? defaultName(flags), cluster: flags.cluster, task: { kind: 'script', body: '' } };
  let uploadRoot: string | null = null;
  const includes: string[] = [];

  if (flags.script) {
    const path = resolve(cwd, flags.script);
    const body = readNamedFile(path, maxScriptBytes, 'the script');
    spec.task = { kind: 'script', body, sourceFile: path };
  } else {
    const target = flags.python!;
    const colon = target.lastIndexOf(':');
    const modulePart = colon === -1 ? target : target.slice(0, colon);
    let cleanTarget = target;
    if (flags.project) uploadRoot = resolve(cwd, flags.project);
    if (modulePart.endsWith('.py')) {
      // The file is on this computer: upload it, keeping its path relative to the current folder (or the project).
      const absolute = resolve(cwd, modulePart);
      uploadRoot ??= isAbsolute(modulePart) || modulePart.startsWith('..') ? dirname(absolute) : cwd;
      const rel = relative(uploadRoot, absolute);
      includes.push(rel);
      cleanTarget = `${rel}${target.slice(colon)}`;
    }
    spec.task = {
      kind: 'python',
      target: cleanTarget,
      args: parseJson(flags.args ?? '[]', '--args'),
      kwargs: parseJson(flags.kwargs ?? '{}', '--kwargs'),
      setup: flags.setup,
      ...(flags.interpreter ? { interpreter: flags.interpreter } : {}),
    } as JobSpecInput['task'];
  }

  for (const path of flags.upload) {
    uploadRoot ??= cwd;
    includes.push(relative(uploadRoot, resolve(cwd, path)) || '.');
  }
  if (flags.project) {
    uploadRoot = resolve(cwd, flags.project);
    includes.splice(0, includes.length, '.');
  }
  if (uploadRoot) spec.upload = { root: uploadRoot, include: includes };
  const packaging = packagingFromFlags(flags);
  if (packaging) spec.packaging = packaging;

  spec.resources = resourcesFromFlags(flags);
  if (flags.array && flags.items) throw new UsageError('Give --array RANGE or --items JSON, not both.');
  if (flags.array) spec.array = { range: flags.array };
  if (flags.items) {
    const items = parseJson(flags.items.startsWith('@') ? readItemsFile(resolve(cwd, flags.items.slice(1))) : flags.items, '--items');
    if (!Array.isArray(items)) throw new UsageError('--items must be a JSON list (or @file.json holding one).');
    spec.array = { items, ...(flags['max-parallel'] ? { maxParallel: number(flags['max-parallel'], '--max-parallel') } : {}) };
  }
  spec.dependencies = [
    ...flags.after.map((id) => dependency('afterok', id)),
    ...flags.afterany.map((id) => dependency('afterany', id)),
    ...flags.afternotok.map((id) => dependency('afternotok', id)),
  ];
  spec.environment = Object.fromEntries(
    flags.env.map((pair) => {
      const equals = pair.indexOf('=');
      if (equals <= 0) throw new UsageError(`--env takes NAME=VALUE, not ${JSON.stringify(pair)}.`);
      return [pair.slice(0, equals), pair.slice(equals + 1)];
    }),
  );
  return spec;
}

/** --python-env, --requirements, --wheelhouse, --exclude and --container RUNTIME:IMAGE, when any is given. */
function packagingFromFlags(flags: SubmitFlags): JobSpecInput['packaging'] {
  const given = flags['python-env'] ?? flags.requirements ?? flags.wheelhouse ?? flags.container ?? flags.exclude?.[0];
  if (given === undefined) return undefined;
  if ((flags['python-env'] || flags.requirements || flags.wheelhouse) && !flags.project) {
    throw new UsageError('--python-env, --requirements and --wheelhouse need --project DIR: the folder whose files the environment is built from.');
  }
  const colon = flags.container?.indexOf(':') ?? -1;
  if (flags.container !== undefined && colon <= 0) throw new UsageError(`--container takes RUNTIME:IMAGE (podman:localhost/app:1, apptainer:/images/app.sif), not ${JSON.stringify(flags.container)}.`);
  return {
    exclude: flags.exclude ?? [],
    ...(flags['python-env'] ? { python: flags['python-env'] } : {}),
    ...(flags.requirements ? { requirements: flags.requirements } : {}),
    ...(flags.wheelhouse ? { wheelhouse: flags.wheelhouse } : {}),
    ...(flags.container ? { container: { runtime: flags.container.slice(0, colon), image: flags.container.slice(colon + 1) } } : {}),
  } as JobSpecInput['packaging'];
}

/** The resource flags given (and only those); values are checked by the spec schema, here only "is it a number". */
export function resourcesFromFlags(flags: SubmitFlags): NonNullable<JobSpecInput['resources']> {
  const resources: Record<string, unknown> = { extra: flags.directive };
  const texts = { partition: flags.partition, account: flags.account, qos: flags.qos, time: flags.time, mem: flags.mem, memPerCpu: flags['mem-per-cpu'], gpus: flags.gpus, gres: flags.gres, constraint: flags.constraint };
  for (const [key, value] of Object.entries(texts)) if (value !== undefined) resources[key] = value;
  const counts = { nodes: ['--nodes', flags.nodes], ntasks: ['--ntasks', flags.ntasks], cpusPerTask: ['--cpus-per-task', flags['cpus-per-task']] } as const;
  for (const [key, [flag, value]] of Object.entries(counts)) if (value !== undefined) resources[key] = number(value, flag);
  return resources as NonNullable<JobSpecInput['resources']>;
}

function defaultName(flags: SubmitFlags): string {
  const raw = flags.python ? flags.python.split(':').at(-1)! : basename(flags.script ?? 'job').replace(/\.[^.]*$/, '');
  return raw.replace(/[^A-Za-z0-9_.+-]/g, '_').replace(/^[^A-Za-z0-9]+/, '') || 'job';
}

function dependency(type: 'afterok' | 'afterany' | 'afternotok', id: string) {
  return { type, on: id.startsWith('sd-') ? { job: id } : { slurmId: id } };
}

function number(value: string, flag: string): number {
  if (!/^\d+$/.test(value)) throw new UsageError(`${flag} takes a whole number, not ${JSON.stringify(value)}.`);
  return Number(value);
}

function parseJson(text: string, flag: string): never {
  try {
    return JSON.parse(text) as never;
  } catch (error) {
    throw new UsageError(`${flag} is not valid JSON: ${error instanceof Error ? error.message : String(error)}`);
  }
}

function readItemsFile(path: string): string {
  return readNamedFile(path, maxItemsFileBytes, 'the items file');
}

/** sbatch's own default limit on a batch script (max_script_size, 4 MB). */
const maxScriptBytes = 4 * 1024 * 1024;
/** Far above any list of array items a person writes; /dev/zero or a FIFO is refused at once. */
const maxItemsFileBytes = 64 * 1024 * 1024;

function readNamedFile(path: string, maxBytes: number, what: string): string {
  const read = readRegularFile(path, maxBytes);
  if (read.ok) return read.bytes.toString('utf8');
  throw new UsageError(regularFileError(path, read, maxBytes, what).message);
}
