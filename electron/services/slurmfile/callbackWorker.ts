import { fork, spawn, type SpawnOptions } from 'node:child_process';
import { createInterface } from 'node:readline';
import { AppError } from '../../../shared/errors';
import type { CallbackEvent } from '../../../shared/slurmfile/callbackEvents';
import type { Logger } from '../log';
import { cliCommand } from '../app/runtimeFiles';
import { callbackHostCommand, type FromHost, type ToHost } from './callbackProtocol';

export const defaultCallbackTimeoutMs = 10_000;
const loadTimeoutMs = 15_000;

export type CallbackSpec = {
  /** The target as written, and where (`file:line:column`), for messages. */
  target: string;
  where: string;
  modulePath: string;
  /** SHA-256 of the module's bytes when its Slurmfile's trust was checked. */
  sha256: string;
  exportName: string;
  args: unknown[];
  kwargs: Record<string, unknown>;
  timeoutMs: number;
};

/** A callback ready to run: the bundle trust pinned for its module. */
export type PinnedCallbackSpec = CallbackSpec & { bundlePath: string; bundleSha256: string };

/**
 * What a worker needs of its host process: a forked Node child (CLI, browser mode), or an Electron
 * utility process behind an adapter (the desktop app, whose binary cannot run as Node).
 */
export interface CallbackHostProcess {
  readonly stdout: NodeJS.ReadableStream | null;
  readonly stderr: NodeJS.ReadableStream | null;
  /** True once it exited or was killed. */
  readonly ended: boolean;
  onMessage(listener: (message: FromHost) => void): void;
  onExit(listener: (how: string) => void): void;
  onError(listener: (error: Error) => void): void;
  send(message: ToHost, done: (error: Error | null) => void): void;
  kill(): void;
  /** An idle host never keeps the app or the CLI from exiting. */
  unref(): void;
}

export type CallbackHostCommand = { modulePath: string; execPath?: string; start?: () => CallbackHostProcess };

/**
 * The host as a child with an IPC channel: the built CLI's hidden callback-host command, forked
 * by Node; inside Electron (the installed app's binary run as the CLI) started through the binary.
 */
export function forkCallbackHost(command: { modulePath: string; execPath?: string }): CallbackHostProcess {
  const options: SpawnOptions & { serialization: 'json' } = { stdio: ['ignore', 'pipe', 'pipe', 'ipc'], serialization: 'json' };
  const [program, ...args] = cliCommand([callbackHostCommand]);
  const child =
    process.versions.electron === undefined || command.execPath
      ? fork(command.modulePath, [callbackHostCommand], { ...options, execArgv: [], ...(command.execPath ? { execPath: command.execPath } : {}) })
      : spawn(program!, args, options);
  return {
    stdout: child.stdout,
    stderr: child.stderr,
    get ended() {
      return child.exitCode !== null || child.signalCode !== null;
    },
    onMessage: (listener) => child.on('message', listener as (message: unknown) => void),
    onExit: (listener) => child.on('exit', (code, signal) => listener(signal ?? `code ${code}`)),
    onError: (listener) => child.on('error', listener),
    send: (message, done) => child.send(message, (error) => done(error ?? null)),
    kill: () => child.kill('SIGKILL'),
    unref: () => {
      child.unref();
      child.channel?.unref();
    },
  };
}

type Waiter = { resolve: (message: FromHost) => void; reject: (error: Error) => void };

/**
 * One Slurmfile callback, run in its own child process (the built CLI's hidden callback-host
 * command). Events are delivered one at a time, in the order given; each has a time limit. A
 * callback that throws is logged; one that hangs past its limit or dies is stopped and started
 * afresh for the next event. Nothing it does reaches the app's event loop or job tracking.
 */
export class CallbackWorker {
  private child: CallbackHostProcess | null = null;
  private waiter: Waiter | null = null;
  private queue: Promise<void> = Promise.resolve();
  private broken: string | null = null;
  private seq = 0;
  private closed = false;

  constructor(
    private readonly spec: PinnedCallbackSpec,
    private readonly command: CallbackHostCommand,
    private readonly log: Logger,
  ) {}

  /** Starts the host and loads the callback; rejects with the reason (bad export, module error) and its place in the Slurmfile. */
  async load(): Promise<void> {
    await this.ensureLoaded();
  }

