import { appendFileSync, chmodSync, lstatSync, mkdirSync, renameSync, statSync, unlinkSync } from 'node:fs';
import { connect, createServer, type Server, type Socket } from 'node:net';
import { isAbsolute, join } from 'node:path';
import { AppError } from '../../../../shared/errors';
import { createLogger, type Logger } from '../../log';
import { EmbeddedScheduler, type EmbeddedSchedulerOptions } from './embeddedScheduler';
import {
  LineSplitter, RequestEnvelopeSchema, executorLogName, executorMethods, executorProtocolVersion, isExecutorMethod,
  type ExecutorMethod, type ExecutorParams, type ExecutorResult, type WireError,
} from './executorProtocol';
import { executorListenPath } from './executorSocketPath';
import { StateFolderInUse } from './stateLock';

export type ExecutorDaemonOptions = {
  /** Exits after this long with no waiting or running task and no client (default 60 s). */
  idleMs?: number;
  /** For tests: fewer CPUs, a shorter kill grace… */
  scheduler?: Omit<EmbeddedSchedulerOptions, 'stateDir' | 'logger'>;
  /** Default: appended to `executor.log` in the state folder. */
  logger?: (scope: string) => Logger;
};

export type ExecutorDaemon = {
  socketPath: string;
  /** Stops serving, then closes the scheduler; running tasks keep running. */
  stop(reason: string): Promise<void>;
  readonly stopped: Promise<void>;
};

type Reply = { id: number | null; ok: true; result: unknown } | { id: number | null; ok: false; error: WireError };
type Handlers = { [M in ExecutorMethod]: (params: ExecutorParams<M>) => Promise<ExecutorResult<M>> };

const defaultIdleMs = 60_000;
const maxLogBytes = 1024 * 1024;

/**
 * The process's whole life as the executor daemon of one state folder (the hidden
 * `slurmdesk executor STATE_DIR`). Its parent ignored its stdio and gave it its own session, so
 * it owes nothing to a terminal; what goes wrong goes to `executor.log`. 0 when it served and
 * stopped, or found another daemon serving the folder.
 */
export async function runExecutorDaemon(stateDir: string, options: ExecutorDaemonOptions = {}): Promise<number> {
  const logFor = options.logger ?? fileLogger(stateDir);
  const log = logFor('executor');
  // A daemon started by hand from a terminal must not end with it.
  process.on('SIGHUP', () => {});
  process.on('uncaughtException', (error) => {
    log.error('Stopped by an unexpected failure', error);
    process.exit(1);
  });
  process.on('unhandledRejection', (error) => {
    log.error('Stopped by an unexpected failure', error);
    process.exit(1);
  });
  let daemon: ExecutorDaemon | null;
  try {
    daemon = await startExecutorDaemon(stateDir, { ...options, logger: logFor });
  } catch (error) {
    log.error('Could not start', error);
    return 1;
  }
  if (daemon === null) return 0;
  const stop = (signal: string) => void daemon.stop(signal);
  process.once('SIGTERM', stop);
  process.once('SIGINT', stop);
  await daemon.stopped;
  return 0;
}

/**
 * Takes the state folder and serves its scheduler on the socket; null when another daemon holds
 * the folder (it serves the clients; this one has nothing to do).
 */
