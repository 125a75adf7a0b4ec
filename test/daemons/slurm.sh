#!/usr/bin/env bash
# A real single-node Slurm 22.05 cluster for integration tests (Debian 12, run as root).
#
#   slurm.sh install              install the Debian packages (fast no-op when present)
#   slurm.sh start [--accounting] start from scratch; --accounting adds mariadb + slurmdbd
#   slurm.sh stop                 stop every daemon this script started, by PID
#   slurm.sh status               print running/stopped and the mode; exit 0 only if running
#
# There is no systemd on these machines, so every daemon runs in its foreground form in the
# background and its PID is recorded in the state folder. The self-daemonizing forms would be
# re-parented to PID 1, which never reaps them. Facts behind the settings:
# shared/guide/TEST-CLUSTER.md.
#
# Environment:
#   SLURMDESK_SLURM_STATE    state folder (default /tmp/slurmdesk-slurm): PIDs, logs, spool, db
#   SLURMDESK_SLURM_TIMEOUT  seconds that start may take before it gives up (default 60)
set -euo pipefail
# shellcheck source=SCRIPTDIR/aptPackages.sh
source "$(dirname "${BASH_SOURCE[0]}")/aptPackages.sh"

STATE="${SLURMDESK_SLURM_STATE:-/tmp/slurmdesk-slurm}"
TIMEOUT="${SLURMDESK_SLURM_TIMEOUT:-60}"
CLUSTER=slurmdesk
SLURM_CONF=/etc/slurm/slurm.conf
SLURMDBD_CONF=/etc/slurm/slurmdbd.conf
# slurmdbd has no socket setting, so mariadb listens on the client library's default socket.
MYSQL_SOCKET=/run/mysqld/mysqld.sock
# jupyter-notebook: the web app that runs as a real job in the interactive tests.
PACKAGES=(slurm-wlm slurmctld slurmd munge slurm-client mariadb-server slurmdbd jupyter-notebook)
# Start order; stop goes in reverse. Every daemon this script may have started is listed, so a
# stop after a crash in either mode finds them all.
ALL_DAEMONS=(munged mariadbd slurmdbd slurmctld slurmd)
# Ports a foreign Slurm would hold: slurmctld, slurmd, slurmdbd.
SLURM_PORTS=(6817 6818 6819)

# Seconds since an earlier $EPOCHREALTIME, to the millisecond.
elapsed() { awk -v a="$1" -v b="$EPOCHREALTIME" 'BEGIN { printf "%.3f", b - a }'; }

log() { printf 'slurm.sh: %s\n' "$*"; }
warn() { printf 'slurm.sh: %s\n' "$*" >&2; }
die() {
  printf 'slurm.sh: error: %s\n' "$*" >&2
  exit 1
}

usage() {
  sed -n '2,7p' "$0" | sed 's/^# \{0,1\}//' >&2
  exit 2
}

require_root() {
  [[ $EUID -eq 0 ]] || die "must run as root (it writes /etc/slurm and starts daemons)"
}

# ---------------------------------------------------------------------------------------------
# install

cmd_install() { install_debian_packages slurm.sh "${PACKAGES[@]}"; }

# ---------------------------------------------------------------------------------------------
# PIDs and processes

pid_file() { printf '%s/pids/%s.pid\n' "$STATE" "$1"; }
mode_file() { printf '%s/mode\n' "$STATE"; }

# A process that exited but was re-parented to PID 1 stays a zombie forever here, and kill -0
# still succeeds on it, so "running" means: exists and is not a zombie.
pid_running() {
  local pid=$1 state
  [[ -r /proc/$pid/status ]] || return 1
  state="$(awk '/^State:/ { print $2 }' "/proc/$pid/status" 2>/dev/null)" || return 1
  [[ -n "$state" && "$state" != Z && "$state" != X ]]
}

recorded_pid() {
  local file
  file="$(pid_file "$1")"
  [[ -s "$file" ]] && cat "$file"
}

# True when the daemon recorded under this name is still running. The command name must match
# too: after a reboot or a long crash the recorded PID may belong to an unrelated process.
daemon_alive() {
  local name=$1 pid comm
  pid="$(recorded_pid "$name")" || return 1
  pid_running "$pid" || return 1
  comm="$(cat "/proc/$pid/comm" 2>/dev/null)" || return 1
  [[ "$comm" == "$name" ]]
}

