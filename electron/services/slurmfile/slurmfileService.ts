import { realpathSync } from 'node:fs';
import { join } from 'node:path';
import { ClusterProfileSchema, type ClusterProfile } from '../../../shared/clusters/clusterProfile';
import type { SlurmfileView } from '../../../shared/contract/slurmfileMethods';
import { AppError } from '../../../shared/errors';
import { summarize, type JobRecord, type JobSummary } from '../../../shared/jobs/jobRecord';
import { JobSpecSchema, type JobSpecInput, type Resources } from '../../../shared/jobs/jobSpec';
import type { CallbackEvent } from '../../../shared/slurmfile/callbackEvents';
import { untrustedUse } from '../../../shared/slurmfile/untrustedSlurmfile';
import type { AuditLog } from '../audit/auditLog';
import type { ClusterFiles } from '../backends/types';
import type { Logger } from '../log';
import { bundleCallback, bundlePath, changedFiles, storeBundle } from './callbackBundle';
import { callbackModules, callbackTargets, type CallbackModule, type CallbackTarget, type PinnedCallbackModule } from './callbackTargets';
import { CallbackWorker, type CallbackHostProcess } from './callbackWorker';
import { chooseEnvironment, resolveSlurmfilePath } from './discoverSlurmfile';
import { eventFor, JobEventTracker, type JobBinding } from './jobEvents';
import { loadEnvironment, problemAt, readSlurmfile, slurmfileError, type LoadedEnvironment, type SlurmfileSource } from './loadSlurmfile';
import { clusterNameOf, profileFromCluster, templateJobSpec, toResources } from './templateSpec';
import { SlurmfileTrustStore } from './trustStore';

export type SlurmfileServiceDeps = {
  dataDir: string;
  audit: AuditLog;
  log: Logger;
  files: (cluster: string) => ClusterFiles;
  submit: (spec: JobSpecInput, signal?: AbortSignal) => Promise<JobRecord>;
  /** argv[1] of a callback host: the built CLI (out/cli/main.mjs). */
  callbackModule: string;
  /** The desktop app's own way to start a host (an Electron utility process); else a Node fork. */
  startCallbackHost?: () => CallbackHostProcess;
};

/** One environment of one exact Slurmfile content, ready to use. */
/** `profile`: the environment's own SSH settings, registered only once the file is trusted. */
type Loaded = { source: SlurmfileSource; environment: LoadedEnvironment; targets: CallbackTarget[]; profile: ClusterProfile | null };

/**
 * Slurmfiles for the app and the CLI: reading and checking them, trust by exact content,
 * templates as job specs, SSH settings as cluster profiles, and the callbacks told of the jobs
 * submitted under them. Without a Slurmfile nothing here runs.
 */
export class SlurmfileService {
  readonly store: SlurmfileTrustStore;
  private readonly events: JobEventTracker;
  private readonly workers = new Map<string, CallbackWorker[]>();
  /** `--trust` for this run: the callback modules pinned with each file and hash. */
  private readonly trustedForRun = new Map<string, PinnedCallbackModule[]>();
  private readonly profiles = new Map<string, ClusterProfile>();
  private readonly warned = new Set<string>();

  constructor(private readonly deps: SlurmfileServiceDeps) {
    this.store = new SlurmfileTrustStore(deps.dataDir, deps.audit);
    this.events = new JobEventTracker(join(deps.dataDir, 'slurmfiles', 'jobs.jsonl'), deps.files, (binding, event) => this.dispatch(binding, event), deps.log);
  }

  /** What the app shows of a Slurmfile; problems are listed, never thrown. */
  open(path: string, environment?: string): SlurmfileView {
    const file = canonical(resolveSlurmfilePath(path));
    this.store.opened(file);
    return this.view(file, chooseEnvironment(environment));
  }

