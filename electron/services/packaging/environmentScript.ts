import type { ContainerSpec } from '../../../shared/jobs/packagingSpec';
import { shellQuote } from '../slurm/shellQuote';
import { containerCommandLines } from './containerCommand';
import type { EnvironmentPlan, VenvPlan } from './pythonEnvironment';

/** The job folder's file that says which environment the job ran with, and holds a build's log. */
export const environmentLogName = 'environment.log';

/**
 * Lines for job.sh that write error.json (the job's error in the app) from a document rendered
 * here, so no cluster text needs escaping in bash; `$2` names a log whose tail goes to stderr.
 */
export const failureFunctionLines = [
  '__slurmdesk_fail() {',
  '  printf \'%s\\n\' "$1" > "${__slurmdesk_dir}/error${__slurmdesk_task}.json.tmp.$$" && mv -f "${__slurmdesk_dir}/error${__slurmdesk_task}.json.tmp.$$" "${__slurmdesk_dir}/error${__slurmdesk_task}.json"',
  '  [ -z "${2:-}" ] || tail -n 40 -- "$2" >&2',
  '  exit 1',
  '}',
];

export function errorDocument(type: string, message: string): string {
  return shellQuote(JSON.stringify({ type, message, traceback: '' }));
}

/**
 * The venv's lines: reuse it when its `.complete` mark is there; otherwise build it under an
 * flock on a lock file beside it (every job with the same inputs waits for one build), in its
 * final folder (venvs are not relocatable), marked complete only after every step succeeded. A
 * folder without the mark is a failed or cut build: removed and built again, never used.
 * `uv` builds when the node has it, the interpreter's venv + pip otherwise.
 */
export function venvLines(plan: VenvPlan, interpreter: string): string[] {
  const install = (words: readonly string[]) => `__slurmdesk_install ${words.map(shellQuote).join(' ')}`;
  const failure = (what: string) => errorDocument('EnvironmentBuildError', `${what}; its log is ${plan.folder}.log (copied to ${environmentLogName} in the job folder).`);
  return [
    `# Python environment: the venv for these inputs (${plan.source}), shared by every job that has them.`,
    `__slurmdesk_venv=${shellQuote(plan.folder)}`,
    `__slurmdesk_interpreter=${shellQuote(interpreter)}`,
    '__slurmdesk_install() {',
    '  if command -v uv >/dev/null 2>&1; then uv pip install --python "$__slurmdesk_venv/bin/python" "$@"',
    '  else "$__slurmdesk_venv/bin/python" -m pip install --disable-pip-version-check --no-input "$@"; fi',
    '}',
    'if [ ! -e "$__slurmdesk_venv/.complete" ]; then',
    `  command -v flock >/dev/null 2>&1 || __slurmdesk_fail ${errorDocument('EnvironmentBuildError', 'flock (util-linux) is not installed on this node, so the venv cannot be built safely')}`,
    '  mkdir -p -- "${__slurmdesk_venv%/*}" && exec 9>"${__slurmdesk_venv}.lock" && flock 9 || exit 1',
    '  if [ ! -e "$__slurmdesk_venv/.complete" ]; then',
    '    rm -rf -- "$__slurmdesk_venv"',
    '    {',
    '      printf \'Building %s on %s at %s\\n\' "$__slurmdesk_venv" "$(hostname)" "$(date -u +%Y-%m-%dT%H:%M:%SZ)"',
    '      if command -v uv >/dev/null 2>&1; then uv venv --python "$__slurmdesk_interpreter" "$__slurmdesk_venv"',
    '      else "$__slurmdesk_interpreter" -m venv "$__slurmdesk_venv"; fi &&',
    `      ${plan.installs.length > 0 ? install(plan.installs) : 'true'}`,
    '    } > "${__slurmdesk_venv}.log" 2>&1 && touch "$__slurmdesk_venv/.complete"',
    '  fi',
    '  exec 9>&-',
    'fi',
    'if [ ! -e "$__slurmdesk_venv/.complete" ]; then',
    '  cp -f -- "${__slurmdesk_venv}.log" "${__slurmdesk_dir}/' + environmentLogName + '" 2>/dev/null',
    `  __slurmdesk_fail ${failure('The Python environment could not be built')} "\${__slurmdesk_venv}.log"`,
    'fi',
    `printf 'venv %s (${plan.source}), built as logged in %s.log\\n' "$__slurmdesk_venv" "$__slurmdesk_venv" > "\${__slurmdesk_dir}/${environmentLogName}"`,
    ...(plan.ownWheel
      ? [
          '# The project itself, as the wheel built on the submitting computer: installed for this job alone.',
          `__slurmdesk_install --no-deps --no-index --target "\${__slurmdesk_dir}/site\${__slurmdesk_task}" ${shellQuote(plan.ownWheel)} >> "\${__slurmdesk_dir}/${environmentLogName}" 2>&1 ||`,
          `  __slurmdesk_fail ${errorDocument('EnvironmentBuildError', `The project's wheel ${plan.ownWheel} could not be installed; see ${environmentLogName} in the job folder.`)} "\${__slurmdesk_dir}/${environmentLogName}"`,
          'export PYTHONPATH="${__slurmdesk_dir}/site${__slurmdesk_task}${PYTHONPATH:+:$PYTHONPATH}"',
        ]
      : []),
    'export VIRTUAL_ENV="$__slurmdesk_venv" PATH="$__slurmdesk_venv/bin:$PATH"',
  ];
}

export type EnvironmentLines = {
  /** Run in job.sh after it entered the working folder and before the task. */
  setup: string[];
  /** The Python interpreter the runner runs with (already a shell word). */
  interpreter: string;
  /** Words before the task's command line (a container runtime), already shell words; empty without one. */
  prefix: string;
};

export function environmentLines(environment: EnvironmentPlan, container: ContainerSpec | null, interpreter: string, environmentNames: readonly string[]): EnvironmentLines {
  const setup = [...failureFunctionLines];
  if (environment.kind === 'venv') {
    setup.push(...venvLines(environment, interpreter));
    return { setup, interpreter: '"$__slurmdesk_venv/bin/python"', prefix: '' };
  }
  if (container) {
    setup.push(...containerCommandLines(container, environmentNames));
    setup.push(`printf 'container %s (%s)\\n' ${shellQuote(container.image)} ${shellQuote(container.runtime)} > "\${__slurmdesk_dir}/${environmentLogName}"`);
    return { setup, interpreter: shellQuote(interpreter), prefix: '"${__slurmdesk_container[@]}"' };
  }
  return { setup, interpreter: shellQuote(interpreter), prefix: '' };
}
