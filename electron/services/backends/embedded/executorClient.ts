import { spawn } from 'node:child_process';
import { existsSync, lstatSync } from 'node:fs';
import { connect, type Socket } from 'node:net';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import type { PartitionOverview } from '../../../../shared/clusters/partitionOverview';
import { rebuildError } from '../../../../shared/errors';
import { SchedulerError, type FinalEntry, type QueueEntry, type Scheduler, type SubmitRequest } from '../types';
import {
  HelloSchema, LineSplitter, ReplySchema, executorLogName, executorMethods, executorProtocolVersion,
  type ExecutorMethod, type ExecutorParams, type ExecutorResult, type WireError,
} from './executorProtocol';
import { executorSocketPath } from './executorSocketPath';
import { embeddedPartition } from './embeddedPartition';

export type ExecutorClientOptions = {
  /** The state folder the daemon serves. */
  stateDir: string;
  /** argv that starts the daemon for this folder (`node out/cli/main.mjs executor STATE_DIR`). */
  command: readonly string[];
  /** The daemon's environment (default: this process's). */
  env?: NodeJS.ProcessEnv;
  /** How long to keep trying to reach a daemon this client started (default 10 s). */
  startTimeoutMs?: number;
  /** How long a request may wait for its reply (default 60 s): a hung daemon is unreachable, not a wait forever. */
  requestTimeoutMs?: number;
};

/**
 * No reply: the connection ended, or the daemon did not answer in time. `sent` says whether the
 * request may have reached the daemon; `timedOut` that asking again would likely wait as long.
 */
class ConnectionLost extends Error {
  override name = 'ConnectionLost';
  constructor(
    message: string,
    readonly sent: boolean,
    readonly timedOut = false,
  ) {
    super(message);
  }
}

type Pending = { resolve: (value: unknown) => void; reject: (error: Error) => void };

const greetingTimeoutMs = 10_000;

/**
 * One socket to the daemon, greeted, with requests matched to replies by id. It holds the
 * process open only while a reply is awaited: an idle connection never keeps a CLI from exiting.
 */
class Connection {
  readonly #socket: Socket;
  readonly #pending = new Map<number, Pending>();
  #nextId = 1;
  #lost: string | null = null;

  private constructor(socket: Socket) {
    this.#socket = socket;
  }

  get open(): boolean {
    return this.#lost === null;
  }

  /** Connects and waits for the daemon's greeting; rejects with the socket error (code ENOENT…) or ConnectionLost. */
  static open(path: string): Promise<Connection> {
    return new Promise((resolve, reject) => {
      const socket = connect(path);
      const connection = new Connection(socket);
      const lines = new LineSplitter();
      let greeted = false;
      const fail = (error: Error) => {
        clearTimeout(timer);
        socket.destroy();
        reject(error);
      };
      const timer = setTimeout(() => fail(new SchedulerError('scheduler-unreachable', `${path} accepted the connection but did not greet within ${greetingTimeoutMs / 1000} s`)), greetingTimeoutMs);
      socket.on('data', (chunk: Buffer) => {
        const complete = lines.push(chunk);
        if (complete === null) return connection.#drop('the executor sent a line longer than 64 MiB');
        for (const line of complete) {
          if (greeted) {
            connection.#receive(line);
            continue;
          }
          const hello = parseJson(line, HelloSchema);
          if (hello === null || hello.version !== executorProtocolVersion) {
            const found = hello === null ? 'something that is not the executor' : `version ${hello.version} (process ${hello.pid})`;
            return fail(new SchedulerError('scheduler-unreachable', `${path} answers with ${found}, not version ${executorProtocolVersion} of the executor of This computer`));
          }
          greeted = true;
          clearTimeout(timer);
          socket.unref();
          resolve(connection);
        }
      });
      socket.on('error', (error) => {
        if (!greeted) fail(error);
        connection.#drop(error.message);
      });
      socket.on('close', () => {
        if (!greeted) fail(new ConnectionLost('the executor closed the connection before greeting', false));
        connection.#drop('the executor closed the connection');
      });
    });
  }