  trust(path: string, sha256: string): SlurmfileView {
    const file = canonical(path);
    const source = readSlurmfile(file);
    if (source.sha256 !== sha256) {
      throw new AppError('slurmfile-changed', `${file} changed since it was shown (its SHA-256 is now ${source.sha256}); look at it again before trusting it.`);
    }
    const errors = source.problems.filter((entry) => entry.severity === 'error');
    if (errors.length > 0) throw slurmfileError(errors);
    const targets = this.allTargets(source);
    this.store.trust(file, sha256, targets.map((target) => target.target), this.pin(targets));
    return this.view(file, chooseEnvironment(undefined));
  }

  /** `--trust SHA256` on the CLI: trusted for this run only if it names the file's current hash. */
  trustForRun(path: string, sha256: string): void {
    const file = canonical(path);
    const source = readSlurmfile(file);
    if (source.sha256 !== sha256.toLowerCase()) {
      throw new AppError('slurmfile-changed', `--trust names ${sha256} but ${file} has SHA-256 ${source.sha256}; look at it with: slurmdesk slurmfile show --slurmfile ${file}`);
    }
    const targets = this.allTargets(source);
    const pinned = this.pin(targets);
    this.store.trust(file, source.sha256, targets.map((target) => target.target), pinned, 'this run');
    this.trustedForRun.set(`${file}\0${source.sha256}`, pinned);
  }

  revoke(path: string): boolean {
    return this.store.revoke(canonical(path, false));
  }

  /** Trusted: this exact Slurmfile content, and every callback module it would run, with all it imports, exactly as trusted with it. */
  isTrusted(file: string, sha256: string, modules: readonly CallbackModule[]): boolean {
    return this.untrustedModules(file, sha256, modules)?.length === 0;
  }

  /** The callback modules trust pinned with this exact content; null when the content is not trusted. */
  private pinnedModules(file: string, sha256: string): PinnedCallbackModule[] | null {
    return this.trustedForRun.get(`${file}\0${sha256}`) ?? this.store.entry(file, sha256)?.callbackModules ?? null;
  }

  /**
   * What differs in the callback code from what was trusted with this content, one sentence per
   * thing (null when the content itself is not trusted). `deep` also gathers each module's imports
   * again, which catches an import that now resolves elsewhere (a package.json changed) — too slow
   * for every job event, where only the pinned bundle runs anyway.
   */
  private untrustedModules(file: string, sha256: string, modules: readonly CallbackModule[], deep = false): string[] | null {
    const pinned = this.pinnedModules(file, sha256);
    if (!pinned) return null;
    return modules.flatMap((module) => {
      const trusted = pinned.find((entry) => entry.path === module.path);
      if (!trusted) return [`the callback module ${module.path} (SHA-256 now ${module.sha256}) was not trusted with it`];
      if (!trusted.bundleSha256 || !trusted.files) return [`the callback module ${module.path} was trusted by an earlier Slurm Desk, which pinned that file alone and not what it imports`];
      if (trusted.sha256 !== module.sha256) return [`the callback module ${module.path} changed (SHA-256 now ${module.sha256})`];
      const changed = changedFiles(trusted.files).map((path) => `${path}, imported by the callback module ${module.path}, changed (or a link now points elsewhere)`);
      if (changed.length > 0 || !deep) return changed;
      let now;
      try {
        now = bundleCallback(module.path, module.path);
      } catch (error) {
        return [error instanceof Error ? error.message : String(error)];
      }
      if (now.sha256 === trusted.bundleSha256) return [];
      const added = now.files.filter((entry) => !trusted.files!.some((old) => old.path === entry.path)).map((entry) => entry.path);
      return [`the imports of the callback module ${module.path} now resolve to other code${added.length > 0 ? ` (${added.join(', ')})` : ' (a package.json or node_modules changed)'}`];
    });
  }

  /** Gathers each callback module with all it imports into the bundle trust pins, and keeps it; refused whole when one cannot be gathered. */
  private pin(targets: readonly CallbackTarget[]): PinnedCallbackModule[] {
    return callbackModules(targets).map((module) => {
      const target = targets.find((entry) => entry.spec?.modulePath === module.path)?.target ?? module.path;
      const bundle = bundleCallback(module.path, target);
      storeBundle(this.deps.dataDir, bundle);
      return { ...module, bundleSha256: bundle.sha256, files: bundle.files };
    });
  }