# Waits until the PID is gone or a zombie; false if still running after $2 seconds.
wait_exit() {
  local pid=$1 seconds=$2 i
  for ((i = 0; i < seconds * 10; i++)); do
    pid_running "$pid" || return 0
    sleep 0.1
  done
  ! pid_running "$pid"
}

stop_daemon() {
  local name=$1 pid
  pid="$(recorded_pid "$name")" || return 0
  if daemon_alive "$name"; then
    kill -TERM "$pid" 2>/dev/null || true
    if wait_exit "$pid" 20; then
      log "stopped $name (pid $pid)"
    else
      warn "$name (pid $pid) ignored SIGTERM for 20 s; sending SIGKILL"
      kill -KILL "$pid" 2>/dev/null || true
      wait_exit "$pid" 5 || die "$name (pid $pid) is still running after SIGKILL"
      log "killed $name (pid $pid)"
    fi
  else
    log "$name was not running (stale pid file for pid $pid)"
  fi
  rm -f "$(pid_file "$name")"
}

# Starts "$@" in the background, detached from our session and stdin, and records its PID.
# setsid does not fork here (a background child of a script is not a group leader) and setpriv
# execs, so $! is the daemon's own PID.
launch() {
  local name=$1
  shift
  # The daemon must not inherit (and so keep holding) any lock: this script's own on fd 9, or one a
  # caller such as `flock FILE cmd` took on another descriptor. So every descriptor above 2 is closed.
  (
    for fd in /proc/"$BASHPID"/fd/*; do
      fd=${fd##*/}
      if [ "$fd" -gt 2 ]; then eval "exec $fd>&-"; fi
    done 2>/dev/null
    exec setsid "$@" </dev/null >>"$STATE/log/$name.out" 2>&1
  ) &
  printf '%s\n' "$!" >"$(pid_file "$name")"
}

port_listening() {
  local hex
  hex="$(printf '%04X' "$1")"
  # Column 2 is local address:port in hex, column 4 is the state; 0A is LISTEN.
  awk -v port="$hex" 'NR > 1 { split($2, a, ":"); if (a[2] == port && $4 == "0A") found = 1 }
                      END { exit !found }' /proc/net/tcp /proc/net/tcp6 2>/dev/null
}

# ---------------------------------------------------------------------------------------------
# configuration

daemons_for_mode() {
  if [[ $1 == accounting ]]; then
    echo munged mariadbd slurmdbd slurmctld slurmd
  else
    echo munged slurmctld slurmd
  fi
}