  request(method: string, params: unknown, timeoutMs: number): Promise<unknown> {
    if (this.#lost !== null) return Promise.reject(new ConnectionLost(this.#lost, false));
    const id = this.#nextId++;
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        // A late reply finds nothing waiting and is dropped.
        this.#forget(id);
        reject(new ConnectionLost(`no answer within ${timeoutMs / 1000} s`, true, true));
      }, timeoutMs);
      this.#pending.set(id, {
        resolve: (value) => {
          clearTimeout(timer);
          resolve(value);
        },
        reject: (error) => {
          clearTimeout(timer);
          reject(error);
        },
      });
      this.#socket.ref();
      this.#socket.write(`${JSON.stringify({ id, method, params })}\n`);
    });
  }

  close(): void {
    this.#drop('the connection was closed');
  }

  #receive(line: string): void {
    const reply = parseJson(line, ReplySchema);
    if (reply === null) return this.#drop('the executor sent a reply that is not one');
    const pending = reply.id === null ? undefined : this.#pending.get(reply.id);
    if (pending === undefined) return;
    this.#forget(reply.id!);
    if (reply.ok) pending.resolve(reply.result);
    else pending.reject(rebuild(reply.error));
  }

  #forget(id: number): void {
    this.#pending.delete(id);
    if (this.#pending.size === 0) this.#socket.unref();
  }

  #drop(why: string): void {
    if (this.#lost === null) this.#lost = why;
    for (const pending of this.#pending.values()) pending.reject(new ConnectionLost(why, true));
    this.#pending.clear();
    this.#socket.destroy();
  }
}

/**
 * The Scheduler of "This computer" as seen from the app or the CLI: every call goes to the one
 * executor daemon of the state folder, which is started when none answers. The daemon owns the
 * job list and the tasks, so jobs run whether or not any app or CLI is open.
 */
export class ExecutorClient implements Scheduler {
  #commands = 0;
  #connection: Connection | null = null;
  #connecting: Promise<Connection> | null = null;
  #closed = false;
  readonly #options: ExecutorClientOptions;
  readonly #logPath: string;

  constructor(options: ExecutorClientOptions) {
    if (options.command.length === 0) throw new Error('ExecutorClient needs the command that starts the executor daemon');
    this.#options = options;
    this.#logPath = join(options.stateDir, executorLogName);
  }

  get commandCount(): number {
    return this.#commands;
  }

  async submit(request: SubmitRequest, signal?: AbortSignal): Promise<string> {
    this.#commands += 1;
    signal?.throwIfAborted();
    return this.#call('submit', request);
  }

  async queue(jobIds: readonly string[]): Promise<QueueEntry[]> {
    this.#commands += 1;
    return this.#call('queue', { jobIds: [...jobIds] });
  }

  async settle(jobIds: readonly string[]): Promise<FinalEntry[]> {
    this.#commands += 1;
    return this.#call('settle', { jobIds: [...jobIds] });
  }

  async cancel(jobIds: readonly string[]): Promise<void> {
    this.#commands += 1;
    await this.#call('cancel', { jobIds: [...jobIds] });
  }

  async findByComment(comment: string): Promise<string | null> {
    this.#commands += 1;
    return this.#call('findByComment', { comment });
  }

  async overview(): Promise<PartitionOverview[]> {
    this.#commands += 1;
    try {
      return await this.#call('overview', {});
    } catch (error) {
      // A daemon started by an earlier version keeps serving until it idles out, and does not
      // know this request: describe this computer without its running tasks until then.
      if (error instanceof Error && 'code' in error && error.code === 'unknown-method') return [embeddedPartition(availableParallelism(), 0)];
      throw error;
    }
  }

  /** Closes the connection; the daemon keeps running the jobs. */
  async close(): Promise<void> {
    this.#closed = true;
    this.#connection?.close();
    this.#connection = null;
  }

  /**
   * Sends one request. A call whose reply was lost with the connection is asked again on a new
   * one, except a submission: it may have been recorded, and submitting it again could run the
   * job twice, so its outcome is left unknown (a plain Error) for the engine's recovery.
   */
  async #call<M extends ExecutorMethod>(method: M, params: ExecutorParams<M>): Promise<ExecutorResult<M>> {
    for (let attempt = 1; ; attempt += 1) {
      const connection = await this.#connect();
      let raw: unknown;
      try {
        raw = await connection.request(method, params, this.#options.requestTimeoutMs ?? 60_000);
      } catch (error) {
        if (!(error instanceof ConnectionLost)) throw error;
        if (method === 'submit' && error.sent) {
          const message = `The executor of This computer stopped answering during the submission (${error.message}); whether it recorded the job is unknown`;
          throw new Error(message, { cause: error });
        }
        if (attempt < 3 && !error.timedOut) continue;
        throw new SchedulerError('scheduler-unreachable', `The executor of This computer stopped answering (${error.message}); see ${this.#logPath}`);
      }
      const result = executorMethods[method].result.safeParse(raw);
      if (!result.success) throw new SchedulerError('scheduler-output', `The executor of This computer answered ${method} with something unexpected`);
      return result.data as ExecutorResult<M>;
    }
  }

