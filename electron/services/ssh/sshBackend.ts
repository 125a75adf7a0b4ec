import type { SFTPWrapper } from 'ssh2';
import type { ClusterProfile } from '../../../shared/clusters/clusterProfile';
import { AppError } from '../../../shared/errors';
import type { Backend, CommandResult, CommandRunner, RunOptions } from '../backends/types';
import type { Logger } from '../log';
import { shellCommand } from '../slurm/shellQuote';
import { slurmTimeFormat } from '../slurm/slurmFields';
import { SlurmScheduler } from '../slurm/slurmScheduler';
import { createSftpFiles } from './sftpFiles';
import { SftpRequests, SftpStatus, sftpStatusOf } from './transfers/sftpRequests';
import { StrandedTemporaries } from './transfers/strandedTemporaries';
import { transferQueueFor } from './transfers/transferQueue';
import { SshSession, type SessionDeps } from './sshSession';

export interface SftpSession {
  sftp(): Promise<SFTPWrapper>;
  homeDir(): Promise<string>;
}

// Variables that silently change what Slurm prints or selects, unset for every remote command
// (a person's login files may set them).
const outputAlteringVariables = [
  'SLURM_TIME_FORMAT', 'SQUEUE_FORMAT', 'SQUEUE_FORMAT2', 'SQUEUE_USERS', 'SQUEUE_STATES', 'SQUEUE_ACCOUNT',
  'SQUEUE_PARTITION', 'SQUEUE_QOS', 'SQUEUE_SORT', 'SACCT_FORMAT',
];

const backoff = { firstMs: 1_000, maxMs: 30_000 };

/** Told how the connection is doing, for the windows' cluster list. */
export interface ConnectionObserver {
  connecting(): void;
  connected(): void;
  failed(error: AppError): void;
  /** `why` is null when Slurm Desk closed it on purpose. */
  closed(why: string | null): void;
}

const closedByUs = 'closed by Slurm Desk';
/** A stranded temporary that takes longer than this to remove is left for the next connection. */
const sweepUnlinkMs = 15_000;

/**
 * The cluster's one connection: opened when first needed, reused by every command, SFTP call and
 * log read, and opened again after it drops — with backoff, so an unreachable cluster is asked
 * at most every few seconds, not on every refresh.
 */
export class SshConnection implements CommandRunner, SftpSession {
  private session: SshSession | null = null;
  private opening: Promise<SshSession> | null = null;
  private failure: { error: AppError; at: number; delayMs: number } | null = null;
  private home: string | null = null;
  /** The session and ledger version last swept, and the sweep under way. */
  private swept: { session: SshSession; version: number } | null = null;
  private sweeping: Promise<void> | null = null;

  constructor(
    private readonly profile: ClusterProfile,
    private readonly deps: SessionDeps,
    private readonly log: Logger,
    private readonly observer?: ConnectionObserver,
    /** Temporaries that cut uploads left on this cluster: removed before SFTP is used on a new connection. */
    readonly stranded: StrandedTemporaries | null = null,
  ) {}

  /** The person asked to connect: try now, whatever the backoff says. */
  async connectNow(): Promise<SshSession> {
    if (!this.opening) this.failure = null;
    return this.current();
  }

  async current(): Promise<SshSession> {
    if (this.session && !this.session.closed) return this.session;
    if (this.opening) return this.opening;
    if (this.failure && Date.now() - this.failure.at < this.failure.delayMs) throw this.failure.error;
    this.observer?.connecting();
    this.opening = SshSession.open(this.profile, this.deps)
      .then((session) => {
        this.session = session;
        this.failure = null;
        this.observer?.connected();
        this.deps.audit.record({
          event: 'connect', cluster: this.profile.name, host: this.profile.host, port: this.profile.port, user: this.profile.user,
          via: this.profile.jump.map((hop) => `${hop.user}@${hop.host}:${hop.port}`),
        });
        session.onClose((reason) => {
          this.log.info(`connection to ${this.profile.name} closed: ${reason}`);
          const { name: cluster, host, port, user } = this.profile;
          this.deps.audit.record({ event: 'disconnect', cluster, host, port, user, reason: reason === closedByUs ? 'closed by Slurm Desk' : reason });
          this.observer?.closed(reason === closedByUs ? null : `The connection dropped (${reason}); it reconnects when next needed.`);
        });
        return session;
      })
      .catch((error: unknown) => {
        const failure = error instanceof AppError ? error : new AppError('ssh-failed', String(error));
        const delayMs = this.failure ? Math.min(this.failure.delayMs * 2, backoff.maxMs) : backoff.firstMs;
        this.failure = { error: failure, at: Date.now(), delayMs };
        this.deps.audit.record({ event: 'connect-failed', cluster: this.profile.name, host: this.profile.host, port: this.profile.port, reason: failure.code });
        this.observer?.failed(failure);
        throw failure;
      })
      .finally(() => {
        this.opening = null;
      });
    return this.opening;
  }

