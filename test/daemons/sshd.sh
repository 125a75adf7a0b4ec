#!/usr/bin/env bash
# Two real OpenSSH servers on loopback for integration tests (Debian 12, run as root).
#
#   sshd.sh install                     install the Debian packages (fast no-op when present)
#   sshd.sh start [--max-sessions N]    start the target (127.0.0.1:2222) and jump host (:2223)
#   sshd.sh stop                        stop both servers and their sessions, by PID
#   sshd.sh status                      print running/stopped; exit 0 only if both are running
#   sshd.sh rotate-hostkey              give the target a fresh host key and restart it
#   sshd.sh kill-sessions               kill the target's connections, not its listener
#
# start creates (once per state folder) the test user sdtest with a random password, throwaway
# ed25519 host keys and two client keys authorized for sdtest: one unencrypted, one encrypted with
# a random passphrase. Nothing secret is printed: the password, the passphrase and every path the
# suites need are in $STATE/env (KEY=value lines, root only). Each server logs at VERBOSE to
# $STATE/log/NAME.log, so tests can see which authentication attempts arrived.
#
# There is no systemd here, so each sshd runs in its foreground form (-D) in the background and its
# PID is recorded. Facts behind the settings: shared/guide/TEST-CLUSTER.md.
#
# Environment:
#   SLURMDESK_SSHD_STATE        state folder (default /tmp/slurmdesk-sshd): env, keys, configs, logs
#   SLURMDESK_SSHD_TARGET_PORT  the target's port (default 2222)
#   SLURMDESK_SSHD_JUMP_PORT    the jump host's port (default 2223)
#   SLURMDESK_SSHD_TIMEOUT      seconds that start may take before it gives up (default 20)
set -euo pipefail
# shellcheck source=SCRIPTDIR/aptPackages.sh
source "$(dirname "${BASH_SOURCE[0]}")/aptPackages.sh"

STATE="${SLURMDESK_SSHD_STATE:-/tmp/slurmdesk-sshd}"
TIMEOUT="${SLURMDESK_SSHD_TIMEOUT:-20}"
HOST=127.0.0.1
TARGET_PORT="${SLURMDESK_SSHD_TARGET_PORT:-2222}"
JUMP_PORT="${SLURMDESK_SSHD_JUMP_PORT:-2223}"
TEST_USER=sdtest
SSHD=/usr/sbin/sshd
PACKAGES=(openssh-server openssh-client)
SERVERS=(target jump)
DEFAULT_MAX_SESSIONS=10

elapsed() { awk -v a="$1" -v b="$EPOCHREALTIME" 'BEGIN { printf "%.3f", b - a }'; }

log() { printf 'sshd.sh: %s\n' "$*"; }
warn() { printf 'sshd.sh: %s\n' "$*" >&2; }
die() {
  printf 'sshd.sh: error: %s\n' "$*" >&2
  exit 1
}

usage() {
  sed -n '2,9p' "$0" | sed 's/^# \{0,1\}//' >&2
  exit 2
}

require_root() {
  [[ $EUID -eq 0 ]] || die "must run as root (it creates the user $TEST_USER and starts sshd)"
}

# ---------------------------------------------------------------------------------------------
# install

cmd_install() { install_debian_packages sshd.sh "${PACKAGES[@]}"; }

# ---------------------------------------------------------------------------------------------
# PIDs and processes

pid_file() { printf '%s/pids/%s.pid\n' "$STATE" "$1"; }
config_file() { printf '%s/%s/sshd_config\n' "$STATE" "$1"; }
host_key() { printf '%s/%s/ssh_host_ed25519_key\n' "$STATE" "$1"; }
log_file() { printf '%s/log/%s.log\n' "$STATE" "$1"; }
port_of() { if [[ $1 == target ]]; then echo "$TARGET_PORT"; else echo "$JUMP_PORT"; fi; }

# PID 1 here never reaps orphans, and kill -0 succeeds on a zombie, so "running" means: exists and
# is not a zombie.
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

# True when the recorded PID is still our sshd: a recycled PID would be another program or an
# sshd with another config.
server_alive() {
  local name=$1 pid
  pid="$(recorded_pid "$name")" || return 1
  pid_running "$pid" || return 1
  [[ "$(cat "/proc/$pid/comm" 2>/dev/null)" == sshd ]] || return 1
  tr '\0' ' ' <"/proc/$pid/cmdline" 2>/dev/null | grep -qF -- "-f $(config_file "$name")"
}

