import { spawn, execFileSync, type ChildProcess } from 'node:child_process';
import { closeSync, openSync, readdirSync, readFileSync, statSync } from 'node:fs';
import type { ExitStatus } from '../types';

/**
 * The wrapper between the app and a batch script. It outlives the app (own session, unreferenced),
 * so it, not the app, records the script's exit status: written to a temporary name and renamed,
 * so a reader sees all of it or nothing. A TERM to the group reaches the script, while the trap
 * (a handler, which exec resets to default for the script) keeps the wrapper alive to write the
 * status. Like slurmd at the end of a job, it then kills whatever the script left running.
 * Paths arrive as arguments, never inside the shell text.
 */
const wrapper = [
  'trap : TERM INT HUP',
  'bash -- "$1"',
  'status=$?',
  'printf \'%s\\n\' "$status" > "$2.tmp" && mv -f -- "$2.tmp" "$2"',
  'kill -KILL 0',
].join('\n');

export type LaunchRequest = {
  scriptPath: string;
  workdir: string;
  stdoutPath: string;
  stderrPath: string;
  exitFile: string;
  env: NodeJS.ProcessEnv;
};

export type Launched = { pid: number; procStart: string | null; child: ChildProcess };

/** A task that could not start; the message is for the person (FinalEntry.reason). */
export class LaunchError extends Error {
  override name = 'LaunchError';
}

/**
 * Starts the wrapper in its own session and process group (detached), unreferenced so the app may
 * exit while it runs, with stdout and stderr appended to the job's files as Slurm does.
 */
export function launchTask(request: LaunchRequest): Launched {
  if (!isDirectory(request.workdir)) throw new LaunchError(`The working folder ${request.workdir} does not exist`);
  const out = openOutput(request.stdoutPath);
  let err = out;
  try {
    if (request.stderrPath !== request.stdoutPath) err = openOutput(request.stderrPath);
    const child = spawn('bash', ['-c', wrapper, 'slurmdesk-task', request.scriptPath, request.exitFile], {
      cwd: request.workdir,
      detached: true,
      stdio: ['ignore', out, err],
      env: request.env,
    });
    // Without a listener a failed spawn would be an uncaught 'error' event; the caller adds its own.
    child.on('error', () => {});
    if (child.pid === undefined) throw new LaunchError('bash could not be started (is it installed and on PATH?)');
    child.unref();
    return { pid: child.pid, procStart: processStartTime(child.pid), child };
  } finally {
    closeSync(out);
    if (err !== out) closeSync(err);
  }
}

function isDirectory(path: string): boolean {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
}

function openOutput(path: string): number {
  try {
    return openSync(path, 'a', 0o644);
  } catch (error) {
    const why = error instanceof Error && 'code' in error ? String(error.code) : 'unknown error';
    throw new LaunchError(`The output file ${path} could not be opened (${why})`);
  }
}

/**
 * When the process started, in the kernel's clock ticks since boot (/proc/PID/stat field 22), or
 * `ps`'s start time where there is no /proc; null when the process is gone or a zombie.
 */
export function processStartTime(pid: number): string | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // The command name (field 2) may contain spaces and parentheses: count fields after the last ')'.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return fields[0] === 'Z' || fields[19] === undefined ? null : fields[19];
  } catch (error) {
    if (process.platform === 'linux' || !(error instanceof Error && 'code' in error && error.code === 'ENOENT')) return null;
  }
  try {
    const line = execFileSync('ps', ['-o', 'stat=,lstart=', '-p', String(pid)], { encoding: 'utf8' }).trim();
    return line === '' || line.startsWith('Z') ? null : line.replace(/^\S+\s+/, '');
  } catch {
    return null;
  }
}

/**
 * The wrapper of a task whose pid never reached the state file (the executor died between
 * starting it and saving): found by its command line, which ends with the task's own exit file.
 * Linux only (/proc); elsewhere null, and such a task is settled as before.
 */
export function findTaskWrapper(exitFile: string): { pid: number; procStart: string | null } | null {
  let entries: string[];
  try {
    entries = readdirSync('/proc');
  } catch {
    return null;
  }
  for (const entry of entries) {
    if (!/^\d+$/.test(entry)) continue;
    let argv: string[];
    try {
      argv = readFileSync(`/proc/${entry}/cmdline`, 'utf8').split('\0');
    } catch {
      continue;
    }
    if (argv.at(-1) === '') argv.pop();
    if (argv[0] !== 'bash' || argv[3] !== 'slurmdesk-task' || argv.at(-1) !== exitFile) continue;
    const pid = Number(entry);
    const procStart = processStartTime(pid);
    if (procStart !== null) return { pid, procStart };
  }
  return null;
}

/** The pid still runs the process we started (not a later one that got the same pid). */
export function isSameProcess(pid: number, procStart: string | null): boolean {
  const now = processStartTime(pid);
  return now !== null && (procStart === null || now === procStart);
}

/** Signals the task's whole process group (the script and everything it started), if it is still the task. */
export function signalTaskGroup(pid: number, procStart: string | null, signal: NodeJS.Signals): boolean {
  if (!isSameProcess(pid, procStart)) return false;
  try {
    process.kill(-pid, signal);
    return true;
  } catch {
    return false;
  }
}

/** The script's exit status as the wrapper recorded it, or null when there is none (yet). */
export function readExitFile(path: string): number | null {
  try {
    const match = /^(\d{1,3})\n?$/.exec(readFileSync(path, 'utf8'));
    return match ? Number(match[1]) : null;
  } catch {
    return null;
  }
}

/**
 * bash reports a script killed by signal N as 128+N, as Slurm's sacct shows it `0:N`. A script
 * that itself ran `exit 137` reads the same; the wrapper has no way to tell the two apart.
 */
export function exitStatusOf(status: number): ExitStatus {
  return status > 128 && status <= 128 + 64 ? { code: 0, signal: status - 128 } : { code: status, signal: 0 };
}
