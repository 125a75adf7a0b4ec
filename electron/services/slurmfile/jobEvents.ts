import { appendFileSync, mkdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, posix } from 'node:path';
import type { JobSummary } from '../../../shared/jobs/jobRecord';
import { isTerminal, type JobState } from '../../../shared/jobs/jobState';
import type { CallbackEvent, CallbackEventName } from '../../../shared/slurmfile/callbackEvents';
import type { ClusterFiles } from '../backends/types';
import { jobFiles } from '../jobs/jobFolder';
import type { Logger } from '../log';

/** A job submitted under a Slurmfile environment: its callbacks hear of it. */
export type JobBinding = { job: string; file: string; environment: string; template: string | null; python: boolean };

type Progress = { state: JobState | null; runBegun: boolean; finished: boolean; chain: Promise<void> };

const running = new Set<JobState>(['RUNNING', 'COMPLETING', 'SUSPENDED', 'STAGE_OUT']);

/**
 * Turns the job engine's change notifications into callback events, in order per job: status
 * changes, run begin/end from the runner's markers in the job folder, then the outcome. Bindings
 * are appended to a file in the data folder, so the app also tells callbacks about jobs the CLI
 * submitted. Jobs without a binding cost one map lookup.
 */
export class JobEventTracker {
  private bindings: Map<string, JobBinding> | null = null;
  private loadedSize = -1;
  private readonly progress = new Map<string, Progress>();

  constructor(
    private readonly bindingsPath: string,
    private readonly files: (cluster: string) => ClusterFiles,
    private readonly emit: (binding: JobBinding, event: CallbackEvent) => void,
    private readonly log: Logger,
  ) {}

  bind(binding: JobBinding, job: JobSummary): void {
    mkdirSync(dirname(this.bindingsPath), { recursive: true, mode: 0o700 });
    appendFileSync(this.bindingsPath, `${JSON.stringify(binding)}\n`, { mode: 0o600 });
    this.all().set(binding.job, binding);
    this.loadedSize = sizeOf(this.bindingsPath);
    this.progress.set(binding.job, { state: job.state, runBegun: false, finished: false, chain: Promise.resolve() });
  }

  /** The engine's jobs.changed batch. */
  changed(jobs: readonly JobSummary[]): void {
    // Another process (the CLI) may have bound jobs since: the file only grows, so its size tells.
    const size = sizeOf(this.bindingsPath);
    if (size !== this.loadedSize) this.bindings = null;
    for (const job of jobs) {
      const found = this.all().get(job.id);
      if (!found) continue;
      let progress = this.progress.get(job.id);
      if (!progress) {
        progress = { state: null, runBegun: false, finished: false, chain: Promise.resolve() };
        this.progress.set(job.id, progress);
      }
      const current = progress;
      current.chain = current.chain.then(() => this.advance(found, current, job)).catch((error: unknown) => this.log.error(`callback events of ${job.id}`, error));
    }
  }

  /** Resolves when every change seen so far has been turned into events. */
  async settled(): Promise<void> {
    await Promise.all([...this.progress.values()].map((progress) => progress.chain));
  }

  private async advance(binding: JobBinding, progress: Progress, job: JobSummary): Promise<void> {
    if (progress.finished) return;
    const event = (name: CallbackEventName, extra: Partial<CallbackEvent> = {}) => this.emit(binding, eventFor(binding, job, name, progress.state, extra));
    const terminal = isTerminal(job.state);
    const files = this.files(job.cluster);
    const beginRun = async () => {
      if (progress.runBegun || !(running.has(job.state) || terminal)) return;
      const started = await readMarker(files, posix.join(job.jobDir, jobFiles.started(null)));
      if (!started && !job.startedAt) return;
      progress.runBegun = true;
      event('runBegin', { startedAt: stringField(started, 'startedAt') ?? job.startedAt });
    };
    // A job that ran between two looks still began its run before it ended.
    if (terminal) await beginRun();
    if (job.state !== progress.state) {
      event('statusChange');
      progress.state = job.state;
    }
    if (!terminal) {
      await beginRun();
      return;
    }
    progress.finished = true;
    const ended = await readMarker(files, posix.join(job.jobDir, jobFiles.ended(null)));
    const exitCode = numberField(ended, 'exitCode') ?? job.exit?.code ?? null;
    if (progress.runBegun) event('runEnd', { exitCode, endedAt: stringField(ended, 'endedAt') ?? job.endedAt });
    event(job.state === 'COMPLETED' ? 'completed' : job.state === 'CANCELLED' ? 'cancelled' : 'failed', { exitCode });
  }

  private all(): Map<string, JobBinding> {
    if (this.bindings) return this.bindings;
    const bindings = new Map<string, JobBinding>();
    this.loadedSize = sizeOf(this.bindingsPath);
    let text = '';
    try {
      text = readFileSync(this.bindingsPath, 'utf8');
    } catch {
      // No job was ever submitted under a Slurmfile.
    }
    for (const line of text.split('\n')) {
      if (!line.trim()) continue;
      try {
        const binding = JSON.parse(line) as JobBinding;
        if (typeof binding.job === 'string' && typeof binding.file === 'string') bindings.set(binding.job, binding);
      } catch {
        // A line cut by a crash: that job's callbacks stay silent.
      }
    }
    this.bindings = bindings;
    return bindings;
  }
}

export function eventFor(binding: Omit<JobBinding, 'job'>, job: JobSummary, name: CallbackEventName, previousState: JobState | null, extra: Partial<CallbackEvent> = {}): CallbackEvent {
  return {
    event: name,
    at: new Date().toISOString(),
    slurmfile: binding.file,
    environment: binding.environment,
    template: binding.template,
    jobId: job.id,
    slurmId: job.slurmId,
    name: job.name,
    cluster: job.cluster,
    state: job.state,
    previousState: name === 'statusChange' ? previousState : null,
    exitCode: job.exit?.code ?? null,
    submittedAt: job.submittedAt,
    startedAt: job.startedAt,
    endedAt: job.endedAt,
    jobDir: job.jobDir,
    resultPath: binding.python ? posix.join(job.jobDir, jobFiles.result(null)) : null,
    reason: job.reason,
    ...extra,
  };
}

function sizeOf(path: string): number {
  try {
    return statSync(path).size;
  } catch {
    return -1;
  }
}

async function readMarker(files: ClusterFiles, path: string): Promise<Record<string, unknown> | null> {
  try {
    const bytes = await files.readFile(path, { offset: 0, length: 4096 });
    if (!bytes) return null;
    const parsed = JSON.parse(new TextDecoder().decode(bytes)) as unknown;
    return typeof parsed === 'object' && parsed !== null ? (parsed as Record<string, unknown>) : null;
  } catch {
    return null;
  }
}

const stringField = (marker: Record<string, unknown> | null, key: string) => (typeof marker?.[key] === 'string' ? (marker[key] as string) : null);
const numberField = (marker: Record<string, unknown> | null, key: string) => (typeof marker?.[key] === 'number' ? (marker[key] as number) : null);
