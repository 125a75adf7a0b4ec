import { randomBytes } from 'node:crypto';
import { posix } from 'node:path';
import { fieldErrors } from '../../../shared/contract/fieldErrors';
import { AppError, type ErrorDetail } from '../../../shared/errors';
import { JobSpecSchema, maxSpecBytes, type JobSpec } from '../../../shared/jobs/jobSpec';
import { summarize, type JobRecord, type JobSummary } from '../../../shared/jobs/jobRecord';
import type { AppSettings } from '../../../shared/settings/appSettings';
import { SchedulerError, type Backend } from '../backends/types';
import type { AuditLog } from '../audit/auditLog';
import type { Logger } from '../log';
import type { ShippingSummary } from '../../../shared/jobs/shippingSummary';
import { checkContainer } from '../packaging/containerChecks';
import { describeShipping } from '../packaging/describeShipping';
import { preparePackaging, type PackagingPlan } from '../packaging/preparePackaging';
import { expandBaseDir, jobFiles } from './jobFolder';
import { checkJobFolders, clusterUserId } from './jobFolderSafety';
import type { JobJournal, JobPatch } from './journal';
import { planSubmission, submissionComment, type SubmissionPlan } from './planSubmission';
import { uploadProject } from './uploadProject';

export type EngineDeps = {
  journal: JobJournal;
  backend: (cluster: string) => Backend;
  /** The settings a job on this cluster uses (a cluster profile may name its own job folder). */
  settings: (cluster: string) => AppSettings;
  /** Told about every batch of changed jobs (the contract's jobs.changed). */
  onChanged: (jobs: JobSummary[]) => void;
  /** Told how a job's upload is going (the contract's transfer.progress). */
  onTransfer?: (progress: { cluster: string; direction: 'upload'; path: string; transferred: number; total: number; bytesPerSecond: number }) => void;
  log: Logger;
  audit?: AuditLog;
  now?: () => Date;
  /**
   * How long after journaling a job that the scheduler does not know may be submitted again. An
   * sbatch started by a process that died can still be running (killed clients do not take their
   * children with them, and a remote sbatch outlives a dropped connection), so recovery first
   * waits out anything that may still land. Longer than the scheduler command timeout.
   */
  resubmitAfterMs?: number;
};

export const defaultResubmitAfterMs = 150_000;

export type SubmissionPreview = { jobDir: string; script: string; directives: string[]; files: string[]; shipping?: ShippingSummary };

/**
 * The job lifecycle: spec → job folder → journal → sbatch → tracking. A submission is recorded in
 * the journal before sbatch runs and carries the app's id in --comment, so a crash in between can
 * be resolved by asking the scheduler (recover) instead of losing or repeating the job.
 */
export class JobEngine {
  private readonly now: () => Date;
  private readonly inFlight = new Set<string>();
  /** Every record newest first, as of a journal version: paging through 100,000 jobs sorts once. */
  private newestFirstCache: { version: number; records: JobRecord[] } | null = null;

  constructor(private readonly deps: EngineDeps) {
    this.now = deps.now ?? (() => new Date());
  }

  get journal(): JobJournal {
    return this.deps.journal;
  }

  async preview(input: unknown): Promise<SubmissionPreview> {
    const spec = parseJobSpec(input);
    const backend = this.deps.backend(spec.cluster);
    const homeDir = await backend.files.homeDir();
    const packaging = await preparePackaging(spec, this.baseDir(spec.cluster, homeDir), { buildWheel: false });
    const plan = planSubmission(spec, { ...this.planContext(newJobId(), homeDir, spec.cluster), packaging });
    const shipping = spec.upload || spec.packaging ? { shipping: describeShipping(spec, packaging) } : {};
    return { jobDir: plan.jobDir, script: plan.script, directives: plan.directives, files: plan.files.map((file) => file.name), ...shipping };
  }