  /** A template as a job spec; only from a trusted Slurmfile. */
  template(path: string, environment: string, name: string): JobSpecInput {
    const loaded = this.load(canonical(path), environment);
    this.requireTrust(loaded);
    this.useProfile(loaded);
    const spec = templateJobSpec(loaded.source.file, loaded.environment, name);
    // The Slurmfile schema checked each value; this catches what only a whole job spec can (an empty script file).
    const checked = JobSpecSchema.safeParse(spec);
    if (!checked.success) {
      const issue = checked.error.issues[0]!;
      throw new AppError('template-invalid', `${loaded.environment.where(['templates', name])}: template ${name}: ${issue.path.join('.')}: ${issue.message}`);
    }
    return spec;
  }

  /**
   * The cluster and submit defaults a submission built elsewhere (CLI flags) takes from the
   * environment. From a file whose content is not trusted: no cluster and only the harmless
   * fields of untrustedSubmitFields, with each thing left out said. A trusted file whose callback
   * code changed counts as trusted here, so submitting it is refused with what changed.
   */
  submitDefaults(path: string, environment: string): { file: string; sha256: string; trusted: boolean; cluster: string | null; resources: Resources; ignored: string[] } {
    const loaded = this.load(canonical(path), environment);
    const { file, sha256 } = loaded.source;
    const config = loaded.environment.config;
    if (this.untrustedModules(file, sha256, callbackModules(loaded.targets)) !== null) {
      return { file, sha256, trusted: true, cluster: clusterNameOf(config.cluster), resources: toResources(config.submit), ignored: [] };
    }
    const { submit, ignored } = untrustedUse(config);
    return { file, sha256, trusted: false, cluster: null, resources: toResources(submit), ignored };
  }

  /**
   * Submits under a Slurmfile environment: its callbacks hear submitBegin, submitEnd and then the
   * job's events. Refused when the file is not trusted and has callbacks, a template is used, or
   * it brings its own SSH settings (host, jump hosts, host-key policy): an untrusted file must not
   * point the app at a server or loosen how its host key is checked.
   */
  async submit(request: { file: string; environment: string; template?: string | undefined; spec: JobSpecInput }, signal?: AbortSignal): Promise<JobRecord> {
    const loaded = this.load(canonical(request.file), request.environment);
    if (request.template !== undefined || loaded.profile !== null || loaded.targets.some((target) => target.runs)) this.requireTrust(loaded);
    this.useProfile(loaded);
    const binding: Omit<JobBinding, 'job'> = { file: loaded.source.file, environment: loaded.environment.name, template: request.template ?? null, python: request.spec.task.kind === 'python' };
    const draft: JobSummary = {
      id: 'sd-0000000000000000', name: request.spec.name, cluster: request.spec.cluster, slurmId: null, state: 'SUBMITTING', reason: null, exit: null,
      jobDir: '', submittedAt: new Date().toISOString(), startedAt: null, endedAt: null, tasks: null, cancelRequestedAt: null,
      timeLimit: null, nodes: null,
    };
    const early = (name: 'submitBegin' | 'submitEnd' | 'failed', extra: Partial<CallbackEvent>) =>
      this.dispatch({ ...binding, job: '' }, { ...eventFor(binding, draft, name, null), jobId: null, state: null, jobDir: null, resultPath: null, submittedAt: null, ...extra });
    early('submitBegin', {});
    let record: JobRecord;
    try {
      record = await this.deps.submit(request.spec, signal);
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      early('submitEnd', { reason });
      early('failed', { reason });
      throw error;
    }
    const summary = summarize(record);
    this.events.bind({ ...binding, job: record.id }, summary);
    this.dispatch({ ...binding, job: record.id }, eventFor(binding, summary, 'submitEnd', null));
    return record;
  }

  /** Loads every runnable callback of a trusted environment now, so a bad target is reported before anything is submitted. */
  async checkCallbacks(path: string, environment: string): Promise<void> {
    const loaded = this.load(canonical(path), environment);
    if (!loaded.targets.some((target) => target.runs)) return;
    this.requireTrust(loaded);
    for (const worker of this.workersFor(loaded)) await worker.load();
  }

