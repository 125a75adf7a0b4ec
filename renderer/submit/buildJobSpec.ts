import type { JobSpecInput } from '../../shared/jobs/jobSpec';
import type { JsonValue } from '../../shared/jobs/jsonValue';
import type { FieldErrors, SubmitFields } from './submitFormStore';

export type BuiltSpec = { ok: true; spec: JobSpecInput } | { ok: false; errors: FieldErrors };

function parseJson(text: string): { ok: true; value: unknown } | { ok: false; message: string } {
  try {
    return { ok: true, value: JSON.parse(text) as unknown };
  } catch (error) {
    return { ok: false, message: error instanceof Error ? error.message : 'not valid JSON' };
  }
}

/** What is wrong with the args text, or null; shown while typing and checked again before sending. */
export function checkArgs(text: string): string | null {
  if (text.trim() === '') return null;
  const parsed = parseJson(text);
  if (!parsed.ok) return `Args are not valid JSON: ${parsed.message}`;
  return Array.isArray(parsed.value) ? null : 'Args must be a JSON list, like [1, "two"]';
}

export function checkKwargs(text: string): string | null {
  if (text.trim() === '') return null;
  const parsed = parseJson(text);
  if (!parsed.ok) return `Kwargs are not valid JSON: ${parsed.message}`;
  const value = parsed.value;
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? null : 'Kwargs must be a JSON object, like {"n": 3}';
}

function optional(text: string): string | undefined {
  const trimmed = text.trim();
  return trimmed === '' ? undefined : trimmed;
}

/**
 * Turns the form into a spec. Only what the contract cannot judge (JSON syntax, a number field) is
 * checked here; everything else is left to the schema in main, whose messages the form shows.
 */
export function buildJobSpec(fields: SubmitFields): BuiltSpec {
  const errors: FieldErrors = {};
  const cpusText = optional(fields.cpusPerTask);
  if (cpusText !== undefined && !/^\d+$/.test(cpusText)) errors.cpusPerTask = 'CPUs per task is a whole number, like 4';

  let task: JobSpecInput['task'];
  if (fields.kind === 'script') {
    task = { kind: 'script', body: fields.body };
  } else {
    const argsError = checkArgs(fields.args);
    const kwargsError = checkKwargs(fields.kwargs);
    if (argsError) errors.args = argsError;
    if (kwargsError) errors.kwargs = kwargsError;
    task = { kind: 'python', target: fields.target.trim() };
    // Checked just above, so these parses succeed and have the right shape.
    if (!argsError && fields.args.trim() !== '') task.args = JSON.parse(fields.args) as JsonValue[];
    if (!kwargsError && fields.kwargs.trim() !== '') task.kwargs = JSON.parse(fields.kwargs) as Record<string, JsonValue>;
  }
  if (Object.keys(errors).length > 0) return { ok: false, errors };

  const resources: NonNullable<JobSpecInput['resources']> = {};
  const partition = optional(fields.partition);
  const time = optional(fields.time);
  const mem = optional(fields.mem);
  if (partition !== undefined) resources.partition = partition;
  if (time !== undefined) resources.time = time;
  if (mem !== undefined) resources.mem = mem;
  if (cpusText !== undefined) resources.cpusPerTask = Number(cpusText);

  return { ok: true, spec: { name: fields.name.trim(), cluster: fields.cluster, task, resources } };
}
