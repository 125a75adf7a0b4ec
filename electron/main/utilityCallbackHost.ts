import { utilityProcess } from 'electron';
import type { CallbackHostProcess } from '../services/slurmfile/callbackWorker';

/**
 * A Slurmfile callback host in an Electron utility process: a Node environment of its own that
 * needs neither ELECTRON_RUN_AS_NODE nor the RunAsNode fuse (which the packaged app turns off),
 * and reads the CLI bundle straight from app.asar. The bundle sees `process.parentPort` and hosts
 * the callback (electron/cli/main.ts).
 */
export function startUtilityCallbackHost(cliBundle: string): CallbackHostProcess {
  const child = utilityProcess.fork(cliBundle, [], { stdio: 'pipe', serviceName: 'Slurm Desk callback' });
  let ended = false;
  child.once('exit', () => (ended = true));
  return {
    stdout: child.stdout,
    stderr: child.stderr,
    get ended() {
      return ended;
    },
    onMessage: (listener) => child.on('message', listener),
    onExit: (listener) => child.on('exit', (code) => listener(`code ${code}`)),
    onError: (listener) => child.on('error', (type, location) => listener(new Error(`${type} at ${location}`))),
    send: (message, done) => {
      // Queued by Electron until the process has started.
      child.postMessage(message);
      done(null);
    },
    kill: () => void child.kill(),
    // A utility process ends with the app anyway.
    unref: () => {},
  };
}