export async function startExecutorDaemon(stateDir: string, options: ExecutorDaemonOptions = {}): Promise<ExecutorDaemon | null> {
  if (!isAbsolute(stateDir)) throw new Error(`The state folder must be an absolute path: ${stateDir}`);
  const logFor = options.logger ?? fileLogger(stateDir);
  const log = logFor('executor');
  makePrivateFolder(stateDir);
  // Tasks start from this process's environment; the Electron binary ran it as Node, they must not.
  const { ELECTRON_RUN_AS_NODE: _electron, ...env } = process.env;
  let scheduler: EmbeddedScheduler;
  try {
    scheduler = new EmbeddedScheduler({ env, ...options.scheduler, stateDir, logger: logFor('scheduler:embedded') });
  } catch (error) {
    if (!(error instanceof StateFolderInUse)) throw error;
    log.info(`Not started: process ${error.holderPid ?? '?'} already runs the jobs of this folder`);
    return null;
  }
  const socketPath = executorListenPath(stateDir);
  let server: Server;
  try {
    if ((await clearStaleSocket(socketPath)) === 'answering') {
      log.warn(`Not started: something already answers on ${socketPath}`);
      await scheduler.close();
      return null;
    }
    server = await listen(socketPath);
  } catch (error) {
    await scheduler.close();
    throw error;
  }
  log.info(`Serving ${stateDir} as process ${process.pid}`);
  return serve({ scheduler, server, socketPath, log, idleMs: options.idleMs ?? defaultIdleMs });
}

function serve(context: { scheduler: EmbeddedScheduler; server: Server; socketPath: string; log: Logger; idleMs: number }): ExecutorDaemon {
  const { scheduler, server, socketPath, log, idleMs } = context;
  const clients = new Set<Socket>();
  let inFlight = 0;
  let lastBusy = Date.now();
  let stopping: Promise<void> | null = null;
  let markStopped: () => void = () => {};
  const stopped = new Promise<void>((resolve) => (markStopped = resolve));
  const handlers: Handlers = {
    submit: (request) => scheduler.submit(request),
    queue: ({ jobIds }) => scheduler.queue(jobIds),
    settle: ({ jobIds }) => scheduler.settle(jobIds),
    cancel: async ({ jobIds }) => {
      await scheduler.cancel(jobIds);
      return null;
    },
    findByComment: ({ comment }) => scheduler.findByComment(comment),
    overview: () => scheduler.overview(),
  };

  const stop = (reason: string): Promise<void> => {
    stopping ??= (async () => {
      clearInterval(idleCheck);
      // Nothing new is accepted from here on; the socket goes before the lock, so a client that
      // arrives now starts a daemon that waits its turn for the folder.
      server.close();
      removeQuietly(socketPath);
      for (const client of clients) client.destroy();
      await scheduler.close();
      log.info(`Stopped (${reason})`);
      markStopped();
    })();
    return stopping;
  };

  const idleCheck = setInterval(() => {
    const now = Date.now();
    if (clients.size > 0 || inFlight > 0 || scheduler.busy) lastBusy = now;
    else if (now - lastBusy >= idleMs) void stop(`idle for ${idleMs / 1000} s`);
  }, Math.max(20, Math.min(1000, idleMs / 4)));
  idleCheck.unref();

  server.on('connection', (socket) => {
    if (stopping !== null) {
      socket.destroy();
      return;
    }
    clients.add(socket);
    const lines = new LineSplitter();
    const send = (reply: Reply) => {
      if (!socket.destroyed && socket.writable) socket.write(`${JSON.stringify(reply)}\n`);
    };
    let refused = false;
    socket.on('data', (chunk: Buffer) => {
      if (refused) return;
      const complete = lines.push(chunk);
      if (complete === null) {
        refused = true;
        const error = { name: 'ContractError', code: 'frame-too-large', message: 'A request line is longer than 64 MiB; the connection is closed' };
        socket.end(`${JSON.stringify({ id: null, ok: false, error })}\n`, () => socket.destroy());
        return;
      }
      for (const line of complete) {
        inFlight += 1;
        void answer(line, handlers, log)
          .then(send)
          .finally(() => {
            inFlight -= 1;
            lastBusy = Date.now();
          });
      }
    });
    // A client that went away mid-request: its replies are dropped, the work is done anyway.
    socket.on('error', () => {});
    socket.on('close', () => {
      clients.delete(socket);
      lastBusy = Date.now();
    });
    socket.write(`${JSON.stringify({ hello: 'slurmdesk-executor', version: executorProtocolVersion, pid: process.pid })}\n`);
  });

  return { socketPath, stop, stopped };
}

