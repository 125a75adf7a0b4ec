import { homedir } from 'node:os';
import { join } from 'node:path';
import type { HostKeyPolicyName } from '../../shared/clusters/clusterProfile';
import type { Handlers } from '../../shared/contract/dispatcher';
import type { EventHub } from '../../shared/contract/eventHub';
import { createAppHandlers, type AppHandlerDeps } from './app/appHandlers';
import { AppNotices } from './app/appNotices';
import { ensurePrivateFolder } from './fs/privateFolder';
import { cliBundlePath, ClusterBackends } from './backends/clusterBackends';
import type { CallbackHostProcess } from './slurmfile/callbackWorker';
import { ChangeBatcher } from './jobs/changeBatcher';
import { exampleJobs } from './examples/exampleJobs';
import { createJobFileHandlers } from './jobs/jobFileHandlers';
import { createJobHandlers } from './jobs/jobHandlers';
import { JobEngine } from './jobs/jobEngine';
import { JobTracker } from './jobs/jobTracker';
import { JobJournal } from './jobs/journal';
import { JournalWatch } from './jobs/journalWatch';
import { describeJournalRepair, type JournalRepair } from './jobs/journalDamage';
import { JobOutputCache } from './jobs/outputCache';
import { RefreshLoop } from './jobs/refreshLoop';
import { createResultsHandlers } from './results/resultsHandlers';
import { createFilesHandlers } from './files/filesHandlers';
import { downloadRoot } from './files/downloadRoot';
import type { Logger } from './log';
import { openAuditLog, type AuditLog } from './audit/auditLog';
import { createAuditHandlers } from './audit/auditHandlers';
import { createCredentialHandlers } from './credentials/credentialHandlers';
import { KeychainCredentialStore } from './credentials/keychainCredentialStore';
import type { CredentialStore } from './credentials/credentialStore';
import { SessionSecrets } from './credentials/sessionSecrets';
import { PromptBroker } from './prompts/promptBroker';
import { ClusterProfiles } from './settings/clusterProfiles';
import type { AuthPrompter } from './ssh/authPrompter';
import { createConnectionHandlers } from './ssh/connectionHandlers';
import { ConnectionStates } from './ssh/connectionStates';
import { defaultKnownHostsFiles, type KnownHostsFiles } from './ssh/hostKeys/checkHostKey';
import { createClusterOverviewHandlers } from './slurm/clusterOverviewHandlers';
import { openQueueServices, type QueueServices } from './queue/queueServices';
import { createProfileSshBackend } from './ssh/profileSshBackend';
import { createSshHandlers } from './ssh/sshHandlers';
import { createSettingsHandlers } from './settings/settingsHandlers';
import { openNodeSettingsBackend, SettingsStore, type SettingsBackend } from './settings/settingsStore';
import { createSlurmfileHandlers } from './slurmfile/slurmfileHandlers';
import { guardUploadsOf } from './uploads/guardWindowUpload';
import { createUploadHandlers } from './uploads/uploadHandlers';
import { SlurmfileService } from './slurmfile/slurmfileService';
import { createForwards } from './forwards/forwardHandlers';
import { createTerminals } from './terminal/terminalHandlers';
import { createWebAppHandlers } from './webapps/webAppHandlers';
import type { WebAppDeps } from './webapps/webApps';

export type AppServicesOptions = AppHandlerDeps & {
  hub: EventHub;
  log: Logger;
  /** electron-store in the desktop app; conf in the data folder otherwise. */
  settingsBackend?: SettingsBackend;
  /** The CLI refreshes on demand instead of in the background. */
  backgroundRefresh?: boolean;
  /** The CLI asks on its terminal; windows are asked through contract events. */
  authPrompter?: AuthPrompter;
  /** `--host-key-policy`: overrides every profile's policy for this process. */
  hostKeyPolicy?: HostKeyPolicyName;
  credentials?: CredentialStore;
  knownHosts?: KnownHostsFiles;
  resubmitAfterMs?: number;
  /** The desktop app hosts Slurmfile callbacks in utility processes (no Node there); Node forks otherwise. */
  startCallbackHost?: () => CallbackHostProcess;
};

