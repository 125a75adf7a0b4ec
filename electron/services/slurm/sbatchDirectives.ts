import { AppError } from '../../../shared/errors';
import { extraDirectiveProblem } from '../../../shared/jobs/extraDirective';
import type { SubmitRequest } from '../backends/types';
import { checkedSlurmJobIds } from './slurmJobIds';

/**
 * The sbatch options for one submission, in a fixed order. The engine writes each one as an
 * `#SBATCH` line in the script and the scheduler passes the same strings in sbatch's argv, so a
 * job resubmitted by hand from its folder asks for exactly what the app asked for.
 */
export function sbatchDirectives(request: SubmitRequest): string[] {
  const { resources } = request;
  const directives: string[] = [
    `--job-name=${request.name}`,
    `--comment=${request.comment}`,
    `--output=${request.stdoutPath}`,
    `--error=${request.stderrPath}`,
    `--chdir=${request.workdir}`,
  ];
  const optional: [string, string | number | undefined][] = [
    ['partition', resources.partition],
    ['time', resources.time],
    ['nodes', resources.nodes],
    ['ntasks', resources.ntasks],
    ['cpus-per-task', resources.cpusPerTask],
    ['mem', resources.mem],
    ['mem-per-cpu', resources.memPerCpu],
    ['gpus', resources.gpus],
    ['gres', resources.gres],
    ['constraint', resources.constraint],
    ['qos', resources.qos],
    ['account', resources.account],
  ];
  for (const [name, value] of optional) {
    if (value !== undefined) directives.push(`--${name}=${value}`);
  }
  if (request.array !== null) directives.push(`--array=${request.array}`);
  const dependency = dependencyValue(request.dependencies);
  if (dependency !== null) directives.push(`--dependency=${dependency}`);
  for (const extra of resources.extra) {
    assertOneLine(extra);
    assertNotManaged(extra);
  }
  directives.push(...resources.extra);

  for (const directive of directives) assertOneLine(directive);
  return directives;
}

/**
 * The `#SBATCH` line for one directive. sbatch 22.05 splits these lines at whitespace and refuses
 * the whole script ("Invalid directive found in batch script: b/out.txt") for a path with a space,
 * but accepts the value in double quotes (measured). A value with a double quote in it has no
 * spelling sbatch reads back the same, so it is refused.
 */
export function sbatchScriptLine(directive: string): string {
  assertOneLine(directive);
  const equals = directive.indexOf('=');
  const value = equals < 0 ? '' : directive.slice(equals + 1);
  if (!/[\s"]/.test(value)) return `#SBATCH ${directive}`;
  if (value.includes('"')) {
    throw new AppError('invalid-directive', `The sbatch option ${directive.slice(0, equals)} contains a double quote, which an #SBATCH line cannot carry`);
  }
  return `#SBATCH ${directive.slice(0, equals)}="${value}"`;
}

/** Slurm's syntax: one `type:id:id` group per type, groups joined by ',' (all must hold). */
export function dependencyValue(dependencies: SubmitRequest['dependencies']): string | null {
  if (dependencies.length === 0) return null;
  const idsByType = new Map<string, string[]>();
  for (const { type, slurmId } of dependencies) {
    checkedSlurmJobIds([slurmId]);
    const ids = idsByType.get(type) ?? [];
    if (!ids.includes(slurmId)) ids.push(slurmId);
    idsByType.set(type, ids);
  }
  return [...idsByType].map(([type, ids]) => [type, ...ids].join(':')).join(',');
}

// The spec schema already refuses these; checked again here, the last step before sbatch, so a
// job journaled before the check (resubmitted after a restart) cannot redirect what the app manages.
function assertNotManaged(extra: string): void {
  const problem = extraDirectiveProblem(extra);
  if (problem !== null) throw new AppError('invalid-directive', `The extra sbatch directive was not submitted: ${problem}`);
}

// The schemas already refuse these; this guard is the last line before a value could end an
// #SBATCH line early and smuggle in a directive (or a command) of its own.
function assertOneLine(directive: string): void {
  if (/[\0\r\n]/.test(directive)) {
    const name = directive.split('=')[0] ?? directive;
    throw new AppError('invalid-directive', `The sbatch option ${name.slice(0, 40)} contains a line break or NUL byte and was not submitted`);
  }
}
