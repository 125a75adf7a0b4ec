import { pathToFileURL } from 'node:url';
import { callbackMethods, type CallbackEvent } from '../../../shared/slurmfile/callbackEvents';
import type { FromHost, ToHost } from './callbackProtocol';
import { moduleHash } from './callbackModuleHash';

type Deliver = (event: CallbackEvent) => unknown;

/**
 * The child side: imports the Slurmfile's module, makes the callback (a class is instantiated
 * with `...args, kwargs`; a function is called per event with `event, ...args, kwargs`) and
 * delivers events as the app sends them. Whatever the callback does (throw, hang, exit) happens
 * in this process, never in the app's.
 */
export async function runCallbackHost(): Promise<number> {
  if (!process.send) throw new Error('callback-host runs only as a child process started by Slurm Desk.');
  const send = (message: FromHost) => process.send?.(message);
  let deliver: Deliver | null = null;
  process.on('message', (message: ToHost) => {
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
  return new Promise((resolve) => process.once('disconnect', () => resolve(0)));
}

async function load(request: Extract<ToHost, { type: 'load' }>): Promise<Deliver> {
  // Checked again here, just before the import: a module changed since the app checked its
  // trust (or while this host restarted) is refused, never run.
  const now = moduleHash(request.modulePath);
  if (!now.ok) throw new Error(`${request.modulePath} ${now.problem}`);
  if (now.sha256 !== request.sha256) {
    throw new Error(`${request.modulePath} changed since its Slurmfile was trusted (SHA-256 now ${now.sha256}, trusted ${request.sha256}); read it, then trust the Slurmfile again`);
  }
  const module = (await import(pathToFileURL(request.modulePath).href)) as Record<string, unknown>;
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

function isClass(value: unknown): boolean {
  return typeof value === 'function' && /^class[\s{]/.test(Function.prototype.toString.call(value));
}

function describe(error: unknown): string {
  if (error instanceof Error) return `${error.name}: ${error.message}`;
  return String(error);
}
