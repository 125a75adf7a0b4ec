# Sourced by the daemon scripts: installs the Debian packages a test daemon needs, once.
# shellcheck shell=bash

POLICY_RC=/usr/sbin/policy-rc.d

# install_debian_packages WHO PACKAGE...: installs those not yet installed (apt-get update only
# then). Package scripts would try to start their services, and there is no init system to do
# that here: a policy-rc.d exiting 101 tells invoke-rc.d "not allowed". Whatever policy was
# there before is put back, even if the install fails.
install_debian_packages() {
  local who="$1"
  shift
  local pkg missing=()
  for pkg in "$@"; do
    dpkg-query -W -f='${Status}\n' "$pkg" 2>/dev/null | grep -qx 'install ok installed' || missing+=("$pkg")
  done
  if [[ ${#missing[@]} -eq 0 ]]; then
    printf '%s: packages already installed: %s\n' "$who" "$*"
    return 0
  fi
  local backup=""
  if [[ -e "$POLICY_RC" ]]; then
    backup="$(mktemp)"
    cp -p "$POLICY_RC" "$backup"
  fi
  # shellcheck disable=SC2064  # expand now: the trap runs after these locals are gone
  trap "if [[ -n '$backup' ]]; then mv -f '$backup' '$POLICY_RC'; else rm -f '$POLICY_RC'; fi" EXIT
  printf '#!/bin/sh\n# written by %s install: packages must not start services\nexit 101\n' "$who" >"$POLICY_RC"
  chmod 755 "$POLICY_RC"
  printf '%s: installing: %s\n' "$who" "${missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
  printf '%s: installed\n' "$who"
}
