import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { promisify } from 'node:util';
import type { MethodName, Params, Result } from '../../../shared/contract';
import { Dispatcher } from '../../../shared/contract/dispatcher';
import { rebuildError } from '../../../shared/errors';
import type { AppServices } from '../../../electron/services/appServices';

const run = promisify(execFile);
export const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Calls a method through the dispatcher, as a window does: params and result checked by the contract. */
export async function call<M extends MethodName>(services: AppServices, method: M, params: Params<M>): Promise<Result<M>> {
  const outcome = await new Dispatcher(services.handlers).dispatch(method, params, { signal: new AbortController().signal, transport: 'memory' });
  if (!outcome.ok) throw rebuildError(outcome.error);
  return outcome.result as Result<M>;
}

/** A job submitted the way a person does in a terminal, outside the app: plain sbatch. */
export async function sbatch(args: readonly string[], cwd: string): Promise<string> {
  const { stdout } = await run('sbatch', ['--parsable', ...args], { cwd });
  return stdout.trim().split(';')[0]!;
}

/** Polls until `check` returns a value (not undefined), or fails naming what it waited for. */
export async function until<T>(what: string, check: () => Promise<T | undefined>, timeoutMs = 60_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let lastError: unknown = null;
  while (Date.now() < deadline) {
    try {
      const value = await check();
      if (value !== undefined) return value;
    } catch (error) {
      lastError = error;
    }
    await pause(500);
  }
  throw new Error(`Timed out waiting for ${what}${lastError ? `: ${String(lastError)}` : ''}`);
}

/** The audit log's entries of one event kind. */
export function auditEntries(path: string, event: string): Record<string, unknown>[] {
  return readFileSync(path, 'utf8')
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => JSON.parse(line) as Record<string, unknown>)
    .filter((entry) => entry.event === event);
}

/** What sacct itself says of a finished job, read independently of the app's parser: seff's arithmetic. */
export async function seffFromSacct(slurmId: string, runner: (argv: string[]) => Promise<string>): Promise<{ cpuEfficiency: number | null; elapsed: number; cpus: number }> {
  const out = await runner(['sacct', '-P', '-n', '-X', '-j', slurmId, '-o', 'ElapsedRaw,AllocCPUS,TotalCPU']);
  const [elapsed, cpus, total] = out.trim().split('\n')[0]!.split('|');
  // TotalCPU is [DD-][HH:]MM:SS[.sss]
  const match = /^(?:(\d+)-)?(?:(\d+):)?(\d+):(\d+(?:\.\d+)?)$/.exec(total!.trim());
  if (!match) throw new Error(`sacct printed TotalCPU ${JSON.stringify(total)}`);
  const seconds = ((Number(match[1] ?? 0) * 24 + Number(match[2] ?? 0)) * 60 + Number(match[3])) * 60 + Number(match[4]);
  const capacity = Number(elapsed) * Number(cpus);
  return { cpuEfficiency: capacity > 0 ? seconds / capacity : null, elapsed: Number(elapsed), cpus: Number(cpus) };
}

export async function localRun(argv: string[]): Promise<string> {
  const { stdout } = await run(argv[0]!, argv.slice(1));
  return stdout;
}
