/**
 * sbatch's own option table, so an option is recognised the way sbatch recognises it. sbatch reads
 * its options with getopt_long, which accepts any unambiguous prefix of a long option (`--outp=`
 * is `--output=`), short options with their value attached (`-o/file`, `-Ho/file`), and a value
 * in the next word (`--output /file`). A check that compares only the full name is blind to all
 * of those.
 *
 * Recorded from sbatch 22.05.8 (Debian slurm-client 22.05.8-4+deb12u3) by asking sbatch itself,
 * with a throwaway SLURM_CONF so it parses its options without a controller: for every prefix,
 * `sbatch --PREFIX` answers "ambiguous; possibilities: …", "'--NAME' requires an argument",
 * "'--NAME' doesn't allow an argument" or "unrecognized option". `sbatch --help` lists fewer
 * (no --open-mode, --kill-on-invalid-dep, --test-only, …), so it is not the source. The unit
 * test test/unit/shared/jobs/sbatchOptions.test.ts asks the installed sbatch again for every
 * prefix of every name and fails when this table and sbatch disagree.
 */
export type SbatchArgument = 'required' | 'none' | 'optional';

type OptionEntry = { argument: SbatchArgument; short?: string; sameAs?: string };

const r = (short?: string): OptionEntry => (short ? { argument: 'required', short } : { argument: 'required' });
const n = (short?: string): OptionEntry => (short ? { argument: 'none', short } : { argument: 'none' });
const o = (short?: string): OptionEntry => (short ? { argument: 'optional', short } : { argument: 'optional' });

export const sbatchLongOptions: Readonly<Record<string, OptionEntry>> = {
  account: r('A'), 'acctg-freq': r(), array: r('a'), batch: r(), bb: r(), bbf: r(), begin: r('b'), chdir: r('D'),
  // getopt_long treats two names with the same option code as one option, never as ambiguous.
  cluster: { argument: 'required', sameAs: 'clusters' }, 'cluster-constraint': r(), clusters: r('M'), comment: r(),
  constraint: r('C'), container: r(), context: r(), contiguous: n(), 'core-spec': r('S'), 'cores-per-socket': r(),
  'cpu-freq': r(), 'cpus-per-gpu': r(), 'cpus-per-task': r('c'), deadline: r(), 'delay-boot': r(), dependency: r('d'),
  distribution: r('m'), error: r('e'), exclude: r('x'), exclusive: o(), export: r(), 'export-file': r(),
  'extra-node-info': r('B'), 'get-user-env': o(), gid: r(), 'gpu-bind': r(), 'gpu-freq': r(), gpus: r('G'),
  'gpus-per-node': r(), 'gpus-per-socket': r(), 'gpus-per-task': r(), gres: r(), 'gres-flags': r(), help: n('h'),
  hint: r(), hold: n('H'), 'ignore-pbs': n(), input: r('i'), 'job-name': r('J'), 'kill-on-invalid-dep': r(),
  licenses: r('L'), 'mail-type': r(), 'mail-user': r(), 'mcs-label': r(), mem: r(), 'mem-bind': r(), 'mem-per-cpu': r(),
  'mem-per-gpu': r(), mincpus: r(), network: r(), nice: o(), 'no-kill': o('k'), 'no-requeue': n(), nodefile: r('F'),
  nodelist: r('w'), nodes: r('N'), ntasks: r('n'), 'ntasks-per-core': r(), 'ntasks-per-gpu': r(), 'ntasks-per-node': r(),
  'ntasks-per-socket': r(), 'ntasks-per-tres': r(), 'open-mode': r(), output: r('o'), overcommit: n('O'),
  oversubscribe: n('s'), parsable: n(), partition: r('p'), power: r(), prefer: r(), priority: r(), profile: r(),
  propagate: o(), qos: r('q'), quiet: n('Q'), reboot: n(), requeue: n(), reservation: r(), signal: r(),
  'sockets-per-node': r(), 'spread-job': n(), switches: r(), 'tasks-per-node': { argument: 'required', sameAs: 'ntasks-per-node' },
  'test-only': n(), 'thread-spec': r(), 'threads-per-core': r(), time: r('t'), 'time-min': r(), tmp: r(), uid: r(),
  usage: n(), 'use-min-nodes': n(), verbose: n('v'), version: n('V'), wait: n('W'), 'wait-all-nodes': r(), wckey: r(),
  wrap: r(),
};

/** The option a name stands for: aliases (`--cluster`, `--tasks-per-node`) map to the one sbatch treats them as. */
function canonical(name: string): string {
  return sbatchLongOptions[name]?.sameAs ?? name;
}

export type LongOptionMatch =
  | { kind: 'exact'; option: string }
  | { kind: 'prefix'; option: string }
  | { kind: 'ambiguous'; options: string[] }
  | { kind: 'unknown' };

/** What sbatch makes of `--typed`: an exact name wins, else the one option all names with that prefix stand for. */
export function matchLongOption(typed: string): LongOptionMatch {
  if (Object.hasOwn(sbatchLongOptions, typed)) return { kind: 'exact', option: canonical(typed) };
  const names = Object.keys(sbatchLongOptions).filter((name) => typed !== '' && name.startsWith(typed));
  const options = [...new Set(names.map(canonical))];
  if (options.length === 0) return { kind: 'unknown' };
  if (options.length === 1) return { kind: 'prefix', option: options[0]! };
  return { kind: 'ambiguous', options: options.sort() };
}

/** The long option of a short one (`o` → output), or null when sbatch has no such short option. */
export function longOfShort(letter: string): string | null {
  const found = Object.entries(sbatchLongOptions).find(([, entry]) => entry.short === letter);
  return found ? found[0] : null;
}

export function argumentOf(option: string): SbatchArgument | null {
  return sbatchLongOptions[option]?.argument ?? null;
}

/**
 * The options one short-option word sets, as getopt reads it: letters without a value may be
 * grouped (`-Hk`), and the first letter that takes a value takes the rest of the word (`-Ho/f`).
 */
export function shortOptionsIn(word: string): { options: string[]; unknown: string[] } {
  const options: string[] = [];
  const unknown: string[] = [];
  for (const letter of word.slice(1)) {
    const option = longOfShort(letter);
    if (!option) {
      unknown.push(letter);
      break;
    }
    options.push(option);
    if (argumentOf(option) !== 'none') break;
  }
  return { options, unknown };
}