export type AppServices = {
  handlers: Handlers;
  engine: JobEngine;
  tracker: JobTracker;
  settings: SettingsStore;
  profiles: ClusterProfiles;
  broker: PromptBroker;
  audit: AuditLog;
  backend: ClusterBackends['get'];
  slurmfiles: SlurmfileService;
  notices: AppNotices;
  queue: QueueServices;
  terminals: ReturnType<typeof createTerminals>['terminals'];
  forwards: ReturnType<typeof createForwards>;
  webApps: WebAppDeps;
  close(): Promise<void>;
};

/** Every service of one app instance (desktop, browser mode or CLI), wired once. */
export function openAppServices(options: AppServicesOptions): AppServices {
  const { dataDir, hub, log } = options;
  // Profiles, the journal and the audit log are this user's business only: 0700, said when fixed.
  ensurePrivateFolder(dataDir, (mode) => log.warn(`the data folder ${dataDir} was readable by others (mode ${mode.toString(8)}); it is now 0700`));
  const tightened = (path: string, mode: number) => log.warn(`${path} was readable by others (mode ${mode.toString(8)}); it is now 0600`);
  const settingsBackend = options.settingsBackend ?? openNodeSettingsBackend(dataDir, tightened);
  const settings = new SettingsStore(settingsBackend);
  const profiles = new ClusterProfiles(settingsBackend);
  const auditLogPath = join(dataDir, 'audit', 'audit.jsonl');
  const audit = openAuditLog(auditLogPath);
  const broker = new PromptBroker(hub);
  const knownHosts = () => options.knownHosts ?? defaultKnownHostsFiles();
  const credentials = options.credentials ?? new KeychainCredentialStore();
  // One per process: the app's lifetime, or one CLI command.
  const sessionSecrets = new SessionSecrets();
  const states = new ConnectionStates((connection) => hub.emit('clusters.connection', connection));
  const backends: ClusterBackends = new ClusterBackends(dataDir, (cluster) => {
    // A saved profile wins over the SSH settings of a Slurmfile used in this process.
    const profile = profiles.get(cluster) ?? slurmfiles.profile(cluster);
    if (!profile) return null;
    return createProfileSshBackend(cluster, profile, {
      hub, log, audit, broker, credentials, sessionSecrets, states, knownHosts, authPrompter: options.authPrompter, hostKeyPolicy: options.hostKeyPolicy,
      strandedFile: join(dataDir, 'transfers', 'stranded-temporaries.json'),
    });
  });
  // A cluster profile (or a Slurmfile environment) may name its own job folder; the rest is global.
  const settingsFor = (cluster: string) => {
    const jobBaseDir = (profiles.get(cluster) ?? slurmfiles.profile(cluster))?.jobBaseDir;
    return jobBaseDir ? { ...settings.read(), jobBaseDir } : settings.read();
  };
  const notices = new AppNotices(hub);
  // Damage set aside at start or later (another process's torn line) is told to the person, not only logged.
  const tellRepair = (repair: JournalRepair) => {
    const message = describeJournalRepair(repair);
    log.warn(message);
    notices.raise({ level: 'warning', message });
  };
  const journal = new JobJournal(join(dataDir, 'journal', 'jobs.jsonl'), { onRepair: tellRepair });
  if (journal.loadReport.repair) tellRepair(journal.loadReport.repair);
  else for (const skipped of journal.loadReport.skippedLines) log.warn(`journal line ${skipped.line} (byte ${skipped.offset}) skipped: ${skipped.reason}`);
  const batcher = new ChangeBatcher((jobs) => hub.emit('jobs.changed', { jobs }));
  const engine = new JobEngine({ journal, backend: backends.get, settings: (cluster) => settingsFor(cluster), onChanged: (jobs) => { batcher.add(jobs); slurmfiles.jobsChanged(jobs); }, onTransfer: (progress) => hub.emit('transfer.progress', progress), log, audit, ...(options.resubmitAfterMs === undefined ? {} : { resubmitAfterMs: options.resubmitAfterMs }) });
  const slurmfiles: SlurmfileService = new SlurmfileService({ dataDir, audit, log, files: (cluster) => backends.get(cluster).files, submit: (spec, signal) => engine.submit(spec, signal), callbackModule: cliBundlePath(), ...(options.startCallbackHost ? { startCallbackHost: options.startCallbackHost } : {}) });
  const tracker = new JobTracker(engine, backends.get, log);
  const loop = new RefreshLoop(tracker, engine, log);
  const queue = openQueueServices({ backend: backends.get, engine, tracker, hub, audit, log });
  const journalWatch = new JournalWatch(journal.file, () => loop.noticeExternalChanges(), log);
  if (options.backgroundRefresh !== false) {
    journalWatch.start();
    void engine.recover().catch((error: unknown) => log.error('recovering interrupted submissions failed', error));
    loop.start();
  }
  const uploadOwner = { homeDir: homedir(), uid: process.getuid?.() ?? null };
  const jobHandlers = createJobHandlers(engine, backends.get, () => loop.nudge(), new JobOutputCache(join(dataDir, 'cache')), (error) => log.warn(`keeping a copy of job output failed: ${error instanceof Error ? error.message : String(error)}`));
  const slurmfileHandlers = createSlurmfileHandlers(slurmfiles, () => loop.nudge());
  const interactive = { hub, audit, log, backend: backends.get, job: (id: string) => engine.get(id) };
  const terminals = createTerminals(interactive);
  const forwards = createForwards(interactive);
  const webApps: WebAppDeps = {
    submit: (spec) => engine.submit(spec),
    refreshed: async (id) => {
      await tracker.refresh(engine.get(id).cluster);
      return engine.get(id);
    },
    backend: backends.get,
    openForward: forwards.open,
    closeForward: (id, reason) => forwards.forwards.shut(id, reason),
  };
  return {
    handlers: {
      ...createAppHandlers(options),
      'app.examples': () => ({ examples: exampleJobs(dataDir) }),
      'app.notices': () => ({ notices: notices.list() }),
      ...jobHandlers,
      ...createJobFileHandlers({
        jobs: engine,
        backend: backends.get,
        downloadRoot: () => downloadRoot(settings.read().downloadDir),
        stagingDir: join(dataDir, 'uploads'),
        onTransfer: (progress) => hub.emit('transfer.progress', progress),
        audit,
      }),
      ...createSshHandlers({
        broker,
        profiles,
        knownHosts,
        onProfilesChanged: (name) => {
          states.forget(name);
          void backends.forget(name);
        },
      }),
      ...createConnectionHandlers({ states, profiles, backend: backends.get }),
      ...createSettingsHandlers(settings, hub),
      ...createCredentialHandlers(credentials),
      ...createAuditHandlers(auditLogPath),
      ...createClusterOverviewHandlers(backends.get),
      ...queue.handlers,
      ...slurmfileHandlers,
      ...createUploadHandlers(uploadOwner),
      ...createResultsHandlers({ jobs: engine, backend: backends.get }),
      ...createFilesHandlers({
        backend: backends.get,
        jobBaseDir: (cluster) => settingsFor(cluster).jobBaseDir,
        downloadRoot: () => downloadRoot(settings.read().downloadDir),
        stagingDir: join(dataDir, 'file-uploads'),
        onTransfer: (progress) => hub.emit('transfer.progress', progress),
        audit,
      }),
      ...terminals.handlers,
      ...forwards.handlers,
      ...createWebAppHandlers(webApps, forwards.ownerOf),
      // Last, so the window's submissions pass the same file gate as uploads.check.
      ...guardUploadsOf({ ...jobHandlers, ...slurmfileHandlers }, uploadOwner),
    },
    engine,
    tracker,
    settings,
    profiles,
    broker,
    audit,
    backend: backends.get,
    slurmfiles,
    notices,
    queue,
    terminals: terminals.terminals,
    forwards,
    webApps,
    close: async () => {
      terminals.terminals.closeAll();
      forwards.close();
      journalWatch.stop();
      loop.stop();
      queue.monitor.stop();
      batcher.flush();
      await slurmfiles.close();
      await backends.closeAll();
      sessionSecrets.clear();
    },
  };
}
