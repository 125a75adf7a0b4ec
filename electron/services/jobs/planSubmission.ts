import { posix } from 'node:path';
import { AppError } from '../../../shared/errors';
import { arrayRangeForItems } from '../../../shared/jobs/arrayRange';
import type { JobRecord } from '../../../shared/jobs/jobRecord';
import type { JobSpec } from '../../../shared/jobs/jobSpec';
import type { JsonValue } from '../../../shared/jobs/jsonValue';
import type { AppSettings } from '../../../shared/settings/appSettings';
import type { SubmitRequest } from '../backends/types';
import type { PackagingPlan } from '../packaging/preparePackaging';
import { sbatchDirectives } from '../slurm/sbatchDirectives';
import { expandBaseDir, jobFiles, jobFolderPath, outputPatterns } from './jobFolder';
import { renderJobScript } from './renderJobScript';
import { resolveResultReferences, type ReferencedJob } from './resolveReferences';
import runnerSource from './runner/slurmdesk_runner.py?raw';

export type PlannedFile = { name: string; content: string; mode: number };

/** Everything a submission will write and ask of the scheduler, decided before anything happens. */
export type SubmissionPlan = {
  /** The job base folder, absolute: it and everything under it must be the person's alone. */
  baseDir: string;
  jobDir: string;
  workdir: string;
  files: PlannedFile[];
  request: SubmitRequest;
  directives: string[];
  script: string;
};

export type PlanContext = {
  jobId: string;
  homeDir: string;
  settings: AppSettings;
  now: Date;
  lookup: (id: string) => JobRecord | undefined;
  /** What the job ships and runs in (preparePackaging); none when absent. */
  packaging?: PackagingPlan;
};

export function planSubmission(spec: JobSpec, context: PlanContext): SubmissionPlan {
  const jobDir = jobFolderPath({ baseDir: context.settings.jobBaseDir, homeDir: context.homeDir, name: spec.name, now: context.now });
  const workdir = spec.upload ? posix.join(jobDir, jobFiles.project) : jobDir;
  const task = spec.task;
  if (task.kind === 'python' && task.target.split(':')[0]!.endsWith('.py') && !spec.upload) {
    throw new AppError(
      'invalid-spec',
      `task.target: ${task.target} is a file on this computer, so it has to be uploaded: set upload.root to the folder its path is relative to.`,
    );
  }

  const referenced = new Map<string, ReferencedJob>();
  const files: PlannedFile[] = [];
  const dataMode = 0o600;
  const isArray = spec.array !== undefined;
  let array: string | null = null;

  if (task.kind === 'script') {
    files.push({ name: jobFiles.userScript, content: task.body.endsWith('\n') ? task.body : `${task.body}\n`, mode: context.settings.scriptMode });
  } else {
    const resolve = (value: JsonValue, where: string) => resolveResultReferences(value, context.lookup, spec.cluster, referenced, where);
    files.push({ name: jobFiles.runner, content: runnerSource, mode: 0o640 });
    const args = resolve(task.args, 'task.args');
    const kwargs = resolve(task.kwargs, 'task.kwargs');
    files.push({ name: jobFiles.args, content: JSON.stringify({ args, kwargs }), mode: dataMode });
    if (spec.array && 'items' in spec.array) {
      files.push({ name: jobFiles.items, content: JSON.stringify(resolve(spec.array.items, 'array.items')), mode: dataMode });
    }
  }
  if (spec.array) {
    array = 'items' in spec.array ? arrayRangeForItems(spec.array.items.length, spec.array.maxParallel ?? null) : spec.array.range;
  }

  const dependencies = spec.dependencies.map((dependency) => {
    if ('slurmId' in dependency.on) return { type: dependency.type, slurmId: dependency.on.slurmId };
    const target = context.lookup(dependency.on.job);
    if (!target) throw new AppError('invalid-spec', `dependencies: job ${dependency.on.job} is not known to Slurm Desk.`);
    if (target.cluster !== spec.cluster) throw new AppError('invalid-spec', `dependencies: job ${dependency.on.job} is on ${target.cluster}, not ${spec.cluster}.`);
    if (!target.slurmId) throw new AppError('invalid-spec', `dependencies: job ${dependency.on.job} has not been accepted by the scheduler yet.`);
    return { type: dependency.type, slurmId: target.slurmId };
  });
  for (const reference of referenced.values()) {
    if (!dependencies.some((dependency) => dependency.slurmId === reference.slurmId)) dependencies.push({ type: 'afterok', slurmId: reference.slurmId });
  }

  const outputs = outputPatterns(isArray);
  const request: SubmitRequest = {
    clientId: context.jobId,
    name: spec.name,
    scriptPath: posix.join(jobDir, jobFiles.script),
    workdir,
    stdoutPath: posix.join(jobDir, outputs.stdout),
    stderrPath: posix.join(jobDir, outputs.stderr),
    resources: spec.resources,
    array,
    dependencies,
    comment: submissionComment(context.jobId),
  };
  const directives = sbatchDirectives(request);
  const script = renderJobScript({ spec, jobId: context.jobId, jobDir, workdir, directives, ...(context.packaging ? { packaging: context.packaging } : {}) });
  files.push({ name: jobFiles.script, content: script, mode: context.settings.scriptMode });
  files.push({
    name: jobFiles.spec,
    content: JSON.stringify({ id: context.jobId, submittedAt: context.now.toISOString(), spec }, null, 2),
    mode: dataMode,
  });
  return { baseDir: expandBaseDir(context.settings.jobBaseDir, context.homeDir), jobDir, workdir, files, request, directives, script };
}

/** The --comment that lets a job be found again after a crash between journal and sbatch. */
export function submissionComment(jobId: string): string {
  return `slurmdesk:${jobId}`;
}
