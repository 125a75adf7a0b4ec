#!/usr/bin/env bash
# A throwaway Secret Service (gnome-keyring on a private D-Bus session) for tests (Debian 12).
#
#   secret-service.sh install                 install the Debian packages (root; fast when present)
#   secret-service.sh run [--locked] -- CMD…  run CMD with an unlocked throwaway keyring; exits
#                                             with CMD's status (125 if the keyring did not start)
#
# run starts `dbus-run-session`, and inside it gnome-keyring-daemon with only the secrets
# component, its HOME and XDG_RUNTIME_DIR in a scratch folder, unlocked with a random password
# that is never printed (--locked leaves the keyring locked, for error-path tests). CMD runs with
# the caller's own HOME and environment plus DBUS_SESSION_BUS_ADDRESS, and
# SLURMDESK_SECRET_SERVICE=gnome-keyring-unlocked (or -locked) to say where it is, and
# SLURMDESK_SECRET_SERVICE_HOME=the keyring's scratch HOME (its files, for scans). The keyring,
# the bus and the scratch folder end with the command. This script's own messages go to stderr,
# so CMD's stdout is exactly what CMD printed.
#
# Example: bash test/daemons/secret-service.sh run -- npx vitest run --project integration
#
# Environment:
#   SLURMDESK_SECRETS_TIMEOUT  seconds the keyring may take to appear on the bus (default 10)
set -euo pipefail
# shellcheck source=SCRIPTDIR/aptPackages.sh
source "$(dirname "${BASH_SOURCE[0]}")/aptPackages.sh"

SCRIPT="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)/$(basename "${BASH_SOURCE[0]}")"
ROOT="$(cd "$(dirname "$SCRIPT")/../.." && pwd)"
TIMEOUT="${SLURMDESK_SECRETS_TIMEOUT:-10}"
# dbus-daemon/dbus-bin: dbus-run-session, dbus-send. g++ make python3: keytar builds from source
# against libsecret (its prebuilt binary cannot be downloaded here).
PACKAGES=(gnome-keyring libsecret-1-dev dbus-x11 dbus-daemon dbus-bin pkg-config g++ make python3)
# run's own failures (missing programs, a keyring that did not start) exit with this, so they are
# told apart from the command's status.
SETUP_FAILED=125
DIE_STATUS=1

elapsed() { awk -v a="$1" -v b="$EPOCHREALTIME" 'BEGIN { printf "%.3f", b - a }'; }
log() { printf 'secret-service.sh: %s\n' "$*" >&2; }
die() {
  printf 'secret-service.sh: error: %s\n' "$*" >&2
  exit "$DIE_STATUS"
}

usage() {
  sed -n '2,6p' "$SCRIPT" | sed 's/^# \{0,1\}//' >&2
  exit 2
}

# ---------------------------------------------------------------------------------------------
# install

install_packages() { install_debian_packages secret-service.sh "${PACKAGES[@]}"; }

# keytar's install step cannot download its prebuilt binary here, so an `npm ci` on a machine
# that lacked libsecret-1-dev left it unbuilt. Rebuild it now that the headers are there.
rebuild_keytar() {
  [[ -d "$ROOT/node_modules/keytar" ]] || return 0
  command -v node >/dev/null || return 0
  if (cd "$ROOT" && node -e "require('keytar')" >/dev/null 2>&1); then
    log "keytar loads"
    return 0
  fi
  log "keytar does not load; rebuilding it from source (npm rebuild keytar)"
  (cd "$ROOT" && npm rebuild keytar >/dev/null) || die "npm rebuild keytar failed"
  (cd "$ROOT" && node -e "require('keytar')") || die "keytar still does not load after npm rebuild"
  log "keytar rebuilt"
}

cmd_install() {
  [[ $EUID -eq 0 ]] || die "install must run as root (apt-get)"
  install_packages
  rebuild_keytar
}

# ---------------------------------------------------------------------------------------------
# run

bus_has_secrets() {
  dbus-send --session --dest=org.freedesktop.DBus --print-reply=literal /org/freedesktop/DBus \
    org.freedesktop.DBus.NameHasOwner string:org.freedesktop.secrets 2>/dev/null | grep -qw true
}

# Unlocked means the "default" alias points at the login collection keytar writes to.
login_collection_ready() {
  dbus-send --session --dest=org.freedesktop.secrets --print-reply=literal /org/freedesktop/secrets \
    org.freedesktop.Secret.Service.ReadAlias string:default 2>/dev/null \
    | grep -q '/org/freedesktop/secrets/collection/login'
}