  async submit(input: unknown, signal?: AbortSignal): Promise<JobRecord> {
    const spec = parseJobSpec(input);
    const backend = this.deps.backend(spec.cluster);
    const id = newJobId();
    // One instant for the job folder's name, spec.json and the journal: every "Submitted" agrees.
    const submittedAt = this.now();
    const homeDir = await backend.files.homeDir();
    const packaging = await preparePackaging(spec, this.baseDir(spec.cluster, homeDir));
    const plan = planSubmission(spec, { ...this.planContext(id, homeDir, spec.cluster, submittedAt), packaging });
    if (packaging.container) await checkContainer(backend, spec, packaging.container);
    else await checkInterpreter(backend, spec);
    await this.writeJobFolder(backend, spec, plan, packaging);
    if (signal?.aborted) throw new AppError('cancelled', 'The submission was cancelled before it reached the scheduler.');

    const record: JobRecord = {
      id,
      name: spec.name,
      cluster: spec.cluster,
      slurmId: null,
      state: 'SUBMITTING',
      reason: null,
      exit: null,
      jobDir: plan.jobDir,
      submittedAt: submittedAt.toISOString(),
      startedAt: null,
      endedAt: null,
      tasks: null,
      cancelRequestedAt: null,
      spec,
    };
    this.inFlight.add(id);
    try {
      this.deps.journal.create(record);
      return await this.sendToScheduler(backend, record, plan.request);
    } finally {
      this.inFlight.delete(id);
    }
  }

  /** Jobs left SUBMITTING by a crash: found again by their comment, else submitted now (once). */
  async recover(cluster?: string): Promise<JobRecord[]> {
    const pending = [...this.deps.journal.all()].filter(
      (record) => record.state === 'SUBMITTING' && (!cluster || record.cluster === cluster) && !this.submissionInFlight(record.id),
    );
    const recovered: JobRecord[] = [];
    for (const record of pending) {
      const backend = this.deps.backend(record.cluster);
      const found = await backend.scheduler.findByComment(submissionComment(record.id));
      if (found) {
        this.deps.log.info(`recovered ${record.id}: the scheduler has it as ${found}`);
        recovered.push(this.apply(record.id, { slurmId: found, state: 'PENDING', reason: null }));
        continue;
      }
      if (await backend.files.stat(posix.join(record.jobDir, jobFiles.started(null)))) {
        // It ran, so sbatch did accept it; submitting again would run it twice.
        const reason = 'It ran (its folder has a start marker) but the scheduler no longer knows it; see its folder for output.';
        recovered.push(this.apply(record.id, { state: 'LOST', reason }));
        continue;
      }
      const age = this.now().getTime() - Date.parse(record.submittedAt);
      if (age < (this.deps.resubmitAfterMs ?? defaultResubmitAfterMs)) continue; // asked again later
      const saved = await backend.files.readFile(posix.join(record.jobDir, jobFiles.spec));
      const request = saved ? (JSON.parse(new TextDecoder().decode(saved)) as { request?: SubmissionPlan['request'] }).request : undefined;
      if (!request) {
        recovered.push(this.apply(record.id, { state: 'SUBMIT_FAILED', reason: 'The job folder was not completely written before Slurm Desk stopped.' }));
        continue;
      }
      this.deps.log.info(`resubmitting ${record.id}: the scheduler never accepted it`);
      recovered.push(await this.sendToScheduler(backend, record, request).catch(() => this.deps.journal.get(record.id)!));
    }
    return recovered;
  }

  /** Another live process (or this one) is still between journal and sbatch for this job. */
  private submissionInFlight(id: string): boolean {
    const owner = this.deps.journal.ownerOf(id);
    if (!owner) return false;
    if (owner.pid === process.pid) return this.inFlight.has(id);
    try {
      process.kill(owner.pid, 0);
      return true;
    } catch (error) {
      return (error as NodeJS.ErrnoException).code === 'EPERM';
    }
  }

  list(filter: { cluster?: string; states?: readonly string[] } = {}): JobSummary[] {
    return this.page(filter, 0, Infinity).jobs;
  }

  /**
   * Newest first, a page at a time. Only the page is summarized, and the order is total (the id
   * breaks ties), so paging through 100,000 jobs neither repeats nor skips one.
   */
  page(filter: { cluster?: string; states?: readonly string[] }, offset: number, limit: number): { jobs: JobSummary[]; total: number } {
    const records = this.sortedRecords().filter(
      (record) => (!filter.cluster || record.cluster === filter.cluster) && (!filter.states || filter.states.includes(record.state)),
    );
    return { jobs: records.slice(offset, offset + limit).map(summarize), total: records.length };
  }

