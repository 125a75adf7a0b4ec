import type { JobSpec } from '../../shared/jobs/jobSpec';
import type { JsonValue } from '../../shared/jobs/jsonValue';
import { initialFields, type DependencyEntry, type SubmitFields } from './submitFields';

/** Short JSON on one line, longer JSON indented so it can be edited. */
export function formatJson(value: JsonValue | Record<string, JsonValue>): string {
  const compact = JSON.stringify(value);
  return compact.length <= 60 ? compact : JSON.stringify(value, null, 2);
}

const text = (value: string | number | undefined) => (value === undefined ? '' : String(value));

/** A target is `module:function` or `path.py:function`; neither part before ':' may hold a ':'. */
function splitTarget(target: string): { pythonModule: string; pythonFunction: string } {
  const colon = target.indexOf(':');
  return colon < 0 ? { pythonModule: target, pythonFunction: '' } : { pythonModule: target.slice(0, colon), pythonFunction: target.slice(colon + 1) };
}

/** Every field of the form from a job's spec, so that submitting it unchanged gives the same spec. */
export function fieldsFromSpec(spec: JobSpec): SubmitFields {
  const { task, resources, array } = spec;
  const fields: SubmitFields = {
    ...initialFields,
    name: spec.name,
    cluster: spec.cluster,
    partition: text(resources.partition),
    account: text(resources.account),
    qos: text(resources.qos),
    time: text(resources.time),
    nodes: text(resources.nodes),
    ntasks: text(resources.ntasks),
    cpusPerTask: text(resources.cpusPerTask),
    mem: text(resources.mem),
    memPerCpu: text(resources.memPerCpu),
    gpus: text(resources.gpus),
    gres: text(resources.gres),
    constraint: text(resources.constraint),
    extra: resources.extra.join('\n'),
    dependencies: spec.dependencies.map((dependency): DependencyEntry => ({ ...dependency, label: 'job' in dependency.on ? dependency.on.job : dependency.on.slurmId })),
    environment: { ...spec.environment },
    upload: spec.upload ?? null,
    pythonEnvironment: spec.packaging?.python ?? 'system',
    containerRuntime: spec.packaging?.container?.runtime ?? '',
    containerImage: spec.packaging?.container?.image ?? '',
  };
  if (task.kind === 'script') {
    Object.assign(fields, { kind: 'script', body: task.body, sourceFile: task.sourceFile ?? '' });
  } else {
    Object.assign(fields, {
      kind: 'python',
      ...splitTarget(task.target),
      args: formatJson(task.args),
      kwargs: formatJson(task.kwargs),
      interpreter: task.interpreter === 'python3' ? '' : task.interpreter,
      setup: task.setup.join('\n'),
    });
  }
  if (array && 'range' in array) Object.assign(fields, { arrayMode: 'range', arrayRange: array.range });
  if (array && 'items' in array) {
    Object.assign(fields, { arrayMode: 'items', itemsFormat: 'json', arrayItems: formatJson(array.items), arrayMaxParallel: text(array.maxParallel) });
  }
  return fields;
}
