import ssh2, { type Client, type ClientChannel, type SFTPWrapper } from 'ssh2';
import { homedir } from 'node:os';
import type { Duplex } from 'node:stream';
import type { AuthSettings, ClusterProfile } from '../../../shared/clusters/clusterProfile';
import { AppError } from '../../../shared/errors';
import { HandshakeDeadline } from './handshakeDeadline';
import type { CommandResult, RunOptions } from '../backends/types';
import { signInKeys, type SignInKey } from './signInKeys';
import { createAuthHandler, type AuthDeps } from './authHandler';
import { ChannelLimiter } from './channelLimiter';
import { connectionError } from './sshErrors';

// ssh2 is CommonJS: its named exports are read from the default export in ESM bundles.
const { Client: SshClient } = ssh2;

export type HopAddress = { host: string; port: number; user: string; hopLabel: string; cluster: string; hop: string | null };

/**
 * Decides whether a presented host key may be used. Resolves false (or rejects with an AppError
 * saying why) to stop the connection before any credential is sent.
 */
/** `signal` aborts when the connection dies while the person is still looking at the key. */
export type HostKeyVerifier = (hop: HopAddress, key: Buffer, signal?: AbortSignal) => Promise<boolean>;

export type SessionDeps = AuthDeps & {
  verifyHostKey: HostKeyVerifier;
  readyTimeoutMs?: number;
  keepaliveIntervalMs?: number;
  maxChannels?: number;
  /** Where ~/.ssh is looked for (the default identities); the user's home unless a test says. */
  home?: string;
  /** Told which method logged in to each hop (the app warns when it was a password). */
  onAuthenticated?: (hop: HopAddress, method: string) => void;
};

type Hop = HopAddress & { auth: AuthSettings; keys: SignInKey[] };

/**
 * One authenticated connection to a cluster, through its jump hosts when it has them (each hop
 * verified and authenticated on its own, reached through the previous hop's forwarded channel).
 * Commands, SFTP and log reads share it; channels are limited to the server's MaxSessions.
 */
export class SshSession {
  private sftpChannel: Promise<SFTPWrapper> | null = null;
  private readonly closeListeners = new Set<(reason: string) => void>();
  private isClosed = false;
  readonly limiter: ChannelLimiter;

  private constructor(
    private readonly clients: Client[],
    readonly authMethod: string | null,
    maxChannels: number,
  ) {
    this.limiter = new ChannelLimiter(maxChannels);
    // Each hop rides on the one before it: whichever ends, the session is over.
    for (const client of clients) {
      client.once('close', () => this.markClosed('the connection closed'));
      client.on('error', (error) => this.markClosed(error.message));
    }
  }

  static async open(profile: ClusterProfile, deps: SessionDeps): Promise<SshSession> {
    const home = deps.home ?? homedir();
    const hops: Hop[] = [
      ...profile.jump.map((hop, index) => {
        const name = profile.jump.length > 1 ? `jump host ${index + 1} of ${profile.jump.length}` : 'the jump host';
        return {
          ...hop,
          cluster: profile.name,
          hop: name,
          hopLabel: `${name} (${hop.user}@${hop.host}:${hop.port})`,
          keys: signInKeys(hop.auth.keyFiles, profile.auth.keyFiles, home),
        };
      }),
      {
        host: profile.host,
        port: profile.port,
        user: profile.user,
        auth: profile.auth,
        cluster: profile.name,
        hop: null,
        hopLabel: `${profile.user}@${profile.host}:${profile.port}`,
        keys: signInKeys(profile.auth.keyFiles, [], home),
      },
    ];
    const clients: Client[] = [];
    let method: string | null = null;
    try {
      for (const hop of hops) {
        const previous = clients.at(-1);
        const sock = previous ? await forward(previous, hop) : undefined;
        const connected = await connectHop(hop, deps, sock);
        clients.push(connected.client);
        method = connected.method;
      }
    } catch (error) {
      for (const client of clients.reverse()) client.end();
      throw error;
    }
    return new SshSession(clients, method, deps.maxChannels ?? 10);
  }

  get closed(): boolean {
    return this.isClosed;
  }

  onClose(listener: (reason: string) => void): () => void {
    this.closeListeners.add(listener);
    return () => this.closeListeners.delete(listener);
  }