  #connect(): Promise<Connection> {
    if (this.#closed) return Promise.reject(new SchedulerError('scheduler-unreachable', 'The connection to the executor of This computer is closed'));
    if (this.#connection?.open) return Promise.resolve(this.#connection);
    this.#connecting ??= this.#establish().finally(() => (this.#connecting = null));
    return this.#connecting;
  }

  /**
   * Connects, starting the daemon when nothing listens. A daemon that finds another one holding
   * the folder exits at once, and one that is stopping still holds it for a moment: starting
   * again (after the last one exited) and retrying with backoff covers both.
   */
  async #establish(): Promise<Connection> {
    const deadline = Date.now() + (this.#options.startTimeoutMs ?? 10_000);
    let starting: Promise<number | string> | null = null;
    let exited: number | string | null = null;
    let delay = 10;
    for (;;) {
      try {
        const socketPath = this.#socketPath();
        this.#checkSocketOwner(socketPath);
        const connection = await Connection.open(socketPath);
        if (this.#closed) {
          connection.close();
          throw new SchedulerError('scheduler-unreachable', 'The connection to the executor of This computer is closed');
        }
        this.#connection = connection;
        return connection;
      } catch (error) {
        if (!isNoDaemon(error)) throw asUnreachable(error, this.#logPath);
        // Exit status 0: another daemon had the folder (it may be about to stop). Anything else failed.
        if (exited !== null && exited !== 0) {
          const how = typeof exited === 'number' ? `exited with status ${exited}` : `could not be started (${exited})`;
          // No log: it never got as far as its own code (a wrong program or bundle path).
          const where = existsSync(this.#logPath) ? `see ${this.#logPath}` : `it wrote no ${this.#logPath}; its command was ${this.#options.command.join(' ')}`;
          throw new SchedulerError('scheduler-unreachable', `The executor of This computer ${how}; ${where}`);
        }
        if (Date.now() >= deadline) {
          throw new SchedulerError('scheduler-unreachable', `The executor of This computer did not answer within ${Math.round((this.#options.startTimeoutMs ?? 10_000) / 1000)} s; see ${this.#logPath}`);
        }
        if (starting === null || exited !== null) {
          exited = null;
          starting = this.#startDaemon();
          void starting.then((outcome) => (exited = outcome));
        }
        await new Promise((resolve) => setTimeout(resolve, delay));
        delay = Math.min(delay * 2, 250);
      }
    }
  }

  /** Starts the daemon detached (its own session, no stdio); resolves with its exit status or why it did not start. */
  #startDaemon(): Promise<number | string> {
    const [program, ...args] = this.#options.command;
    const env = { ...(this.#options.env ?? process.env) };
    return new Promise((resolve) => {
      const child = spawn(program!, args, { detached: true, stdio: 'ignore', env, cwd: '/' });
      child.once('error', (error) => resolve(error.message));
      child.once('exit', (code, signal) => resolve(code ?? `ended by ${signal ?? 'a signal'}`));
      child.unref();
    });
  }

  /** Asked on every attempt: a daemon started meanwhile may have just chosen its socket's folder. */
  #socketPath(): string {
    const path = executorSocketPath(this.#options.stateDir, this.#options.env ?? process.env);
    if (path !== null) return path;
    throw Object.assign(new Error('no executor socket has been chosen yet'), { code: 'ENOENT' });
  }

  /** The socket must be this user's: the folder is private, but a socket elsewhere (long paths) is checked too. */
  #checkSocketOwner(socketPath: string): void {
    const uid = process.getuid?.();
    if (uid === undefined) return;
    try {
      const stats = lstatSync(socketPath);
      if (stats.uid !== uid) throw new SchedulerError('scheduler-unreachable', `${socketPath} belongs to another user; remove it`);
    } catch (error) {
      if (error instanceof SchedulerError) throw error;
      // Absent: connecting says so.
    }
  }
}

/** Nothing serves the socket (yet, or any more): worth starting the daemon and trying again. */
function isNoDaemon(error: unknown): boolean {
  if (error instanceof ConnectionLost) return true;
  return error instanceof Error && 'code' in error && (error.code === 'ENOENT' || error.code === 'ECONNREFUSED' || error.code === 'ECONNRESET');
}

function asUnreachable(error: unknown, logPath: string): Error {
  if (error instanceof SchedulerError) return error;
  const why = error instanceof Error ? error.message : String(error);
  return new SchedulerError('scheduler-unreachable', `The executor of This computer cannot be reached (${why}); see ${logPath}`);
}

const schedulerCodes = new Set(['scheduler-rejected', 'scheduler-unreachable', 'scheduler-output']);

/** The daemon's error as the scheduler would have thrown it in this process. */
function rebuild(error: WireError): Error {
  if (error.name === 'SchedulerError' && schedulerCodes.has(error.code)) {
    return new SchedulerError(error.code as ConstructorParameters<typeof SchedulerError>[0], error.message);
  }
  return rebuildError(error);
}

function parseJson<T>(line: string, schema: { safeParse(value: unknown): { success: true; data: T } | { success: false } }): T | null {
  try {
    const parsed = schema.safeParse(JSON.parse(line));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}