wait_exit() {
  local pid=$1 seconds=$2 i
  for ((i = 0; i < seconds * 10; i++)); do
    pid_running "$pid" || return 0
    sleep 0.1
  done
  ! pid_running "$pid"
}

# Every live descendant of a PID as "depth pid command", parents before children. Per-connection
# sshd processes are children of the listener; each session's command runs below them.
descendants() {
  local queue=("1 $1") item depth parent stat line pid ppid _state comm
  while ((${#queue[@]} > 0)); do
    item=${queue[0]}
    queue=("${queue[@]:1}")
    depth=${item%% *}
    parent=${item#* }
    for stat in /proc/[0-9]*/stat; do
      { read -r line <"$stat"; } 2>/dev/null || continue
      pid=${line%% *}
      # Fields after the command name, which may hold spaces and parentheses: state, ppid, ...
      read -r _state ppid _ <<<"${line##*) }"
      if [[ $ppid != "$parent" ]] || ! pid_running "$pid"; then continue; fi
      comm=${line#*(}
      comm=${comm%)*}
      printf '%s %s %s\n' "$depth" "$pid" "$comm"
      queue+=("$((depth + 1)) $pid")
    done
  done
}

# Kills the connections below a listener and prints how many processes that was. The sshd
# processes go first, so the client sees its transport cut rather than its command killed; the
# session commands they ran go next. Orphans left as zombies are collected by PID 1 here (in
# about 2 s, measured), so "gone" means "not running".
kill_connections() {
  local listener=$1 lines=() line depth pid comm pids=() i
  mapfile -t lines < <(descendants "$listener")
  for ((i = ${#lines[@]} - 1; i >= 0; i--)); do
    read -r depth pid comm <<<"${lines[i]}"
    [[ $comm == sshd ]] && pids+=("$pid")
  done
  for line in "${lines[@]}"; do
    read -r depth pid comm <<<"$line"
    [[ $comm == sshd ]] || pids+=("$pid")
  done
  ((${#pids[@]} > 0)) || { echo 0; return 0; }
  kill -KILL "${pids[@]}" 2>/dev/null || true
  for pid in "${pids[@]}"; do
    wait_exit "$pid" 5 || warn "process $pid survived SIGKILL"
  done
  printf '%s\n' "${#pids[@]}"
}

stop_server() {
  local name=$1 pid killed
  pid="$(recorded_pid "$name")" || return 0
  if server_alive "$name"; then
    # The listener exits on SIGTERM but leaves its connections running; end those too.
    killed="$(kill_connections "$pid")"
    kill -TERM "$pid" 2>/dev/null || true
    if ! wait_exit "$pid" 10; then
      warn "$name sshd (pid $pid) ignored SIGTERM for 10 s; sending SIGKILL"
      kill -KILL "$pid" 2>/dev/null || true
      wait_exit "$pid" 5 || die "$name sshd (pid $pid) is still running after SIGKILL"
    fi
    log "stopped $name sshd (pid $pid${killed:+, $killed connection processes})"
  else
    log "$name sshd was not running (stale pid file for pid $pid)"
  fi
  rm -f "$(pid_file "$name")"
}

port_listening() {
  local hex
  hex="$(printf '%04X' "$1")"
  # Column 2 is local address:port in hex, column 4 is the state; 0A is LISTEN.
  awk -v port="$hex" 'NR > 1 { split($2, a, ":"); if (a[2] == port && $4 == "0A") found = 1 }
                      END { exit !found }' /proc/net/tcp /proc/net/tcp6 2>/dev/null
}

# ---------------------------------------------------------------------------------------------
# the user, keys and configs

random_secret() { od -An -tx1 -N16 /dev/urandom | tr -d ' \n'; }

# A secret kept for the life of the state folder, so a restart does not invalidate what a test
# read from env before it.
stored_secret() {
  local file="$STATE/secrets/$1"
  if [[ ! -s "$file" ]]; then
    install -m 600 /dev/null "$file"
    random_secret >"$file"
  fi
  cat "$file"
}

ensure_user() {
  local home
  if ! id -u "$TEST_USER" >/dev/null 2>&1; then
    useradd -m -s /bin/bash "$TEST_USER"
    log "created user $TEST_USER"
  fi
  # Slurm commands need a real shell; sshd's StrictModes refuses a home others can write.
  [[ "$(getent passwd "$TEST_USER" | cut -d: -f7)" == /bin/bash ]] || usermod -s /bin/bash "$TEST_USER"
  home="$(getent passwd "$TEST_USER" | cut -d: -f6)"
  [[ -d "$home" ]] || install -d -m 755 -o "$TEST_USER" -g "$TEST_USER" "$home"
  chmod go-w "$home"
  printf '%s:%s\n' "$TEST_USER" "$(stored_secret password)" | chpasswd
  TEST_HOME=$home
}

ensure_keys() {
  local name key
  for name in "${SERVERS[@]}"; do
    key="$(host_key "$name")"
    [[ -s $key ]] || ssh-keygen -q -t ed25519 -N '' -C "slurmdesk-test-$name" -f "$key"
  done
  [[ -s $STATE/client/id_ed25519 ]] \
    || ssh-keygen -q -t ed25519 -N '' -C sdtest-plain -f "$STATE/client/id_ed25519"
  # The passphrase is on ssh-keygen's command line for a moment: a throwaway test secret.
  [[ -s $STATE/client/id_ed25519_encrypted ]] \
    || ssh-keygen -q -t ed25519 -N "$(stored_secret passphrase)" -C sdtest-encrypted \
      -f "$STATE/client/id_ed25519_encrypted"
}

# The user is shared by every instance on the machine, and each start rewrites authorized_keys with
# its own keys only. So each instance also keeps its keys in a file named after its state folder,
# which its sshd reads too: another instance's start cannot lock this one's clients out.
instance_keys_file() { printf '.ssh/authorized_keys.%s\n' "$(basename "$STATE")"; }

authorize_keys() {
  local ssh_dir="$TEST_HOME/.ssh" file
  install -d -m 700 -o "$TEST_USER" -g "$TEST_USER" "$ssh_dir"
  for file in "$TEST_HOME/.ssh/authorized_keys" "$TEST_HOME/$(instance_keys_file)"; do
    install -m 600 -o "$TEST_USER" -g "$TEST_USER" /dev/null "$file"
    cat "$STATE/client/id_ed25519.pub" "$STATE/client/id_ed25519_encrypted.pub" >"$file"
  done
}

write_config() {
  local name=$1 max_sessions=$2 forwarding=local permit_open='localhost:*'
  # The jump host forwards anywhere (ProxyJump is a direct-tcpip channel). The target forwards
  # only to ports on "localhost" — the test node's name, where web app jobs listen — so a test
  # that reaches the target "through a jump" (at 127.0.0.1) cannot pass by using the target as
  # its own hop: PermitOpen matches the name asked for, not the address it resolves to.
  [[ $name == jump ]] && forwarding=yes && permit_open=any
  cat >"$(config_file "$name")" <<EOF
# Written by slurmdesk test/daemons/sshd.sh ($name). Overwritten on every start.
Port $(port_of "$name")
ListenAddress $HOST
HostKey $(host_key "$name")
PidFile $STATE/run/$name.pid
UsePAM yes
PubkeyAuthentication yes
PasswordAuthentication yes
KbdInteractiveAuthentication yes
PermitRootLogin no
AllowUsers $TEST_USER
AuthorizedKeysFile .ssh/authorized_keys $(instance_keys_file)
StrictModes yes
MaxSessions $max_sessions
# Suites open many connections at once; the default 10:30:100 would drop some of them.
MaxStartups 100
LoginGraceTime 30
AllowTcpForwarding $forwarding
PermitOpen $permit_open
AllowAgentForwarding no
X11Forwarding no
PrintMotd no
Subsystem sftp internal-sftp
LogLevel VERBOSE
EOF
}

host_line() {
  printf '[%s]:%s %s\n' "$HOST" "$(port_of "$1")" "$(cut -d' ' -f1,2 "$(host_key "$1").pub")"
}

fingerprint() { ssh-keygen -lf "$1" | cut -d' ' -f2; }

write_env() {
  local max_sessions=$1 tmp
  host_line target >"$STATE/known_hosts"
  host_line jump >>"$STATE/known_hosts"
  tmp="$(mktemp "$STATE/env.XXXXXX")"
  chmod 600 "$tmp"
  cat >"$tmp" <<EOF
# Written by test/daemons/sshd.sh start: secrets for throwaway test servers, root only.
SSHD_HOST=$HOST
SSHD_TARGET_PORT=$TARGET_PORT
SSHD_JUMP_PORT=$JUMP_PORT
SSHD_MAX_SESSIONS=$max_sessions
SDTEST_USER=$TEST_USER
SDTEST_HOME=$TEST_HOME
SDTEST_PASSWORD=$(stored_secret password)
SSHD_CLIENT_KEY=$STATE/client/id_ed25519
SSHD_CLIENT_KEY_ENCRYPTED=$STATE/client/id_ed25519_encrypted
SSHD_CLIENT_KEY_PASSPHRASE=$(stored_secret passphrase)
SSHD_KNOWN_HOSTS=$STATE/known_hosts
SSHD_TARGET_HOST_KEY=$(host_key target).pub
SSHD_JUMP_HOST_KEY=$(host_key jump).pub
SSHD_TARGET_FINGERPRINT=$(fingerprint "$(host_key target).pub")
SSHD_JUMP_FINGERPRINT=$(fingerprint "$(host_key jump).pub")
SSHD_TARGET_LOG=$(log_file target)
SSHD_JUMP_LOG=$(log_file jump)
EOF
  mv -f "$tmp" "$STATE/env"
}

# ---------------------------------------------------------------------------------------------
# start

fail_start() {
  local name
  printf 'sshd.sh: error: start failed: %s\n' "$1" >&2
  printf 'sshd.sh: stopping what was started; logs stay in %s/log\n' "$STATE" >&2
  for name in "${SERVERS[@]}"; do stop_server "$name" >&2; done
  for name in "${SERVERS[@]}"; do
    [[ -s "$(log_file "$name")" ]] || continue
    printf '\n--- last lines of %s ---\n' "$(log_file "$name")" >&2
    tail -n 15 "$(log_file "$name")" >&2
  done
  printf '\nsshd.sh: error: start failed: %s\n' "$1" >&2
  exit 1
}

# Ready when the server hands out the host key we gave it (not some other sshd's).
server_ready() {
  local name=$1 expected
  expected="$(cut -d' ' -f2 "$(host_key "$name").pub")"
  ssh-keyscan -T 2 -t ed25519 -p "$(port_of "$name")" "$HOST" 2>/dev/null | grep -qF -- "$expected"
}

start_server() {
  local name=$1 pid deadline=$((SECONDS + TIMEOUT)) out
  if port_listening "$(port_of "$name")"; then
    fail_start "TCP port $(port_of "$name") is already in use (another sshd?); stop it first"
  fi
  out="$("$SSHD" -t -f "$(config_file "$name")" 2>&1)" \
    || fail_start "sshd rejects $(config_file "$name"): $out"
  # -E appends the log to a file (and implies -e). 9>&-: sshd must not hold this script's lock.
  setsid "$SSHD" -D -e -f "$(config_file "$name")" -E "$(log_file "$name")" \
    </dev/null >>"$STATE/log/$name.out" 2>&1 9>&- &
  pid=$!
  printf '%s\n' "$pid" >"$(pid_file "$name")"
  until server_ready "$name"; do
    pid_running "$pid" || fail_start "$name sshd (pid $pid) exited while starting"
    ((SECONDS < deadline)) || fail_start "timed out after ${TIMEOUT}s waiting for ssh-keyscan on port $(port_of "$name")"
    sleep 0.05
  done
  log "$name sshd (pid $pid) listening on $HOST:$(port_of "$name")"
}

running_max_sessions() {
  [[ -s "$STATE/env" ]] && sed -n 's/^SSHD_MAX_SESSIONS=//p' "$STATE/env"
}

all_running() {
  local name
  for name in "${SERVERS[@]}"; do server_alive "$name" || return 1; done
}

prepare_state() {
  local max_sessions=$1 name
  command -v "$SSHD" >/dev/null || die "OpenSSH server is not installed; run: bash $0 install"
  command -v ssh-keyscan >/dev/null || die "OpenSSH client is not installed; run: bash $0 install"
  mkdir -p "$STATE/pids" "$STATE/log" "$STATE/run" "$STATE/client" "$STATE/secrets"
  for name in "${SERVERS[@]}"; do mkdir -p "$STATE/$name"; done
  # sshd's privilege separation chroots into this folder.
  install -d -m 755 /run/sshd
  ensure_user
  ensure_keys
  authorize_keys
  for name in "${SERVERS[@]}"; do write_config "$name" "$max_sessions"; done
  write_env "$max_sessions"
}

cmd_start() {
  local max_sessions=$DEFAULT_MAX_SESSIONS name started
  while (($# > 0)); do
    case "$1" in
      --max-sessions)
        [[ $# -ge 2 && $2 =~ ^[1-9][0-9]{0,3}$ ]] || die "--max-sessions needs a number from 1 to 9999"
        max_sessions=$2
        shift 2
        ;;
      *) usage ;;
    esac
  done
  # A server started from an older config (without PermitOpen) is restarted with this one.
  if all_running && [[ "$(running_max_sessions)" == "$max_sessions" ]] && grep -q '^PermitOpen' "$(config_file target)"; then
    log "already running (MaxSessions $max_sessions); env in $STATE/env"
    return 0
  fi
  for name in "${SERVERS[@]}"; do stop_server "$name"; done
  started=$EPOCHREALTIME
  prepare_state "$max_sessions"
  for name in "${SERVERS[@]}"; do start_server "$name"; done
  log "running (MaxSessions $max_sessions), ready in $(elapsed "$started") s; env in $STATE/env"
}

# ---------------------------------------------------------------------------------------------
# stop, status, rotate-hostkey, kill-sessions

cmd_stop() {
  local name any=""
  for name in "${SERVERS[@]}"; do
    [[ -e "$(pid_file "$name")" ]] && any=1
  done
  if [[ -z $any ]]; then
    log "not running (no servers recorded in $STATE/pids)"
    return 0
  fi
  for name in "${SERVERS[@]}"; do stop_server "$name"; done
  log "stopped"
}

cmd_status() {
  local name up="" down=""
  for name in "${SERVERS[@]}"; do
    if server_alive "$name"; then up+=" $name:$(port_of "$name")"; else down+=" $name"; fi
  done
  if [[ -z $down ]]; then
    log "running:$up (MaxSessions $(running_max_sessions)); env in $STATE/env"
    return 0
  fi
  if [[ -n $up ]]; then
    log "partly running: up:$up; down:$down (run stop, then start)"
    return 1
  fi
  log "stopped"
  return 3
}

cmd_rotate_hostkey() {
  local key max_sessions
  all_running || die "not running; run: bash $0 start"
  max_sessions="$(running_max_sessions)"
  stop_server target
  key="$(host_key target)"
  rm -f "$key" "$key.pub"
  ssh-keygen -q -t ed25519 -N '' -C slurmdesk-test-target-rotated -f "$key"
  # TEST_HOME for write_env; the user and keys are already in place.
  TEST_HOME="$(getent passwd "$TEST_USER" | cut -d: -f6)"
  write_env "$max_sessions"
  start_server target
  log "target host key is now $(fingerprint "$key.pub") ($STATE/known_hosts has the new key)"
}

cmd_kill_sessions() {
  local pid count
  server_alive target || die "the target sshd is not running; run: bash $0 start"
  pid="$(recorded_pid target)"
  count="$(kill_connections "$pid")"
  log "killed $count connection processes of the target sshd (listener pid $pid still running)"
}

# Serializes the commands that change state: suites may call this from several workers at once.
take_lock() {
  require_root
  [[ "$STATE" =~ ^/[A-Za-z0-9._/-]+$ && "$STATE" != / ]] \
    || die "SLURMDESK_SSHD_STATE must be an absolute folder of letters, digits, . _ - and /"
  mkdir -p "$STATE"
  chmod 700 "$STATE"
  exec 9>"$STATE/lock"
  flock -w 60 9 || die "another sshd.sh command held $STATE/lock for 60 s"
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
    stop | rotate-hostkey | kill-sessions)
      [[ $# -eq 0 ]] || usage
      take_lock
      case "$cmd" in
        stop) cmd_stop ;;
        rotate-hostkey) cmd_rotate_hostkey ;;
        kill-sessions) cmd_kill_sessions ;;
      esac
      ;;
    status)
      [[ $# -eq 0 ]] || usage
      cmd_status
      ;;
    *) usage ;;
  esac
}

main "$@"
