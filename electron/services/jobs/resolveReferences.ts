import type { JsonValue } from '../../../shared/jobs/jsonValue';
import { AppError } from '../../../shared/errors';
import type { JobRecord } from '../../../shared/jobs/jobRecord';
import { jobFiles } from './jobFolder';
import { posix } from 'node:path';

export type ReferencedJob = { id: string; slurmId: string };

/**
 * Turns `{"$slurmdesk": "result", "job": "sd-…"}` inside Python arguments into the form the runner
 * reads on the cluster (`{"$slurmdesk": "result", "path": "/…/result.json"}`), and reports which
 * jobs were referenced so the submission can wait for them (afterok).
 */
export function resolveResultReferences(
  value: JsonValue,
  lookup: (id: string) => JobRecord | undefined,
  cluster: string,
  referenced: Map<string, ReferencedJob>,
  where: string,
): JsonValue {
  if (Array.isArray(value)) return value.map((item, index) => resolveResultReferences(item, lookup, cluster, referenced, `${where}[${index}]`));
  if (value === null || typeof value !== 'object') return value;
  if (value.$slurmdesk === 'result') {
    const id = value.job;
    const task = value.task;
    if (typeof id !== 'string') throw new AppError('invalid-spec', `${where}: a result reference needs "job": the id of a Slurm Desk job.`);
    const target = lookup(id);
    if (!target) throw new AppError('invalid-spec', `${where}: job ${id} is not known to Slurm Desk.`);
    if (target.cluster !== cluster) {
      throw new AppError('invalid-spec', `${where}: job ${id} ran on ${target.cluster}; a result can only be passed to a job on the same cluster.`);
    }
    if (!target.slurmId) throw new AppError('invalid-spec', `${where}: job ${id} has not been accepted by the scheduler yet.`);
    referenced.set(id, { id, slurmId: target.slurmId });
    const taskNumber = typeof task === 'number' ? task : null;
    return { $slurmdesk: 'result', path: posix.join(target.jobDir, jobFiles.result(taskNumber)) };
  }
  const out: Record<string, JsonValue> = {};
  for (const [key, item] of Object.entries(value)) out[key] = resolveResultReferences(item, lookup, cluster, referenced, `${where}.${key}`);
  return out;
}
