import { readRegularFile } from '../../fs/readRegularFile';
import { isAbsolute, resolve } from 'node:path';
import { parseArrayRange } from '../../../../shared/jobs/arrayRange';
import { parseSlurmTime } from '../../../../shared/jobs/slurmValues';
import { checkedSlurmJobIds } from '../../slurm/slurmJobIds';
import { SchedulerError, type SubmitRequest } from '../types';
import type { Job } from './embeddedState';
import type { JobTable } from './jobTable';

/** A submission as this scheduler will keep it, before it has an id. */
export type CheckedSubmit = {
  fields: Omit<Job, 'jobId' | 'scriptCopy' | 'submittedAt' | 'tasks' | 'pendingReason' | 'cursor' | 'unfinished' | 'running' | 'committed'>;
  taskCount: number;
  script: Uint8Array;
};

const reject = (message: string) => new SchedulerError('scheduler-rejected', message);

/**
 * Refuses what sbatch would refuse (a bad array or time, an unknown dependency, a script without
 * `#!`), and what this one computer cannot ever run (several nodes, more CPUs than it may use), in
 * words that say what to change.
 */
export async function checkSubmit(request: SubmitRequest, table: JobTable, maxCpus: number): Promise<CheckedSubmit> {
  const { resources } = request;
  let taskCount = 1;
  let maxParallel: number | null = null;
  if (request.array !== null) {
    const range = parseArrayRange(request.array);
    if (typeof range === 'string') throw reject(`Invalid job array specification ${request.array}: ${range}`);
    taskCount = range.indices.length;
    maxParallel = range.maxParallel;
  }
  const timeLimitSeconds = resources.time === undefined ? null : parseSlurmTime(resources.time);
  if (timeLimitSeconds === undefined || timeLimitSeconds === 0) throw reject(`Invalid time limit specification: ${resources.time ?? ''}`);
  if ((resources.nodes ?? 1) > 1) throw reject(`This computer is a single node, and the job asks for ${resources.nodes} nodes`);
  const cpusPerTask = resources.cpusPerTask ?? 1;
  const ntasks = resources.ntasks ?? 1;
  if (cpusPerTask * ntasks > maxCpus) {
    throw reject(
      `The job asks for ${cpusPerTask * ntasks} CPUs (${ntasks} tasks × ${cpusPerTask} CPUs per task), ` +
        `but This computer runs at most ${maxCpus} at once: ask for fewer`,
    );
  }
  if (!isAbsolute(request.workdir)) throw reject(`The working folder must be an absolute path: ${request.workdir}`);
  const dependencies = request.dependencies.map(({ type, slurmId }) => {
    const [id] = checkedSlurmJobIds([slurmId]);
    const found = table.resolve(id!);
    if (found === null) throw reject(`Job dependency problem: job ${id} is not known to This computer`);
    // Stored in the canonical form, so the target is found again whatever id named it.
    const { job, tasks } = found;
    const canonical = tasks.length === 1 && tasks[0]!.index !== null ? `${job.jobId}_${tasks[0]!.index}` : String(job.jobId);
    return { type, slurmId: canonical };
  });
  const script = await readScript(request.scriptPath);
  return {
    fields: {
      clientId: request.clientId,
      name: request.name,
      comment: request.comment,
      workdir: request.workdir,
      // sbatch takes relative output paths from the working folder.
      stdoutPath: resolve(request.workdir, request.stdoutPath),
      stderrPath: resolve(request.workdir, request.stderrPath),
      cpusPerTask,
      ntasks,
      partition: resources.partition ?? 'embedded',
      timeLimitSeconds,
      array: request.array,
      maxParallel,
      dependencies,
    },
    taskCount,
    script,
  };
}

/** Slurm's default max_script_size. */
const maxBatchScriptBytes = 4 * 1024 * 1024;

/** sbatch reads the script when it submits, and only accepts one that names its interpreter. */
async function readScript(path: string): Promise<Uint8Array> {
  // The job folder is the job's to change: a FIFO or a device there is refused, never waited on.
  const read = readRegularFile(path, maxBatchScriptBytes);
  if (!read.ok) {
    const why = read.problem === 'unreadable' ? read.code : read.problem === 'not-a-file' ? `it is a ${read.kind}` : `it is ${read.size} bytes, over ${maxBatchScriptBytes}`;
    throw reject(`Unable to open the batch script ${path} (${why})`);
  }
  const script = new Uint8Array(read.bytes);
  if (script[0] !== 0x23 || script[1] !== 0x21) {
    throw reject(`${path} does not look like a batch script: its first line must start with #! and the interpreter's path`);
  }
  return script;
}
