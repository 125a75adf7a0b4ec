import type { PartitionOverview } from '../../shared/clusters/partitionOverview';
import { parseArrayRange } from '../../shared/jobs/arrayRange';
import { JobSpecSchema, type JobSpecInput } from '../../shared/jobs/jobSpec';
import type { JsonValue } from '../../shared/jobs/jsonValue';
import { parseSlurmTime } from '../../shared/jobs/slurmValues';
import { csvItems } from './csvItems';
import { wordsForSchemaIssue } from '../app/schemaIssueWords';
import { fieldForPath } from './fieldErrorsFromAppError';
import { fieldLabels } from './fieldLabels';
import { describeJsonProblem, findJsonProblem } from './jsonErrorPosition';
import type { FieldErrors, SubmitFields } from './submitFormStore';

export type BuiltSpec = { ok: true; spec: JobSpecInput } | { ok: false; errors: FieldErrors };

/** The packaging the form asks for, when it asks for anything beyond the system's Python. */
function packagingOf(fields: SubmitFields): Pick<JobSpecInput, 'packaging'> {
  const runtime = fields.containerRuntime.trim();
  if (fields.pythonEnvironment === 'system' && runtime === '') return {};
  const container = runtime === '' ? {} : { container: { runtime, image: fields.containerImage.trim() } };
  return { packaging: { python: fields.pythonEnvironment, ...container } as JobSpecInput['packaging'] };
}

/** Parsed JSON, or the message with line and column. */
function readJson(what: string, text: string): { ok: true; value: unknown } | { ok: false; message: string } {
  const problem = findJsonProblem(text);
  if (problem) return { ok: false, message: describeJsonProblem(what, problem) };
  return { ok: true, value: JSON.parse(text) as unknown };
}

/** What is wrong with the args text, or null; shown while typing and checked again before sending. */
export function checkArgs(text: string): string | null {
  if (text.trim() === '') return null;
  const parsed = readJson('Args', text);
  if (!parsed.ok) return parsed.message;
  return Array.isArray(parsed.value) ? null : 'Args must be a JSON array, like [1, "two"]';
}

export function checkKwargs(text: string): string | null {
  if (text.trim() === '') return null;
  const parsed = readJson('Kwargs', text);
  if (!parsed.ok) return parsed.message;
  const value = parsed.value;
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? null : 'Kwargs must be a JSON object, like {"n": 3}';
}

export function checkArrayRange(text: string): string | null {
  if (text.trim() === '') return 'Give a range like 0-99%10, or choose "No array"';
  const parsed = parseArrayRange(text.trim());
  return typeof parsed === 'string' ? parsed : null;
}

/** The items of an array from pasted JSON (an array) or CSV (a header row, then one row per task). */
export function readArrayItems(fields: Pick<SubmitFields, 'arrayItems' | 'itemsFormat'>): { ok: true; items: JsonValue[] } | { ok: false; message: string } {
  if (fields.arrayItems.trim() === '') return { ok: false, message: 'Paste the items, one array task each' };
  if (fields.itemsFormat === 'csv') {
    const parsed = csvItems(fields.arrayItems);
    return parsed.ok ? { ok: true, items: parsed.items } : parsed;
  }
  const parsed = readJson('The items', fields.arrayItems);
  if (!parsed.ok) return parsed;
  return Array.isArray(parsed.value) ? { ok: true, items: parsed.value as JsonValue[] } : { ok: false, message: 'The items must be a JSON array, one element per task' };
}

/** "The debug partition allows at most 1:00:00", when the time asked for is longer. */
export function checkTimeAgainstPartition(time: string, partition: PartitionOverview | undefined): string | null {
  if (!partition || partition.maxTimeMinutes === null || time.trim() === '') return null;
  const seconds = parseSlurmTime(time.trim());
  if (seconds === undefined) return null; // the schema says what is wrong with it
  if (seconds === null || seconds > partition.maxTimeMinutes * 60) return `The ${partition.name} partition allows at most ${partition.timeLimit}`;
  return null;
}


function optional(text: string): string | undefined {
  const trimmed = text.trim();
  return trimmed === '' ? undefined : trimmed;
}

const lines = (text: string) => text.split('\n').map((line) => line.trim()).filter((line) => line !== '');

type WholeNumberField = 'nodes' | 'ntasks' | 'cpusPerTask' | 'arrayMaxParallel';
const wholeNumberLabels: Record<WholeNumberField, string> = { nodes: 'Nodes', ntasks: 'Tasks', cpusPerTask: 'CPUs per task', arrayMaxParallel: 'At most running' };