  /** The engine's change notifications (jobs.changed). */
  jobsChanged(jobs: readonly JobSummary[]): void {
    this.events.changed(jobs);
  }

  /** The SSH settings of a Slurmfile environment used in this process, by cluster name. */
  profile(cluster: string): ClusterProfile | null {
    return this.profiles.get(cluster) ?? null;
  }

  /** Lets queued events reach their callbacks (each within its time limit), then stops the hosts. */
  async close(): Promise<void> {
    await this.events.settled();
    const workers = [...this.workers.values()].flat();
    this.workers.clear();
    await Promise.all(workers.map((worker) => worker.close()));
  }

  private view(file: string, chosen: string): SlurmfileView {
    const source = readSlurmfile(file);
    const base = { file, sha256: source.sha256, environments: source.environments };
    const { environment, problems } = loadEnvironment(source, chosen);
    if (!environment) return { ...base, trusted: this.isTrusted(file, source.sha256, []), chosen: null, cluster: null, templates: [], callbacks: [], ignored: [], problems };
    const { targets, problems: targetProblems } = callbackTargets(file, environment);
    const trusted = this.isTrusted(file, source.sha256, callbackModules(targets));
    const cluster = environment.config.cluster;
    const profile = sshProfile(environment);
    if (profile && 'where' in profile) targetProblems.push(problemAt('error', profile.where, profile.message));
    return {
      ...base,
      trusted,
      ignored: trusted ? [] : untrustedUse(environment.config).ignored,
      chosen,
      cluster: {
        name: clusterNameOf(cluster),
        backend: cluster.backend,
        host: cluster.host ?? cluster.backend_config?.hostname ?? null,
        user: cluster.user ?? cluster.backend_config?.username ?? null,
        named: environment.namesCluster,
      },
      templates: Object.entries(environment.config.templates).map(([name, template]) => ({
        name,
        description: template.description ?? null,
        kind: template.python !== undefined ? ('python' as const) : ('script' as const),
        summary: template.python ?? template.script ?? (template.command ?? '').split('\n')[0]!.slice(0, 200),
      })),
      callbacks: targets.map(({ target, runs }) => ({ target, runs })),
      problems: [...problems, ...targetProblems],
    };
  }

  /** The environment, all valid, or an error listing every problem with its place. */
  private load(file: string, environmentName: string): Loaded {
    const source = readSlurmfile(file);
    const { environment, problems } = loadEnvironment(source, environmentName);
    if (!environment) throw slurmfileError(problems);
    const { targets, problems: targetProblems } = callbackTargets(file, environment);
    if (targetProblems.some((entry) => entry.severity === 'error')) throw slurmfileError(targetProblems);
    const profile = sshProfile(environment);
    if (profile && 'where' in profile) throw slurmfileError([problemAt('error', profile.where, profile.message)]);
    return { source, environment, targets, profile };
  }

  /** The cluster profile a trusted environment brings, for connections made from now on. */
  private useProfile(loaded: Loaded): void {
    if (loaded.profile) this.profiles.set(loaded.profile.name, loaded.profile);
  }

  private requireTrust(loaded: Loaded): void {
    const { file, sha256 } = loaded.source;
    const untrusted = this.untrustedModules(file, sha256, callbackModules(loaded.targets), true);
    if (untrusted?.length === 0) return;
    if (untrusted) {
      throw new AppError(
        'slurmfile-untrusted',
        `${file} is trusted, but its callback code is not the code trusted with it: ${untrusted.join('; ')}. Nothing of it was run. Read it, then trust the Slurmfile again with: slurmdesk slurmfile trust ${sha256} --slurmfile ${file}.`,
      );
    }
    const targets = loaded.targets.map((target) => target.target);
    throw new AppError(
      'slurmfile-untrusted',
      `${file} is not trusted in this exact content (SHA-256 ${sha256}${targets.length > 0 ? `; callbacks: ${targets.join(', ')}` : ''}). Read it, then trust it with: slurmdesk slurmfile trust ${sha256} --slurmfile ${file} (or pass --trust ${sha256} for one run).`,
    );
  }