  /**
   * Runs one command line (already quoted) and collects its output and exit status. A server that
   * refuses a channel (its MaxSessions is lower than assumed, or a closed session is not yet freed
   * on its side) gets fewer channels at once from then on, and the command is tried again.
   */
  async exec(command: string, options: RunOptions = {}): Promise<CommandResult> {
    for (let attempt = 1; ; attempt += 1) {
      try {
        return await this.limiter.run(() => this.execOnce(command, options));
      } catch (error) {
        if (!(error instanceof ChannelRefused) || attempt >= 20 || this.isClosed) {
          throw error instanceof ChannelRefused ? new AppError('channel-failed', `The cluster refused to run a command: ${error.message}`) : error;
        }
        this.limiter.shrink();
        await new Promise((resolve) => setTimeout(resolve, 50 * attempt));
      }
    }
  }

  private execOnce(command: string, options: RunOptions): Promise<CommandResult> {
    return new Promise<CommandResult>((resolve, reject) => {
          if (this.isClosed) return reject(new AppError('connection-closed', 'The SSH connection is closed.'));
          this.target.exec(command, (error, channel: ClientChannel) => {
            if (error) return reject(new ChannelRefused(error.message));
            const stdout: Buffer[] = [];
            const stderr: Buffer[] = [];
            let timer: NodeJS.Timeout | null = null;
            const abort = () => channel.close();
            options.signal?.addEventListener('abort', abort, { once: true });
            if (options.timeoutMs) timer = setTimeout(() => channel.close(), options.timeoutMs);
            channel.on('data', (chunk: Buffer) => stdout.push(chunk));
            channel.stderr.on('data', (chunk: Buffer) => stderr.push(chunk));
            channel.on('close', (code: number | null, signal?: string) => {
              if (timer) clearTimeout(timer);
              options.signal?.removeEventListener('abort', abort);
              if (code === null || code === undefined) {
                return reject(new AppError('command-interrupted', `The command ended without an exit status${signal ? ` (signal ${signal})` : ''}.`));
              }
              resolve({ stdout: Buffer.concat(stdout).toString('utf8'), stderr: Buffer.concat(stderr).toString('utf8'), exitCode: code });
            });
            channel.end(options.stdin ?? '');
          });
    });
  }

  /**
   * A session channel with a pseudo-terminal: the login shell, or `command` (already quoted) run
   * in it. It holds one of the connection's channels for as long as it is open.
   */
  openPty(command: string | null, size: { cols: number; rows: number }): Promise<ClientChannel> {
    return new Promise((resolve, reject) => {
      if (this.isClosed) return reject(new AppError('connection-closed', 'The SSH connection is closed.'));
      const pty = { term: 'xterm-256color', cols: size.cols, rows: size.rows, width: 0, height: 0 };
      const opened = (error: Error | undefined, channel: ClientChannel) =>
        error ? reject(new AppError('channel-failed', `The cluster refused a terminal: ${error.message}`)) : resolve(channel);
      if (command === null) this.target.shell(pty, opened);
      else this.target.exec(command, { pty }, opened);
    });
  }

  /** A TCP stream from the cluster (the last hop) to host:port, for a port forward. */
  forwardOut(host: string, port: number): Promise<Duplex> {
    return new Promise((resolve, reject) => {
      if (this.isClosed) return reject(new AppError('connection-closed', 'The SSH connection is closed.'));
      this.target.forwardOut('127.0.0.1', 0, host, port, (error, stream) =>
        error ? reject(new AppError('forward-failed', `The cluster could not reach ${host}:${port}: ${error.message}`)) : resolve(stream),
      );
    });
  }

  /** The one SFTP channel of this connection, opened when first needed. */
  sftp(): Promise<SFTPWrapper> {
    this.sftpChannel ??= new Promise((resolve, reject) =>
      this.target.sftp((error, sftp) => {
        if (error) {
          this.sftpChannel = null;
          return reject(new AppError('sftp-failed', `The cluster refused SFTP: ${error.message}`));
        }
        sftp.once('close', () => (this.sftpChannel = null));
        resolve(sftp);
      }),
    );
    return this.sftpChannel;
  }

  close(): void {
    for (const client of [...this.clients].reverse()) client.end();
    this.markClosed('closed by Slurm Desk');
  }