  /** Queues one event; the promise settles when it was delivered, failed or timed out (never rejects). */
  deliver(event: CallbackEvent): Promise<void> {
    const next = this.queue.then(() => this.send(event));
    this.queue = next.catch(() => undefined);
    return this.queue;
  }

  /** Lets queued events finish (up to `graceMs`), then stops the host. */
  async close(graceMs = this.spec.timeoutMs + 1000): Promise<void> {
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([this.queue, new Promise<void>((resolve) => (timer = setTimeout(resolve, graceMs)))]);
    clearTimeout(timer);
    this.closed = true;
    this.stop();
  }

  private async send(event: CallbackEvent): Promise<void> {
    if (this.closed) return;
    try {
      await this.ensureLoaded();
    } catch (error) {
      this.log.warn(`callback ${this.spec.target} skipped ${event.event} of ${event.jobId ?? event.name}: ${(error as Error).message}`);
      return;
    }
    const seq = (this.seq += 1);
    try {
      const reply = await this.request({ type: 'event', seq, event }, `${event.event} of ${event.jobId ?? event.name}`);
      if (reply.type === 'failed') this.log.warn(`callback ${this.spec.target} failed on ${event.event} of ${event.jobId ?? event.name}: ${reply.message}`);
    } catch (error) {
      this.log.warn(`callback ${this.spec.target}: ${(error as Error).message}; it is restarted for the next event`);
      this.stop();
    }
  }

  private async ensureLoaded(): Promise<void> {
    if (this.broken) throw new AppError('callback-invalid', this.broken);
    if (this.child) return;
    this.start();
    const { modulePath, bundlePath, bundleSha256, exportName, args, kwargs } = this.spec;
    let reply: FromHost;
    try {
      // Starting Node and importing the module may take longer than one event is allowed.
      reply = await this.request({ type: 'load', modulePath, bundlePath, bundleSha256, exportName, args, kwargs }, 'loading', Math.max(this.spec.timeoutMs, loadTimeoutMs));
    } catch (error) {
      this.stop();
      throw new AppError('callback-invalid', `${this.spec.where}: callback ${this.spec.target}: ${(error as Error).message}`);
    }
    if (reply.type === 'load-failed') {
      this.stop();
      // The same module would fail the same way: it stays off until the Slurmfile is opened again.
      this.broken = `${this.spec.where}: callback ${this.spec.target} cannot be loaded: ${reply.message}`;
      throw new AppError('callback-invalid', this.broken);
    }
  }

  private start(): void {
    const child = this.command.start ? this.command.start() : forkCallbackHost(this.command);
    this.child = child;
    // The callback's own output goes to the log, never to the CLI's stdout.
    for (const stream of [child.stdout, child.stderr]) {
      if (stream) createInterface({ input: stream }).on('line', (line) => this.log.info(`callback ${this.spec.target}: ${line}`));
    }
    // A host that was stopped may still answer or exit late: only the current one's news counts.
    child.onMessage((message) => {
      if (this.child !== child) return;
      const waiter = this.waiter;
      this.waiter = null;
      waiter?.resolve(message);
    });
    child.onExit((how) => {
      if (this.child !== child) return;
      this.child = null;
      const waiter = this.waiter;
      this.waiter = null;
      waiter?.reject(new Error(`its process exited (${how})`));
    });
    child.onError((error) => this.log.warn(`callback ${this.spec.target}: ${error.message}`));
    child.unref();
  }

  private request(message: ToHost, what: string, timeoutMs = this.spec.timeoutMs): Promise<FromHost> {
    const child = this.child;
    if (!child) return Promise.reject(new Error('its process is not running'));
    return new Promise<FromHost>((resolve, reject) => {
      const timer = setTimeout(() => {
        this.waiter = null;
        reject(new Error(`${what} took longer than ${timeoutMs} ms`));
      }, timeoutMs);
      this.waiter = {
        resolve: (reply) => {
          clearTimeout(timer);
          resolve(reply);
        },
        reject: (error) => {
          clearTimeout(timer);
          reject(error);
        },
      };
      child.send(message, (error) => {
        if (error) this.waiter?.reject(error);
      });
    });
  }

  private stop(): void {
    const child = this.child;
    this.child = null;
    if (child && !child.ended) child.kill();
  }
}