/** One request line to its reply: never throws, and a bad line does not end the connection. */
async function answer(line: string, handlers: Handlers, log: Logger): Promise<Reply> {
  let value: unknown;
  try {
    value = JSON.parse(line);
  } catch {
    return refuse(null, 'malformed-frame', 'The request is not JSON');
  }
  const envelope = RequestEnvelopeSchema.safeParse(value);
  if (!envelope.success) {
    const id = typeof value === 'object' && value !== null && 'id' in value && Number.isSafeInteger(value.id) ? Number(value.id) : null;
    return refuse(id, 'malformed-frame', 'A request is {id, method, params} with a whole-number id and a method name');
  }
  const { id, method, params } = envelope.data;
  if (!isExecutorMethod(method)) return refuse(id, 'unknown-method', `No method ${JSON.stringify(method)}; known: ${Object.keys(executorMethods).join(', ')}`);
  const parsed = executorMethods[method].params.safeParse(params);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const where = issue === undefined || issue.path.length === 0 ? 'params' : `params.${issue.path.join('.')}`;
    return refuse(id, 'invalid-params', `${method}: ${where}: ${issue?.message ?? 'invalid'}`);
  }
  try {
    const handler = handlers[method] as (params: unknown) => Promise<unknown>;
    return { id, ok: true, result: await handler(parsed.data) };
  } catch (error) {
    if (error instanceof AppError) return { id, ok: false, error: { name: error.name, code: error.code, message: error.message } };
    log.error(`${method} failed`, error);
    return refuse(id, 'internal', `${method} failed: ${error instanceof Error ? error.message : String(error)}`);
  }
}

function refuse(id: number | null, code: string, message: string): Reply {
  return { id, ok: false, error: { name: 'ContractError', code, message } };
}

/** The state folder, created private or made private; another user's folder is refused. */
function makePrivateFolder(dir: string): void {
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  const stats = statSync(dir);
  const uid = process.getuid?.();
  if (uid !== undefined && stats.uid !== uid) throw new Error(`${dir} belongs to another user (uid ${stats.uid})`);
  if ((stats.mode & 0o077) !== 0) chmodSync(dir, 0o700);
}

/** A socket file left by a daemon that died is removed, but only once nothing answers on it. */
async function clearStaleSocket(path: string): Promise<'clear' | 'answering'> {
  let isSocket: boolean;
  try {
    isSocket = lstatSync(path).isSocket();
  } catch {
    return 'clear';
  }
  if (!isSocket) throw new Error(`${path} is in the way and is not a socket; move it away`);
  const answering = await new Promise<boolean>((resolve) => {
    const probe = connect(path);
    probe.once('connect', () => {
      probe.destroy();
      resolve(true);
    });
    probe.once('error', () => resolve(false));
  });
  if (answering) return 'answering';
  removeQuietly(path);
  return 'clear';
}

function listen(path: string): Promise<Server> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(path, () => {
      server.off('error', reject);
      try {
        chmodSync(path, 0o600);
      } catch (error) {
        server.close();
        reject(error instanceof Error ? error : new Error(String(error)));
        return;
      }
      server.on('error', () => {});
      resolve(server);
    });
  });
}

/** Loggers that append to `executor.log` (kept under ~1 MiB: the previous one becomes `.1`). */
function fileLogger(stateDir: string): (scope: string) => Logger {
  const path = join(stateDir, executorLogName);
  try {
    if (statSync(path).size > maxLogBytes) renameSync(path, `${path}.1`);
  } catch {
    // No log yet.
  }
  const write = (line: string) => {
    try {
      appendFileSync(path, line, { mode: 0o600 });
    } catch {
      // Nowhere else to write: the daemon has no terminal.
    }
  };
  return (scope) => createLogger(scope, write);
}

function removeQuietly(path: string): void {
  try {
    unlinkSync(path);
  } catch {
    // Already gone.
  }
}
