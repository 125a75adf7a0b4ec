import { argumentOf, matchLongOption, shortOptionsIn } from './sbatchOptions';

/**
 * sbatch options the app sets itself or that would break its bookkeeping, by their full name in
 * sbatch's table. Where a job writes, runs and is told of (output, error, chdir, open-mode,
 * clusters), what it is called and tracked by (job-name, comment, array, dependency, parsable,
 * test-only, wait, quiet, verbose, help, usage, version), its environment (export, export-file,
 * get-user-env), its script (wrap) and whose job it is (uid, gid).
 */
export const appManagedOptions = [
  'output', 'error', 'chdir', 'open-mode', 'clusters', 'comment', 'job-name', 'array', 'dependency', 'parsable',
  'test-only', 'wait', 'quiet', 'verbose', 'help', 'usage', 'version', 'export', 'export-file', 'get-user-env',
  'wrap', 'uid', 'gid',
] as const;

/** Options that have their own field in a job spec (and the Submit form), so one value wins. */
export const fieldOptions = [
  'partition', 'account', 'qos', 'time', 'nodes', 'ntasks', 'cpus-per-task', 'mem', 'mem-per-cpu', 'gpus', 'gres', 'constraint',
] as const;

const shellCharacters = /[\s'"`$\\;|&<>]/;

function refusalFor(option: string, written: string): string | null {
  const as = written === `--${option}` ? `--${option}` : `${written} (sbatch reads it as --${option})`;
  if ((appManagedOptions as readonly string[]).includes(option)) return `${as} is set by Slurm Desk itself and cannot be given as an extra directive`;
  if ((fieldOptions as readonly string[]).includes(option)) return `${as} is set from its own field, not as an extra directive`;
  return null;
}

/**
 * Why an extra sbatch directive is refused, or null when it is fine. The one check for every
 * source (the Submit form, `--directive`, a Slurmfile): the option is found as sbatch would find
 * it (prefixes, short forms, a value in the next word), so `--outp=`, `-o/file`, `-Ho/file` and
 * `--output /file` are all --output. What passes is written in the one spelling that means the
 * same to every sbatch: the full long name, `=value` where it takes one.
 */
export function extraDirectiveProblem(directive: string): string | null {
  if ([...directive].some((char) => char.charCodeAt(0) < 0x20 || char.charCodeAt(0) === 0x7f)) {
    return 'An extra directive cannot contain newlines or control characters';
  }
  const words = directive.trim().split(/\s+/);
  const first = words[0] ?? '';
  if (!first.startsWith('-') || first === '-' || first === '--') return 'An extra directive is one sbatch option, like --exclusive or --mail-type=END';
  if (!first.startsWith('--')) {
    const { options, unknown } = shortOptionsIn(first);
    for (const option of options) {
      const refused = refusalFor(option, `-${first.slice(1, 2)}`);
      if (refused) return refused;
    }
    if (unknown.length > 0) return `sbatch has no option -${unknown[0]}`;
    return `Write ${first} as its long option${options.length > 0 ? ` (${options.map((option) => `--${option}`).join(', ')})` : ''}, with =value where it takes one`;
  }
  const equals = first.indexOf('=');
  const typed = first.slice(2, equals < 0 ? undefined : equals);
  const match = matchLongOption(typed);
  if (match.kind === 'ambiguous') return `--${typed} is ambiguous to sbatch (--${match.options.join(', --')}); write the full option name`;
  if (match.kind !== 'unknown') {
    const refused = refusalFor(match.option, `--${typed}`);
    if (refused) return refused;
    if (match.kind === 'prefix') return `Write --${typed} in full, as --${match.option}`;
  }
  if (words.length > 1) return `Write ${first} ${words[1]} as ${first}=${words[1]}: one word, no spaces`;
  if (!/^--[a-z][a-z0-9-]*(=.+)?$/.test(directive)) return 'An extra directive looks like --exclusive or --mail-type=END';
  const value = equals < 0 ? null : first.slice(equals + 1);
  if (value !== null && shellCharacters.test(value)) return `The value of --${typed} cannot contain spaces, quotes or shell characters`;
  // An option without its value would take the next word (another option, or the script) as it.
  if (match.kind === 'exact' && argumentOf(match.option) === 'required' && value === null) return `--${typed} takes a value: --${typed}=VALUE`;
  if (match.kind === 'exact' && argumentOf(match.option) === 'none' && value !== null) return `--${typed} takes no value`;
  return null;
}
