import { createHash } from 'node:crypto';
import { register } from 'node:module';
import { pathToFileURL } from 'node:url';
import { callbackMethods, type CallbackEvent } from '../../../shared/slurmfile/callbackEvents';
import type { FromHost, ToHost } from './callbackProtocol';
import { maxCallbackModuleBytes } from './callbackModuleHash';
import { readRegularFile } from '../fs/readRegularFile';

type Deliver = (event: CallbackEvent) => unknown;

/**
 * The child side: imports the Slurmfile's module, makes the callback (a class is instantiated
 * with `...args, kwargs`; a function is called per event with `event, ...args, kwargs`) and
 * delivers events as the app sends them. Whatever the callback does (throw, hang, exit) happens
 * in this process, never in the app's.
 */
export async function runCallbackHost(): Promise<number> {
  const channel = parentChannel();
  const send = channel.send;
  let deliver: Deliver | null = null;
  channel.onMessage((message) => {
    if (message.type === 'load') {
      load(message).then(
        (made) => {
          deliver = made;
          send({ type: 'loaded' });
        },
        (error: unknown) => send({ type: 'load-failed', message: describe(error) }),
      );
      return;
    }
    const current = deliver;
    if (!current) {
      send({ type: 'failed', seq: message.seq, message: 'the callback is not loaded' });
      return;
    }
    Promise.resolve()
      .then(() => current(message.event))
      .then(
        () => send({ type: 'done', seq: message.seq }),
        (error: unknown) => send({ type: 'failed', seq: message.seq, message: describe(error) }),
      );
  });
  return channel.closed;
}

/** Electron's utility processes talk through `process.parentPort`; they have no Node IPC channel. */
type ParentPort = { postMessage(message: unknown): void; on(event: 'message', listener: (event: { data: unknown }) => void): void };

export function insideUtilityProcess(): boolean {
  return (process as { parentPort?: ParentPort }).parentPort !== undefined;
}

/** The app's side of the host: a utility process's parent port, or a forked child's IPC channel. */
function parentChannel(): { send(message: FromHost): void; onMessage(listener: (message: ToHost) => void): void; closed: Promise<number> } {
  const port = (process as { parentPort?: ParentPort }).parentPort;
  if (port) {
    return {
      send: (message) => port.postMessage(message),
      onMessage: (listener) => port.on('message', (event) => listener(event.data as ToHost)),
      // The app kills a utility process when it is done with it.
      closed: new Promise<number>(() => {}),
    };
  }
  if (!process.send) throw new Error('callback-host runs only as a child process started by Slurm Desk.');
  return {
    send: (message) => process.send?.(message),
    onMessage: (listener) => process.on('message', listener),
    closed: new Promise((resolve) => process.once('disconnect', () => resolve(0))),
  };
}

async function load(request: Extract<ToHost, { type: 'load' }>): Promise<Deliver> {
  // Checked here, just before the import: a bundle that is not the one trust pinned is refused,
  // never run. The module named in the Slurmfile and the files it imports are never imported:
  // only the bundle made of them when the person trusted it.
  const read = readRegularFile(request.bundlePath, maxCallbackModuleBytes);
  if (!read.ok) throw new Error(`the code pinned for ${request.modulePath} when its Slurmfile was trusted (${request.bundlePath}) cannot be read; trust the Slurmfile again`);
  const now = createHash('sha256').update(read.bytes).digest('hex');
  if (now !== request.bundleSha256) {
    throw new Error(`the code pinned for ${request.modulePath} (${request.bundlePath}) changed since its Slurmfile was trusted (SHA-256 now ${now}, trusted ${request.bundleSha256}); trust the Slurmfile again`);
  }
  const url = pathToFileURL(request.bundlePath).href;
  refuseOtherModules(url);
  const module = (await import(url)) as Record<string, unknown>;
  const target = module[request.exportName];
  if (target === undefined) throw new Error(`${request.modulePath} has no export named ${request.exportName}`);
  if (typeof target !== 'function') {
    throw new Error(`${request.exportName} in ${request.modulePath} is ${target === null ? 'null' : `a ${typeof target}`}; a callback target is a class or a function`);
  }
  if (isClass(target)) {
    const Target = target as new (...values: unknown[]) => Record<string, unknown>;
    const instance = new Target(...request.args, request.kwargs);
    return async (event) => {
      const specific = instance[callbackMethods[event.event]];
      if (typeof specific === 'function') await (specific as (event: CallbackEvent) => unknown).call(instance, event);
      const generic = instance.onEvent;
      if (typeof generic === 'function') await (generic as (event: CallbackEvent) => unknown).call(instance, event);
    };
  }
  const fn = target as (...values: unknown[]) => unknown;
  return (event) => fn(event, ...request.args, request.kwargs);
}

/**
 * From here on this process loads no module but the pinned bundle and node builtins: an
 * `import()` of a path known only at run time (or anything the bundle left out) is refused
 * instead of running code nobody reviewed. The hook runs on Node's loader thread.
 */
function refuseOtherModules(bundleUrl: string): void {
  const hooks = `import { isBuiltin } from 'node:module';
let allowed = '';
export function initialize(data) { allowed = data.allowed; }
export async function resolve(specifier, context, next) {
  if (isBuiltin(specifier)) return next(specifier, context);
  const resolved = await next(specifier, context);
  if (resolved.url === allowed || isBuiltin(resolved.url)) return resolved;
  throw new Error('import of ' + specifier + ' refused: a Slurmfile callback runs only the code pinned when its Slurmfile was trusted (and node builtins)');
}`;
  register(`data:text/javascript,${encodeURIComponent(hooks)}`, { data: { allowed: bundleUrl } });
}

function isClass(value: unknown): boolean {
  return typeof value === 'function' && /^class[\s{]/.test(Function.prototype.toString.call(value));
}

function describe(error: unknown): string {
  if (error instanceof Error) return `${error.name}: ${error.message}`;
  return String(error);
}