export type BuildContext = {
  /** The chosen cluster's partitions, when known: the time limit is checked against them. */
  partitions?: readonly PartitionOverview[];
};

/**
 * Turns the form into a spec and checks it with the same schema main uses, so every problem is
 * shown next to its field and nothing is sent while any remains.
 */
export function buildJobSpec(fields: SubmitFields, context: BuildContext = {}): BuiltSpec {
  const errors: FieldErrors = {};
  const numbers: Partial<Record<WholeNumberField, number>> = {};
  for (const key of Object.keys(wholeNumberLabels) as WholeNumberField[]) {
    const value = optional(fields[key]);
    if (value === undefined) continue;
    if (/^\d{1,9}$/.test(value)) numbers[key] = Number(value);
    else errors[key] = `${wholeNumberLabels[key]} is a whole number, like 4`;
  }

  let task: JobSpecInput['task'];
  if (fields.kind === 'script') {
    task = { kind: 'script', body: fields.body, ...(optional(fields.sourceFile) ? { sourceFile: fields.sourceFile.trim() } : {}) };
  } else {
    const argsError = checkArgs(fields.args);
    const kwargsError = checkKwargs(fields.kwargs);
    if (argsError) errors.args = argsError;
    if (kwargsError) errors.kwargs = kwargsError;
    const module = fields.pythonModule.trim();
    const fn = fields.pythonFunction.trim();
    if (module === '') errors.pythonModule = 'Give a module (package.module) or a file (path/to/file.py)';
    if (fn === '') errors.pythonFunction = 'Give the function to call';
    if (module.endsWith('.py') && !fields.upload) errors.pythonModule = 'This file is on this computer: pick it under "Files from this computer" so it goes with the job';
    task = { kind: 'python', target: `${module}:${fn}`, setup: lines(fields.setup) };
    const interpreter = optional(fields.interpreter);
    if (interpreter !== undefined) task.interpreter = interpreter;
    if (!argsError && fields.args.trim() !== '') task.args = JSON.parse(fields.args) as JsonValue[];
    if (!kwargsError && fields.kwargs.trim() !== '') task.kwargs = JSON.parse(fields.kwargs) as Record<string, JsonValue>;
  }

  const resources: NonNullable<JobSpecInput['resources']> = { extra: lines(fields.extra) };
  for (const key of ['partition', 'account', 'qos', 'time', 'mem', 'memPerCpu', 'gpus', 'gres', 'constraint'] as const) {
    const value = optional(fields[key]);
    if (value !== undefined) resources[key] = value;
  }
  if (numbers.nodes !== undefined) resources.nodes = numbers.nodes;
  if (numbers.ntasks !== undefined) resources.ntasks = numbers.ntasks;
  if (numbers.cpusPerTask !== undefined) resources.cpusPerTask = numbers.cpusPerTask;
  const partition = context.partitions?.find((known) => known.name === resources.partition);
  const timeError = checkTimeAgainstPartition(fields.time, partition);
  if (timeError) errors.time = timeError;

  let array: JobSpecInput['array'];
  if (fields.arrayMode === 'range') {
    const rangeError = checkArrayRange(fields.arrayRange);
    if (rangeError) errors.arrayRange = rangeError;
    else array = { range: fields.arrayRange.trim() };
  } else if (fields.arrayMode === 'items') {
    const items = readArrayItems(fields);
    if (!items.ok) errors.arrayItems = items.message;
    else array = { items: items.items, ...(numbers.arrayMaxParallel === undefined ? {} : { maxParallel: numbers.arrayMaxParallel }) };
  }

  const spec: JobSpecInput = {
    name: fields.name.trim(),
    cluster: fields.cluster,
    task,
    resources,
    dependencies: fields.dependencies.map(({ type, on }) => ({ type, on })),
    environment: fields.environment,
    ...(array ? { array } : {}),
    ...(fields.upload ? { upload: fields.upload } : {}),
    ...packagingOf(fields),
  };
  // The schema's word on every field not already found wrong here.
  const checked = JobSpecSchema.safeParse(spec);
  if (!checked.success) {
    for (const issue of checked.error.issues) {
      const field = fieldForPath(issue.path.join('.'));
      if (field && errors[field] === undefined) errors[field] = wordsForSchemaIssue(issue, fieldLabels[field], JobSpecSchema);
    }
  }
  if (Object.keys(errors).length > 0) return { ok: false, errors };
  return { ok: true, spec };
}
