import { execFile, type ExecFileException } from 'node:child_process';
import { constants } from 'node:os';
import { AppError } from '../../../../shared/errors';
import { hasLoneSurrogate } from '../../../../shared/security/wellFormedText';
import { slurmTimeFormat } from '../../slurm/slurmFields';
import { type CommandResult, type CommandRunner, type RunOptions, SchedulerError } from '../types';

export type ExecFileRunnerOptions = {
  /** Applies when a call gives no timeout of its own. */
  defaultTimeoutMs?: number;
  env?: NodeJS.ProcessEnv;
};

// 100,000 squeue lines are ~6 MB and a full `scontrol show job -o` ~1.5 KB per job: room for both.
const maxOutputBytes = 512 * 1024 * 1024;

/**
 * Environment variables that silently change what Slurm's commands print or select (a person's
 * SQUEUE_USERS or SLURM_TIME_FORMAT=relative would make jobs look gone or unreadable).
 */
function isOutputAltering(name: string): boolean {
  return name === 'SLURM_TIME_FORMAT' || name.startsWith('SQUEUE_') || name.startsWith('SACCT_') || name.startsWith('SCONTROL_');
}

/** The person's environment without what alters Slurm's output, and times printed with their zone. */
export function commandEnvironment(env: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  return { ...Object.fromEntries(Object.entries(env).filter(([name]) => !isOutputAltering(name))), SLURM_TIME_FORMAT: slurmTimeFormat };
}

/**
 * Runs Slurm's commands on this computer by argv through execFile: no shell ever parses them, so a
 * job name or path cannot become a command. A non-zero exit is a result; not being able to run the
 * program, a timeout or a cancel is a throw.
 */
export function createExecFileRunner(options: ExecFileRunnerOptions = {}): CommandRunner {
  const env = commandEnvironment(options.env ?? process.env);
  const defaultTimeoutMs = options.defaultTimeoutMs ?? 120_000;
  return {
    run(argv: readonly string[], runOptions: RunOptions = {}): Promise<CommandResult> {
      const [program, ...args] = argv;
      if (program === undefined || program === '') return Promise.reject(new TypeError('A command needs at least the program name'));
      // execFile would turn a lone surrogate into U+FFFD: the program would get an argument nobody sent.
      if (argv.some(hasLoneSurrogate)) return Promise.reject(new TypeError('A command argument cannot contain invalid Unicode (a lone surrogate)'));
      const timeoutMs = runOptions.timeoutMs ?? defaultTimeoutMs;
      return new Promise((resolve, reject) => {
        const child = execFile(
          program,
          args,
          { encoding: 'utf8', maxBuffer: maxOutputBytes, timeout: timeoutMs, killSignal: 'SIGKILL', env, signal: runOptions.signal, windowsHide: true },
          (error, stdout, stderr) => {
            if (error === null) return resolve({ stdout, stderr, exitCode: 0 });
            const failure = startFailure(program, error, timeoutMs, runOptions.signal);
            if (failure !== null) return reject(failure);
            resolve({ stdout, stderr, exitCode: exitCodeOf(error) });
          },
        );
        // Closing stdin right away: a program that would wait for input gets EOF instead of hanging.
        child.stdin?.on('error', () => {});
        child.stdin?.end(runOptions.stdin ?? '');
      });
    },
  };
}

/** Null when the program ran and simply exited non-zero (or was killed by someone else). */
function startFailure(program: string, error: ExecFileException, timeoutMs: number, signal: AbortSignal | undefined): Error | null {
  if (error.code === 'ENOENT') {
    return new SchedulerError(
      'scheduler-unreachable',
      `${program} is not installed on this computer (or not on its PATH): install Slurm's client commands, or run jobs on "This computer" without Slurm`,
    );
  }
  if (error.code === 'EACCES') return new SchedulerError('scheduler-unreachable', `${program} exists but this user may not run it (permission denied)`);
  if (error.name === 'AbortError' || signal?.aborted === true) return new AppError('cancelled', `${program} was cancelled`);
  if (error.killed === true && error.signal === 'SIGKILL') {
    return new SchedulerError('scheduler-unreachable', `${program} did not finish within ${Math.round(timeoutMs / 1000)} s; is the Slurm controller responding?`);
  }
  if (error.code === 'ERR_CHILD_PROCESS_STDIO_MAXBUFFER') {
    return new SchedulerError('scheduler-output', `${program} printed more than ${maxOutputBytes / 1024 / 1024} MB; its output was not read`);
  }
  if (typeof error.code === 'string') return new SchedulerError('scheduler-unreachable', `${program} could not be started: ${error.message}`);
  return null;
}

function exitCodeOf(error: ExecFileException): number {
  if (typeof error.code === 'number') return error.code;
  // Killed by a signal: report it the way a shell does (128 + signal number).
  const signalNumber = error.signal ? constants.signals[error.signal] : undefined;
  return signalNumber === undefined ? 1 : 128 + signalNumber;
}