write_slurm_conf() {
  local mode=$1 accounting=""
  if [[ $mode == accounting ]]; then
    accounting="AccountingStorageType=accounting_storage/slurmdbd
AccountingStorageHost=localhost
AccountingStoragePort=6819
# Without this, 22.05 leaves sacct's Comment field empty.
AccountingStoreFlags=job_comment"
  fi
  mkdir -p /etc/slurm
  # SSH sessions do not inherit SLURM_CONF, so the config must be at the default path.
  cat >"$SLURM_CONF" <<EOF
# Written by slurmdesk test/daemons/slurm.sh ($mode mode). Overwritten on every start.
ClusterName=$CLUSTER
SlurmctldHost=localhost
SlurmUser=root
AuthType=auth/munge

# 32 CPUs on a 2-core machine (config_overrides lets slurmd accept that) so arrays finish fast.
NodeName=localhost NodeAddr=127.0.0.1 CPUs=32 RealMemory=1000 State=UNKNOWN
SlurmdParameters=config_overrides
PartitionName=debug Nodes=localhost Default=YES MaxTime=INFINITE State=UP
PartitionName=short Nodes=localhost MaxTime=5 State=UP

# No cgroups here: track processes by parent PID, bind nothing.
ProctrackType=proctrack/linuxproc
TaskPlugin=task/none
SelectType=select/cons_tres
SelectTypeParameters=CR_CPU
ReturnToService=2

# Without these scheduler settings 1000 tiny tasks take ~90 s instead of ~25 s.
SchedulerParameters=batch_sched_delay=0,bf_interval=1,kill_invalid_depend
# kill_invalid_depend: a dependency that can never be met (afterok on a failed job) cancels the
# dependent job instead of leaving it pending forever. 22.05 acts on it only in
# DependencyParameters (measured: in SchedulerParameters alone the job stayed pending); it stays
# in SchedulerParameters too, where releases before 20.02 read it, so a probe of either finds it.
DependencyParameters=kill_invalid_depend
MaxArraySize=100001
MaxJobCount=200000
# Finished jobs stay visible in scontrol/squeue for 5 minutes.
MinJobAge=300
MailProg=/bin/true

JobCompType=jobcomp/filetxt
JobCompLoc=$STATE/log/jobcomp.txt
$accounting

StateSaveLocation=$STATE/ctld
SlurmdSpoolDir=$STATE/spool
SlurmctldPidFile=$STATE/run/slurmctld.pid
SlurmdPidFile=$STATE/run/slurmd.pid
SlurmctldLogFile=$STATE/log/slurmctld.log
SlurmdLogFile=$STATE/log/slurmd.log
SlurmctldDebug=info
SlurmdDebug=info
EOF
  chmod 644 "$SLURM_CONF"

  if [[ $mode == accounting ]]; then
    # slurmdbd refuses a config readable by others or not owned by SlurmUser.
    install -m 600 -o root -g root /dev/null "$SLURMDBD_CONF"
    cat >"$SLURMDBD_CONF" <<EOF
# Written by slurmdesk test/daemons/slurm.sh. Overwritten on every start --accounting.
AuthType=auth/munge
DbdHost=localhost
DbdPort=6819
SlurmUser=root
PidFile=$STATE/run/slurmdbd.pid
LogFile=$STATE/log/slurmdbd.log
DebugLevel=info
# root reaches mariadb through its socket with unix_socket authentication: no password.
StorageType=accounting_storage/mysql
StorageHost=localhost
StorageUser=root
StorageLoc=slurm_acct_db
EOF
  else
    rm -f "$SLURMDBD_CONF"
  fi
}

# ---------------------------------------------------------------------------------------------
# readiness checks (quiet; true when ready)

munge_ready() { munge -n 2>/dev/null | unmunge >/dev/null 2>&1; }
mariadb_ready() { mariadb-admin --no-defaults --socket="$MYSQL_SOCKET" ping >/dev/null 2>&1; }
slurmdbd_ready() { sacctmgr -n -P list cluster >/dev/null 2>&1; }
slurmctld_ready() { scontrol ping 2>/dev/null | grep -q 'is UP'; }
node_idle() {
  # One line per partition the node is in; all must say idle.
  [[ "$(sinfo -h -N -n localhost -o %T 2>/dev/null | sort -u)" == idle ]]
}
sacct_ready() { sacct -n -X >/dev/null 2>&1; }

# ---------------------------------------------------------------------------------------------
# start