  private sortedRecords(): JobRecord[] {
    const version = this.deps.journal.version;
    if (this.newestFirstCache?.version !== version) this.newestFirstCache = { version, records: [...this.deps.journal.all()].sort(newestFirst) };
    return this.newestFirstCache.records;
  }

  get(id: string): JobRecord {
    const record = this.deps.journal.get(id) ?? [...this.deps.journal.all()].find((candidate) => candidate.slurmId === id);
    if (!record) throw new AppError('job-not-found', `No job ${id} in Slurm Desk; \`slurmdesk jobs\` lists the jobs it knows.`);
    return record;
  }

  async cancel(ids: readonly string[]): Promise<JobRecord[]> {
    const records = ids.map((id) => this.get(id));
    const byCluster = new Map<string, JobRecord[]>();
    for (const record of records) byCluster.set(record.cluster, [...(byCluster.get(record.cluster) ?? []), record]);
    const at = this.now().toISOString();
    for (const [cluster, group] of byCluster) {
      const live = group.filter((record) => record.slurmId);
      this.update(live.map((record) => ({ id: record.id, patch: { cancelRequestedAt: at } })));
      if (live.length > 0) await this.deps.backend(cluster).scheduler.cancel(live.map((record) => record.slurmId!));
      this.deps.audit?.record({ event: 'cancel', cluster, jobs: group.map((record) => record.id) });
    }
    return records.map((record) => this.deps.journal.get(record.id)!);
  }

  /**
   * Jobs another process on the same journal submitted, cancelled or refreshed, announced like
   * this process's own changes; returns them so the refresh loop can start tracking live ones.
   */
  noticeExternalChanges(): JobRecord[] {
    const records = this.deps.journal.takeExternalChanges().flatMap((id) => this.deps.journal.get(id) ?? []);
    if (records.length > 0) this.deps.onChanged(records.map(summarize));
    return records;
  }

  /** Applies a batch of changes and announces them once. */
  update(changes: readonly { id: string; patch: JobPatch }[]): JobRecord[] {
    const updated = this.deps.journal.update(changes);
    if (updated.length > 0) this.deps.onChanged(updated.map(summarize));
    return updated;
  }

  private apply(id: string, patch: JobPatch): JobRecord {
    return this.update([{ id, patch }])[0] ?? this.deps.journal.get(id)!;
  }

  private async sendToScheduler(backend: Backend, record: JobRecord, request: SubmissionPlan['request']): Promise<JobRecord> {
    try {
      const slurmId = await backend.scheduler.submit(request);
      this.deps.audit?.record({ event: 'submit', cluster: record.cluster, job: record.id, slurmId, outcome: 'accepted' });
      return this.apply(record.id, { slurmId, state: 'PENDING', reason: null });
    } catch (error) {
      this.deps.audit?.record({ event: 'submit', cluster: record.cluster, job: record.id, slurmId: null, outcome: error instanceof AppError ? error.code : 'unknown' });
      // Refused, or the scheduler's commands are not there: certainly not submitted.
      if (error instanceof SchedulerError && error.code !== 'scheduler-output') {
        this.apply(record.id, { state: 'SUBMIT_FAILED', reason: error.message });
        throw error;
      }
      // Anything else (a connection cut mid-command) leaves the outcome unknown: recover() asks.
      const message = error instanceof Error ? error.message : String(error);
      throw new AppError(
        'submission-unknown',
        `The scheduler did not answer the submission of ${record.id} (${message}). Slurm Desk will check with it and never submit it twice.`,
      );
    }
  }

  private planContext(jobId: string, homeDir: string, cluster: string, now: Date = this.now()) {
    return { jobId, homeDir, settings: this.deps.settings(cluster), now, lookup: (id: string) => this.deps.journal.get(id) };
  }

  private baseDir(cluster: string, homeDir: string): string {
    return expandBaseDir(this.deps.settings(cluster).jobBaseDir, homeDir);
  }