  /** Every argument single-quoted for the remote shell; nothing else reaches it. */
  async run(argv: readonly string[], options: RunOptions = {}): Promise<CommandResult> {
    const session = await this.current();
    const unset = outputAlteringVariables.flatMap((name) => ['-u', name]);
    return session.exec(shellCommand(['env', ...unset, `SLURM_TIME_FORMAT=${slurmTimeFormat}`, ...argv]), options);
  }

  async sftp(): Promise<SFTPWrapper> {
    const session = await this.current();
    await this.sweepStranded(session);
    return session.sftp();
  }

  /**
   * Once per connection, and again after an upload recorded another: removes the temporary files
   * cut uploads left. Never fails what the caller wanted SFTP for; what stays is tried next time.
   */
  private async sweepStranded(session: SshSession): Promise<void> {
    const stranded = this.stranded;
    if (!stranded || (this.swept?.session === session && this.swept.version === stranded.version)) return;
    this.sweeping ??= (async () => {
      const version = stranded.version;
      if (stranded.list().length > 0) {
        const requests = new SftpRequests(await session.sftp());
        const removed = await stranded.sweep((path) => withDeadline(requests.unlink(path).then(() => true, (error: unknown) => sftpStatusOf(error) === SftpStatus.noSuchFile), sweepUnlinkMs));
        if (removed > 0) this.log.info(`removed ${removed} partial upload(s) a cut connection left on ${this.profile.name}`);
      }
      this.swept = { session, version };
    })()
      .catch((error: unknown) => this.log.warn(`removing partial uploads left on ${this.profile.name} failed: ${error instanceof Error ? error.message : String(error)}`))
      .finally(() => {
        this.sweeping = null;
      });
    await this.sweeping;
  }

  async homeDir(): Promise<string> {
    if (this.home) return this.home;
    const sftp = await this.sftp();
    this.home = await new Promise<string>((resolve, reject) => sftp.realpath('.', (error, path) => (error ? reject(error) : resolve(path))));
    return this.home;
  }

  close(): void {
    this.session?.close();
    this.session = null;
  }
}

export type SshBackend = Backend & { kind: 'ssh'; connection: SshConnection };

export function isSshBackend(backend: Backend): backend is SshBackend {
  return backend.kind === 'ssh' && 'connection' in backend;
}

/** False when `promise` has not settled in `ms`. */
function withDeadline(promise: Promise<boolean>, ms: number): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<boolean>((resolve) => (timer = setTimeout(() => resolve(false), ms)));
  return Promise.race([promise, late]).finally(() => clearTimeout(timer));
}

/**
 * `strandedFile` (in the data folder) records the temporary files cut uploads could not remove,
 * so they are removed on the next connection even after a restart; without it, in memory only.
 */
export function createSshBackend(profile: ClusterProfile, deps: SessionDeps, log: Logger, observer?: ConnectionObserver, options: { strandedFile?: string } = {}): SshBackend {
  const via = profile.jump.map((hop) => ` via ${hop.user}@${hop.host}:${hop.port}`).join('');
  const stranded = new StrandedTemporaries(`${profile.user}@${profile.host}:${profile.port}${via}`, options.strandedFile ?? null);
  const connection = new SshConnection(profile, deps, log, observer, stranded);
  return {
    kind: 'ssh',
    connection,
    runner: connection,
    files: {
      ...createSftpFiles(connection, stranded),
      uploadFrom: (localPath, remotePath, mode, options) =>
        transferQueueFor(connection).upload(connection, localPath, remotePath, { mode, stranded, ...(options.onProgress ? { onProgress: options.onProgress } : {}), ...(options.signal ? { signal: options.signal } : {}) }),
    },
    scheduler: new SlurmScheduler(connection),
    close: async () => connection.close(),
  };
}
