import type { ErrorDetail } from '../../shared/errors';
import type { FieldErrors, FieldKey } from './submitFormStore';

/** Where a path into the spec lands on the form; the first matching prefix wins. */
const pathFields: [prefix: string, field: FieldKey][] = [
  ['name', 'name'],
  ['cluster', 'cluster'],
  ['task.body', 'body'],
  ['task.sourceFile', 'body'],
  ['task.target', 'pythonModule'],
  ['task.args', 'args'],
  ['task.kwargs', 'kwargs'],
  ['task.interpreter', 'interpreter'],
  ['task.setup', 'setup'],
  ['resources.partition', 'partition'],
  ['resources.account', 'account'],
  ['resources.qos', 'qos'],
  ['resources.time', 'time'],
  ['resources.nodes', 'nodes'],
  ['resources.ntasks', 'ntasks'],
  ['resources.cpusPerTask', 'cpusPerTask'],
  ['resources.memPerCpu', 'memPerCpu'],
  ['resources.mem', 'mem'],
  ['resources.gpus', 'gpus'],
  ['resources.gres', 'gres'],
  ['resources.constraint', 'constraint'],
  ['resources.extra', 'extra'],
  ['array.range', 'arrayRange'],
  ['array.items', 'arrayItems'],
  ['array.maxParallel', 'arrayMaxParallel'],
  ['array', 'arrayRange'],
  ['dependencies', 'dependencies'],
  ['packaging.python', 'pythonEnvironment'],
  ['packaging.container.runtime', 'containerRuntime'],
  ['packaging.container.image', 'containerImage'],
  ['packaging', 'pythonEnvironment'],
  ['upload', 'pythonEnvironment'],
];

/** The dispatcher names paths from the params (`spec.resources.time`), the engine from the spec. */
export function fieldForPath(path: string): FieldKey | null {
  const inSpec = path.replace(/^spec\./, '');
  for (const [prefix, field] of pathFields) {
    if (inSpec === prefix || inSpec.startsWith(`${prefix}.`)) return field;
  }
  return null;
}

/** The first message per field: one problem at a time is easier to act on. */
export function fieldErrorsFromDetails(details: readonly ErrorDetail[]): FieldErrors {
  const errors: FieldErrors = {};
  for (const detail of details) {
    const field = fieldForPath(detail.path);
    if (field && errors[field] === undefined) errors[field] = detail.message;
  }
  return errors;
}