  private async writeJobFolder(backend: Backend, spec: JobSpec, plan: SubmissionPlan, packaging: PackagingPlan): Promise<void> {
    const { folderMode } = this.deps.settings(spec.cluster);
    const check = { files: backend.files, userId: await clusterUserId(backend.runner), baseDir: plan.baseDir, jobDir: plan.jobDir, cluster: spec.cluster };
    // Once before any folder is made (nothing goes under a folder someone else controls), once after.
    await checkJobFolders(check);
    await backend.files.mkdir(plan.jobDir, folderMode);
    await checkJobFolders(check);
    // The project upload and the job's own files go out together: over SSH they share round trips.
    const uploading = spec.upload ? this.uploadInto(backend, spec, packaging, plan) : Promise.resolve();
    const writing = plan.files.map((file) => {
      // spec.json also keeps the scheduler request, so recovery can resubmit exactly this job.
      const content = file.name === jobFiles.spec ? JSON.stringify({ ...JSON.parse(file.content), request: plan.request }, null, 2) : file.content;
      return backend.files.writeFileAtomic(posix.join(plan.jobDir, file.name), content, file.mode);
    });
    const outcomes = await Promise.allSettled([uploading, ...writing]);
    const failed = outcomes.find((outcome) => outcome.status === 'rejected');
    if (failed) throw failed.reason;
  }

  private async uploadInto(backend: Backend, spec: JobSpec, packaging: PackagingPlan, plan: SubmissionPlan): Promise<void> {
    const destination = posix.join(plan.jobDir, jobFiles.project);
    const summary = await uploadProject(packaging.files, backend, plan.baseDir, destination, (file) => {
      this.deps.onTransfer?.({ cluster: spec.cluster, direction: 'upload', ...file });
    });
    this.deps.log.info(`${spec.cluster}: shipped ${summary.files} files (${summary.bytes} bytes); sent ${summary.sentFiles} files (${summary.sentBytes} bytes) the cluster's cache lacked`);
    this.deps.audit?.record({
      event: 'transfer',
      cluster: spec.cluster,
      direction: 'upload',
      path: destination,
      bytes: summary.sentBytes,
      outcome: `${summary.files} files, ${summary.sentFiles} sent`,
    });
  }
}

/** ISO timestamps order as strings; a plain comparison is several times faster than localeCompare. */
function newestFirst(a: JobRecord, b: JobRecord): number {
  if (a.submittedAt !== b.submittedAt) return a.submittedAt < b.submittedAt ? 1 : -1;
  return a.id < b.id ? 1 : a.id > b.id ? -1 : 0;
}

export function newJobId(): string {
  return `sd-${randomBytes(8).toString('hex')}`;
}

/** Size first (cheap), then the schema; field errors name the field. */
export function parseJobSpec(input: unknown): JobSpec {
  const size = JSON.stringify(input ?? null).length;
  if (size > maxSpecBytes) {
    throw new AppError('invalid-spec', `The job spec is ${size} bytes; the limit is ${maxSpecBytes}. Put large inputs in files and upload them.`);
  }
  const parsed = JobSpecSchema.safeParse(input);
  if (parsed.success) return parsed.data;
  const details: ErrorDetail[] = fieldErrors(parsed.error.issues, JobSpecSchema)
    .slice(0, 20)
    .map(({ field, message }) => ({ path: field === '(root)' ? '(spec)' : field, message }));
  const first = details[0]!;
  const more = details.length > 1 ? ` (and ${details.length - 1} more)` : '';
  throw new AppError('invalid-spec', `${first.path}: ${first.message}${more}`, details);
}

async function checkInterpreter(backend: Backend, spec: JobSpec): Promise<void> {
  const task = spec.task;
  // With setup lines (module load …) the interpreter may only exist after them: the job will tell.
  if (task.kind !== 'python' || task.setup.length > 0) return;
  const probe = 'import sys; sys.exit(0 if sys.version_info >= (3, 8) else 3)';
  const outcome = await backend.runner.run([task.interpreter, '-c', probe], { timeoutMs: 30_000 }).catch((error: unknown) => ({
    exitCode: 127,
    stdout: '',
    stderr: error instanceof Error ? error.message : String(error),
  }));
  if (outcome.exitCode === 3) {
    throw new AppError('interpreter-too-old', `task.interpreter: ${task.interpreter} on ${spec.cluster} is older than Python 3.8, which the job runner needs.`);
  }
  if (outcome.exitCode !== 0) {
    throw new AppError(
      'interpreter-missing',
      `task.interpreter: ${task.interpreter} was not found on ${spec.cluster}. Give its absolute path, or add the setup line that provides it (e.g. module load python).`,
    );
  }
}