cmd_run() {
  local mode=unlocked scratch status
  DIE_STATUS=$SETUP_FAILED
  while (($# > 0)); do
    case "$1" in
      --locked) mode=locked ;;
      --)
        shift
        break
        ;;
      *) usage ;;
    esac
    shift
  done
  (($# > 0)) || usage
  local program
  for program in dbus-run-session dbus-send gnome-keyring-daemon; do
    command -v "$program" >/dev/null \
      || die "$program is missing; install the Secret Service packages with: sudo bash test/daemons/secret-service.sh install"
  done

  scratch="$(mktemp -d /tmp/slurmdesk-secrets.XXXXXX)"
  # shellcheck disable=SC2064  # expand now
  trap "rm -rf '$scratch'" EXIT
  install -d -m 700 "$scratch/home" "$scratch/run"

  # The bus itself runs with the scratch HOME, so anything it starts by D-Bus activation (a second
  # keyring, a prompter) never touches the caller's real keyrings. dbus-daemon's own warnings
  # ("Failed to set fd limit") go to a file; fd 3 carries the caller's stderr to the command.
  local caller_home="${HOME:-}" caller_runtime="${XDG_RUNTIME_DIR-__unset__}"
  local caller_display="${DISPLAY-__unset__}" caller_wayland="${WAYLAND_DISPLAY-__unset__}"
  exec 3>&2
  set +e
  # Without a display for the bus, a locked keyring fails at once instead of opening an unlock
  # prompt (gcr-prompter) on an Xvfb that nobody answers.
  SLURMDESK_SECRETS_CALLER_HOME="$caller_home" SLURMDESK_SECRETS_CALLER_RUNTIME="$caller_runtime" \
    SLURMDESK_SECRETS_CALLER_DISPLAY="$caller_display" SLURMDESK_SECRETS_CALLER_WAYLAND="$caller_wayland" \
    HOME="$scratch/home" XDG_RUNTIME_DIR="$scratch/run" \
    env -u DISPLAY -u WAYLAND_DISPLAY dbus-run-session -- bash "$SCRIPT" __session "$scratch" "$mode" "$@" 2>"$scratch/dbus.log"
  status=$?
  set -e
  exec 2>&3 3>&-
  if [[ -e "$scratch/setup-failed" ]]; then
    printf '\n--- %s ---\n' "dbus-daemon messages" >&2
    cat "$scratch/dbus.log" >&2
    printf -- '--- gnome-keyring-daemon messages ---\n' >&2
    cat "$scratch/gnome-keyring.log" >&2 2>/dev/null || true
  fi
  exit "$status"
}

# restore_variable NAME VALUE: VALUE __unset__ means the caller did not have it.
restore_variable() {
  if [[ $2 == __unset__ ]]; then
    unset "$1"
  else
    export "$1=$2"
  fi
}

# Runs inside dbus-run-session: start the keyring, wait for it, run the command, stop the keyring.
session_main() {
  local scratch=$1 mode=$2 started=$EPOCHREALTIME deadline=$((SECONDS + TIMEOUT)) keyring status
  shift 2
  exec 2>&3 3>&-
  DIE_STATUS=$SETUP_FAILED
  setup_fail() {
    : >"$scratch/setup-failed"
    die "$1"
  }

  if [[ $mode == unlocked ]]; then
    # The password only unlocks a keyring that is deleted when the command ends.
    od -An -tx1 -N16 /dev/urandom | tr -d ' \n' \
      | gnome-keyring-daemon --foreground --unlock --components=secrets >"$scratch/gnome-keyring.log" 2>&1 &
  else
    gnome-keyring-daemon --foreground --components=secrets </dev/null >"$scratch/gnome-keyring.log" 2>&1 &
  fi
  keyring=$!
  # || true: under set -e, a failing kill or wait in this trap would replace our exit status.
  # shellcheck disable=SC2064  # expand now
  trap "kill -TERM $keyring 2>/dev/null || true; wait $keyring 2>/dev/null || true" EXIT

  until bus_has_secrets && { [[ $mode == locked ]] || login_collection_ready; }; do
    kill -0 "$keyring" 2>/dev/null || setup_fail "gnome-keyring-daemon exited before org.freedesktop.secrets appeared on the bus"
    ((SECONDS < deadline)) || setup_fail "timed out after ${TIMEOUT}s waiting for org.freedesktop.secrets ($mode keyring)"
    sleep 0.02
  done
  log "gnome-keyring ($mode) ready in $(elapsed "$started") s; running: $*"

  export HOME="$SLURMDESK_SECRETS_CALLER_HOME"
  restore_variable XDG_RUNTIME_DIR "$SLURMDESK_SECRETS_CALLER_RUNTIME"
  restore_variable DISPLAY "$SLURMDESK_SECRETS_CALLER_DISPLAY"
  restore_variable WAYLAND_DISPLAY "$SLURMDESK_SECRETS_CALLER_WAYLAND"
  unset SLURMDESK_SECRETS_CALLER_HOME SLURMDESK_SECRETS_CALLER_RUNTIME SLURMDESK_SECRETS_CALLER_DISPLAY \
    SLURMDESK_SECRETS_CALLER_WAYLAND
  export SLURMDESK_SECRET_SERVICE="gnome-keyring-$mode"
  export SLURMDESK_SECRET_SERVICE_HOME="$scratch/home"

  set +e
  "$@"
  status=$?
  set -e
  exit "$status"
}

main() {
  local cmd="${1:-}"
  [[ $# -gt 0 ]] && shift
  case "$cmd" in
    install)
      [[ $# -eq 0 ]] || usage
      cmd_install
      ;;
    run) cmd_run "$@" ;;
    __session) session_main "$@" ;;
    *) usage ;;
  esac
}

main "$@"
