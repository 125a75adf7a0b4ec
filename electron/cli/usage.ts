/** The --help text; the README's CLI section says the same in more words. */
export function usage(): string {
  return `slurmdesk — run shell scripts and Python functions as Slurm jobs

Usage:
  slurmdesk submit SCRIPT [flags]                     submit a bash script
  slurmdesk submit --python FILE.py:FUNC [flags]      submit a Python function (or package.module:FUNC)
  slurmdesk jobs [--state STATE] [--cluster C] [--app-only | --all-sources] [--history W]
                                                      the app's jobs and every other job of yours
                                                      (every cluster unless --cluster; --app-only:
                                                      only the app's; W: none, today, 7d, 30d)
  slurmdesk status ID [--cluster C]                   one job's state; any Slurm id: what Slurm knows
  slurmdesk queue [--cluster C] [--history W] [--unroll] [--partition P]
                                                      your queue as Slurm lists it (--unroll: one line
                                                      per array task; --partition: everyone's, read-only)
  slurmdesk hold | release | requeue ID... [--cluster C]
  slurmdesk update ID [--time T] [--name N] [--partition P] [--dependency D] [--nice N]
                                                      what Slurm lets you change (time limit only down)
  slurmdesk efficiency ID... [--cluster C]            CPU, memory and time used vs asked (from sacct)
  slurmdesk nodes [--cluster C] [--partition P]       nodes with state, reason, CPUs, memory, GPUs
  slurmdesk logs ID [--stderr] [--task N] [--follow] [--raw]   (any job: from where Slurm says)
                                                      its output (an array's tasks one by one,
                                                      or task N; escaped on a terminal unless --raw)
  slurmdesk result ID [--task N]                      a Python task's result (an array: each task's)
  slurmdesk cancel ID... [--signal SIG]               cancel jobs (any of yours); --signal only sends
                                                      SIG (TERM, KILL, INT, HUP, USR1, USR2, …)
  slurmdesk results ID... [--format csv|tsv|json]     every task of an array (or several jobs) as one
                                                      table: state, elapsed, inputs, result fields
  slurmdesk files ID [PATH] | --cluster C [PATH] [--all]
                                                      a folder's entries (a job's folder, or any path)
  slurmdesk download ID [PATH...] | --cluster C PATH... [--to DIR] [--resume]
                                                      files or whole folders to DIR (resume: continue
                                                      what a cut left)
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
  --project DIR (ship the whole folder, minus .gitignore and --exclude PATTERN, repeatable)
  --python-env system|venv|wheel [--requirements FILE] [--wheelhouse DIR] (paths in the project)
  --container RUNTIME:IMAGE (apptainer, singularity, pyxis, podman; e.g. podman:localhost/app:1)
  --wait [--timeout SECONDS]   wait for the end; exit status 1 unless the job COMPLETED

Slurmfile flags (submit, slurmfile): --slurmfile PATH (a file or project folder; else $SLURMFILE,
else the nearest Slurmfile up from here), --slurm-env NAME (else $SLURM_ENV, else default; slurmfile
also takes --env NAME), --trust SHA256 (trust this exact content for this run only). Its environment
gives the cluster and submit defaults (flags win); its callbacks run only once its content is trusted.

A flag that takes a value takes the next word: --directive --exclusive works as shown.
Exit status: 0 success, 1 failure, 2 the command line was wrong (usage, or a refused value). Data folder: SLURMDESK_HOME, else the app's.
`;
}