  private get target(): Client {
    return this.clients.at(-1)!;
  }

  private markClosed(reason: string): void {
    if (this.isClosed) return;
    this.isClosed = true;
    for (const client of this.clients) client.end();
    for (const listener of this.closeListeners) listener(reason);
  }
}

/** "the jump host (ana@gw:22) on the way to hpc", or "hpc (ana@hpc.example.org:22)". */
function signInName(hop: Hop): string {
  return hop.hop ? `${hop.hopLabel} on the way to ${hop.cluster}` : `${hop.cluster} (${hop.hopLabel})`;
}

/** The server would not open a channel now; retried with fewer channels at once. */
class ChannelRefused extends Error {}

function forward(via: Client, hop: Hop): Promise<Duplex> {
  return new Promise((resolve, reject) =>
    via.forwardOut('127.0.0.1', 0, hop.host, hop.port, (error, stream) =>
      error ? reject(new AppError('jump-failed', `The jump host could not reach ${hop.host}:${hop.port}: ${error.message}`)) : resolve(stream),
    ),
  );
}

function connectHop(hop: Hop, deps: SessionDeps, sock: Duplex | undefined): Promise<{ client: Client; method: string | null }> {
  const where = `${hop.user}@${hop.host}:${hop.port}`;
  let refusal: AppError | null = null;
  const attempt = new AbortController();
  return new Promise((resolve, reject) => {
    const client = new SshClient();
    const timeoutMs = deps.readyTimeoutMs ?? 20_000;
    const deadline = new HandshakeDeadline(timeoutMs, () => {
      reject(new AppError('unreachable', `${where} did not complete the SSH handshake and login within ${Math.round(timeoutMs / 1000)} s.`));
      client.end();
    });
    // Questions to the person stop the handshake clock; a dead connection withdraws them.
    const askingDeps: SessionDeps = {
      ...deps,
      prompter: { ask: (request, signal) => deadline.whileAsking(() => deps.prompter.ask(request, signal)), cannotAsk: () => deps.prompter.cannotAsk?.() ?? null },
      verifyHostKey: (target, key) => deadline.whileAsking(() => deps.verifyHostKey(target, key, attempt.signal)),
    };
    const auth = createAuthHandler(hop, askingDeps, attempt.signal);
    client.once('ready', () => {
      deadline.finish();
      // Commands and SFTP requests are small and answered one by one: without this, Nagle's
      // algorithm holds a request back until the previous answer is acknowledged (tens of ms).
      client.setNoDelay(true);
      const method = auth.lastMethod();
      deps.audit.record({ event: 'auth', host: hop.host, port: hop.port, user: hop.user, method: method ?? 'none', outcome: 'success' });
      deps.onAuthenticated?.(hop, method ?? 'none');
      // Only now are secrets kept: a refused password is never saved, and a keychain that
      // fails says so after the sign-in instead of costing it.
      void auth.succeeded();
      resolve({ client, method });
    });
    // `on`, not `once`: ssh2 may report more than one error while tearing down, and an error event
    // with no listener would crash the process.
    client.on('error', (error) => {
      deadline.finish();
      attempt.abort();
      client.end();
      reject(refusal ?? connectionError(error, signInName(hop), auth.report));
    });
    // A server that hangs up mid-authentication may close without an error event.
    client.once('close', () => {
      deadline.finish();
      attempt.abort();
      reject(refusal ?? new AppError('connection-closed', `${where} closed the connection before login completed.`));
    });
    client.connect({
      ...(sock ? { sock } : { host: hop.host, port: hop.port }),
      username: hop.user,
      // 0 turns ssh2's own timer off: HandshakeDeadline above does the job without counting the person.
      readyTimeout: 0,
      keepaliveInterval: deps.keepaliveIntervalMs ?? 15_000,
      keepaliveCountMax: 3,
      // Checked before authentication starts: with a refused key not one credential is sent.
      hostVerifier: (key: Buffer, verify: (valid: boolean) => void) => {
        askingDeps.verifyHostKey(hop, key).then(
          (accepted) => verify(accepted),
          (error: unknown) => {
            refusal = error instanceof AppError ? error : new AppError('host-key-refused', String(error));
            verify(false);
          },
        );
      },
      authHandler: auth.handler,
    });
  });
}
