/** The --help text; the README's CLI section says the same in more words. */
export function usage(): string {
  return `slurmdesk — run shell scripts and Python functions as Slurm jobs

Usage:
  slurmdesk submit SCRIPT [flags]                     submit a bash script
  slurmdesk submit --python FILE.py:FUNC [flags]      submit a Python function (or package.module:FUNC)
  slurmdesk jobs [--state STATE] [--cluster C]        list jobs (of every cluster unless --cluster)
  slurmdesk status ID                                 one job's state
  slurmdesk logs ID [--stderr] [--task N] [--follow] [--raw]
                                                      its output (an array's tasks one by one,
                                                      or task N; escaped on a terminal unless --raw)
  slurmdesk result ID [--task N]                      a Python task's result (an array: each task's)
  slurmdesk cancel ID...                              cancel jobs
  slurmdesk clusters list | add NAME --host H --user U [--port P] [--key FILE]... [--jump USER@HOST[:PORT]]...
                            [--host-key-policy P] [--job-base-dir DIR] [--partition P] [--account A]
                            [--no-agent] [--no-password] [--no-keyboard-interactive]
                        | import [SSH_CONFIG] [--save] | remove NAME
  slurmdesk hosts list | trust HOST[:PORT] --fingerprint SHA256:… | forget HOST[:PORT]
  slurmdesk submit --template NAME [flags]            submit a template of the project's Slurmfile
  slurmdesk slurmfile show | trust SHA256 | revoke    a Slurmfile's hash, environments, templates, callbacks
  slurmdesk shell [--cluster C] [--job ID [--node N]] a shell on the login node, or inside a running job
  slurmdesk forward ID|login REMOTE_PORT [--local PORT] [--node N]
                                                      forward 127.0.0.1:PORT to a job's node (until Ctrl-C)
  slurmdesk webapp jupyter|tensorboard|code-server|any|debugpy [--command CMD] [--log-dir DIR]
                                                      start a web app as a job ($PORT set for any;
                                                      debugpy: --command "script.py ARGS" waits for a debugger)
  slurmdesk open ID                                   wait for a web app job, forward, print its address

Every command: --cluster NAME (embedded = this computer without Slurm, local = Slurm here, or a
saved SSH cluster; default embedded, for jobs every cluster), --json (machine-readable output,
failures included), --host-key-policy auto|warn|reject|ask (here ask acts as reject: trust a
host first with slurmdesk hosts trust).

submit flags:
  --args JSON --kwargs JSON --interpreter PATH --setup LINE (repeatable, e.g. "module load python")
  --name NAME --partition P --account A --qos Q --time T --nodes N --ntasks N --cpus-per-task N
  --mem M --mem-per-cpu M --gpus G --gres G --constraint C --directive --flag=value (repeatable)
  --array RANGE (0-99%5) | --items JSON|@file.json [--max-parallel N]
  --after ID --afterany ID --afternotok ID (repeatable; sd-… ids or Slurm ids)
  --env NAME=VALUE (repeatable) --upload PATH (repeatable, relative to here)
  --wait [--timeout SECONDS]   wait for the end; exit status 1 unless the job COMPLETED

Slurmfile flags (submit, slurmfile): --slurmfile PATH (a file or project folder; else $SLURMFILE,
else the nearest Slurmfile up from here), --slurm-env NAME (else $SLURM_ENV, else default; slurmfile
also takes --env NAME), --trust SHA256 (trust this exact content for this run only). Its environment
gives the cluster and submit defaults (flags win); its callbacks run only once its content is trusted.

A flag that takes a value takes the next word: --directive --exclusive works as shown.
Exit status: 0 success, 1 failure, 2 the command line was wrong (usage, or a refused value). Data folder: SLURMDESK_HOME, else the app's.
`;
}