fail_start() {
  local file
  printf 'slurm.sh: error: start failed: %s\n' "$1" >&2
  # Stop first: if whoever reads the logs below goes away (a closed pipe), nothing is left behind.
  printf 'slurm.sh: stopping what was started; logs stay in %s/log\n' "$STATE" >&2
  stop_all >&2
  for file in "$STATE"/log/*.log "$STATE"/log/*.out; do
    [[ -s "$file" ]] || continue
    printf '\n--- last lines of %s ---\n' "$file" >&2
    tail -n 15 "$file" >&2
  done
  printf '\nslurm.sh: error: start failed: %s\n' "$1" >&2
  exit 1
}

# wait_for WHAT DAEMON CHECK...: polls CHECK until it succeeds; fails fast if DAEMON dies.
wait_for() {
  local what=$1 daemon=$2 pid
  shift 2
  pid="$(recorded_pid "$daemon")"
  until "$@"; do
    pid_running "$pid" || fail_start "$daemon (pid $pid) exited while waiting for $what"
    ((SECONDS < DEADLINE)) || fail_start "timed out after ${TIMEOUT}s waiting for $what"
    sleep 0.1
  done
}

start_munge() {
  # The package creates the key; recreate it only if someone removed it.
  if [[ ! -s /etc/munge/munge.key ]]; then
    mungekey --create --keyfile=/etc/munge/munge.key
  fi
  chown munge:munge /etc/munge/munge.key
  chmod 400 /etc/munge/munge.key
  install -d -m 755 -o munge -g munge /run/munge
  # --force: a munged that crashed leaves its socket behind.
  launch munged setpriv --reuid=munge --regid=munge --init-groups munged -F --force
  wait_for "munge (munge -n | unmunge)" munged munge_ready
}

start_mariadb() {
  # A fresh database every start, so job IDs (which restart at 1 with slurmctld -c) never
  # collide with records from an earlier run.
  install -d -m 750 -o mysql -g mysql "$STATE/mysql"
  mariadb-install-db --no-defaults --user=mysql --datadir="$STATE/mysql" \
    --auth-root-authentication-method=socket --skip-test-db \
    >>"$STATE/log/mariadb-install-db.out" 2>&1 \
    || fail_start "mariadb-install-db failed"
  # mariadbd writes its PID and log as the mysql user, which cannot write root's folders.
  install -d -m 755 -o mysql -g mysql /run/mysqld
  install -m 640 -o mysql -g mysql /dev/null "$STATE/log/mariadbd.log"
  launch mariadbd mariadbd --no-defaults --user=mysql --datadir="$STATE/mysql" \
    --socket="$MYSQL_SOCKET" --pid-file=/run/mysqld/mariadbd.pid --skip-networking \
    --log-error="$STATE/log/mariadbd.log"
  wait_for "mariadb (mariadb-admin ping)" mariadbd mariadb_ready
}

start_slurmdbd() {
  launch slurmdbd slurmdbd -D
  wait_for "slurmdbd (sacctmgr list cluster)" slurmdbd slurmdbd_ready
  # slurmctld only sends accounting for a cluster the database knows.
  if [[ -z "$(sacctmgr -n -P list cluster format=Cluster where cluster="$CLUSTER")" ]]; then
    sacctmgr -i add cluster "$CLUSTER" >>"$STATE/log/sacctmgr.out" 2>&1 \
      || fail_start "sacctmgr add cluster $CLUSTER failed"
  fi
}

start_slurm() {
  # -c: clear saved state, so every start begins with no jobs and job IDs from 1.
  launch slurmctld slurmctld -D -c -i
  wait_for "slurmctld (scontrol ping)" slurmctld slurmctld_ready
  launch slurmd slurmd -D -N localhost
  wait_for "node localhost to be idle (sinfo)" slurmd node_idle
}

running_mode() {
  local mode name
  [[ -s "$(mode_file)" ]] || return 1
  mode="$(cat "$(mode_file)")"
  for name in $(daemons_for_mode "$mode"); do
    daemon_alive "$name" || return 1
  done
  printf '%s\n' "$mode"
}

any_recorded_daemon() {
  local name
  for name in "${ALL_DAEMONS[@]}"; do
    [[ -e "$(pid_file "$name")" ]] && return 0
  done
  return 1
}

# Refuses to mix our daemons with ones started some other way: they would fight over the
# same sockets and ports, and stop could not stop them.
check_no_foreign_daemons() {
  local port
  if munge_ready; then
    die "a munged not started by this script is already answering on /run/munge; stop it first"
  fi
  for port in "${SLURM_PORTS[@]}"; do
    if port_listening "$port"; then
      die "TCP port $port is already in use (another slurmctld/slurmd/slurmdbd?); stop it first"
    fi
  done
  if [[ $1 == accounting ]] && mariadb_ready; then
    die "a MariaDB server not started by this script is listening on $MYSQL_SOCKET; stop it first"
  fi
}

cmd_start() {
  local mode=plain current
  case "${1:-}" in
    "") ;;
    --accounting) mode=accounting ;;
    *) usage ;;
  esac
  [[ $# -le 1 ]] || usage
  command -v slurmctld >/dev/null || die "Slurm is not installed; run: $0 install"

  if current="$(running_mode)"; then
    if [[ $current == "$mode" ]]; then
      log "already running ($mode mode)"
      return 0
    fi
    log "running in $current mode; stopping it to start in $mode mode"
  fi
  # Also catches the leftovers of a crashed or half-finished start.
  if any_recorded_daemon; then
    stop_all
  fi
  check_no_foreign_daemons "$mode"

  local started=$EPOCHREALTIME
  DEADLINE=$((SECONDS + TIMEOUT))
  chmod 755 "$STATE" # mariadb (as mysql) must reach its data folder inside it
  rm -rf "$STATE/ctld" "$STATE/spool" "$STATE/run" "$STATE/log" "$STATE/mysql" "$STATE/mode"
  mkdir -p "$STATE/pids" "$STATE/ctld" "$STATE/spool" "$STATE/run" "$STATE/log"
  write_slurm_conf "$mode"
  # Written before the daemons so that stop knows the mode even after a failed start.
  printf '%s\n' "$mode" >"$(mode_file)"

  start_munge
  if [[ $mode == accounting ]]; then
    start_mariadb
    start_slurmdbd
  fi
  start_slurm
  if [[ $mode == accounting ]]; then
    wait_for "sacct to answer" slurmdbd sacct_ready
  fi
  log "running ($mode mode), ready in $(elapsed "$started") s; state in $STATE"
}

# ---------------------------------------------------------------------------------------------
# stop

# Cancels every job so slurmd's step daemons (slurmstepd, not ours to kill) end with their
# jobs instead of outliving the cluster.
cancel_all_jobs() {
  local ids i
  slurmctld_ready || return 0
  ids="$(squeue -h -o %F 2>/dev/null | sort -u)" || return 0
  [[ -n "$ids" ]] || return 0
  # shellcheck disable=SC2086  # one job ID per word
  scancel $ids 2>/dev/null || true
  for ((i = 0; i < 150; i++)); do
    [[ -z "$(squeue -h -t running,completing -o %i 2>/dev/null)" ]] && break
    sleep 0.1
  done
  log "cancelled the remaining jobs"
}

stop_all() {
  local i name
  if daemon_alive slurmctld; then
    cancel_all_jobs
  fi
  for ((i = ${#ALL_DAEMONS[@]} - 1; i >= 0; i--)); do
    name="${ALL_DAEMONS[i]}"
    stop_daemon "$name"
  done
  rm -f "$(mode_file)"
}

cmd_stop() {
  if ! any_recorded_daemon; then
    log "not running (no daemons recorded in $STATE/pids)"
    rm -f "$(mode_file)"
    return 0
  fi
  stop_all
  log "stopped"
}

# ---------------------------------------------------------------------------------------------
# status

cmd_status() {
  local mode name alive="" dead=""
  if mode="$(running_mode)"; then
    log "running ($mode mode)"
    return 0
  fi
  for name in "${ALL_DAEMONS[@]}"; do
    [[ -e "$(pid_file "$name")" ]] || continue
    if daemon_alive "$name"; then alive+=" $name"; else dead+=" $name"; fi
  done
  if [[ -n "$alive" ]]; then
    log "partly running: up:$alive${dead:+; down:$dead} (run stop, then start)"
    return 1
  fi
  if [[ -n "$dead" ]]; then
    log "stopped (stale pid files for:$dead; start or stop cleans them up)"
  else
    log "stopped"
  fi
  return 3
}

# Serializes start and stop: test runners may start the cluster from several workers at once.
take_lock() {
  require_root
  [[ "$STATE" == /?* && "$STATE" != / ]] || die "SLURMDESK_SLURM_STATE must be an absolute folder"
  mkdir -p "$STATE"
  exec 9>"$STATE/lock"
  flock -w 180 9 || die "another slurm.sh start/stop held $STATE/lock for 180 s"
}

main() {
  local cmd="${1:-}"
  [[ $# -gt 0 ]] && shift
  case "$cmd" in
    install)
      [[ $# -eq 0 ]] || usage
      require_root
      cmd_install
      ;;
    start)
      take_lock
      cmd_start "$@"
      ;;
    stop)
      [[ $# -eq 0 ]] || usage
      take_lock
      cmd_stop
      ;;
    status)
      [[ $# -eq 0 ]] || usage
      cmd_status
      ;;
    *) usage ;;
  esac
}

main "$@"