  /** The callbacks of every environment (each target once), with their modules' hashes now. */
  private allTargets(source: SlurmfileSource): CallbackTarget[] {
    const targets = new Map<string, CallbackTarget>();
    for (const name of source.environments) {
      const { environment } = loadEnvironment(source, name);
      if (environment) for (const target of callbackTargets(source.file, environment).targets) targets.set(`${target.target}\0${target.spec?.modulePath ?? ''}`, target);
    }
    return [...targets.values()];
  }

  private workersFor(loaded: Loaded): CallbackWorker[] {
    // The bundles' hashes are part of the key: code trusted again gets a host of its own.
    const pinned = this.pinnedModules(loaded.source.file, loaded.source.sha256) ?? [];
    const key = [loaded.source.file, loaded.source.sha256, loaded.environment.name, ...pinned.map((module) => module.bundleSha256 ?? '')].join('\0');
    let workers = this.workers.get(key);
    if (!workers) {
      workers = loaded.targets.flatMap((target) => {
        const bundleSha256 = pinned.find((module) => module.path === target.spec?.modulePath)?.bundleSha256;
        if (!target.spec || !bundleSha256) return [];
        const spec = { ...target.spec, bundleSha256, bundlePath: bundlePath(this.deps.dataDir, bundleSha256) };
        return [new CallbackWorker(spec, { modulePath: this.deps.callbackModule, ...(this.deps.startCallbackHost ? { start: this.deps.startCallbackHost } : {}) }, this.deps.log)];
      });
      this.workers.set(key, workers);
    }
    return workers;
  }

  /** Sends an event to the callbacks of the binding's Slurmfile as it is now, if that content is trusted. */
  private dispatch(binding: JobBinding, event: CallbackEvent): void {
    let loaded: Loaded;
    try {
      loaded = this.load(binding.file, binding.environment);
    } catch (error) {
      this.warnOnce(binding.file, `callbacks of ${binding.file} skipped: ${error instanceof Error ? error.message : String(error)}`);
      return;
    }
    if (!loaded.targets.some((target) => target.runs)) return;
    if (!this.isTrusted(loaded.source.file, loaded.source.sha256, callbackModules(loaded.targets))) {
      const modules = callbackModules(loaded.targets).map((module) => module.sha256);
      this.warnOnce([binding.file, loaded.source.sha256, ...modules].join('\0'), `callbacks of ${binding.file} skipped: this content (SHA-256 ${loaded.source.sha256}) or one of its callback modules is not trusted`);
      return;
    }
    for (const worker of this.workersFor(loaded)) void worker.deliver(event);
  }

  private warnOnce(key: string, message: string): void {
    if (this.warned.has(key)) return;
    this.warned.add(key);
    this.deps.log.warn(message);
  }
}

/**
 * The SSH settings of an ssh environment as a cluster profile; null for other backends or when
 * the environment only names a saved cluster; an error saying what is missing or wrong.
 */
function sshProfile(environment: LoadedEnvironment): ClusterProfile | { where: string; message: string } | null {
  const cluster = environment.config.cluster;
  if (cluster.backend !== 'ssh') return null;
  const where = environment.where(['cluster']);
  if (!cluster.host && !cluster.backend_config?.hostname) {
    return cluster.name ? null : { where, message: 'an ssh cluster needs host (or backend_config.hostname), or name naming a saved cluster' };
  }
  const parsed = ClusterProfileSchema.safeParse(profileFromCluster(cluster));
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0]!;
  return { where, message: `${issue.path.join('.')}: ${issue.message}` };
}

/** One name per file for trust: absolute, symlinks resolved (when it exists). */
function canonical(path: string, mustExist = true): string {
  try {
    return realpathSync(path);
  } catch (error) {
    if (!mustExist) return path;
    throw new AppError('slurmfile-not-found', `Cannot read the Slurmfile ${path}: ${(error as NodeJS.ErrnoException).code ?? String(error)}.`);
  }
}
