#!/usr/bin/env bash
# A real container runtime for integration tests: Podman with Debian's runc (Debian 12, run as root).
#
#   podman.sh install   install the Debian packages (fast no-op when present)
#   podman.sh image     write the containers.conf and build the test image once; prints KEY=value lines
#
# Podman's default runtime (crun) fails on these machines (setrlimit RLIMIT_NOFILE, then "cgroups
# in hybrid mode not supported"); runc works with cgroupfs and no default ulimits. That is site
# configuration, so it goes in a containers.conf that jobs find through CONTAINERS_CONF, and the
# command line Slurm Desk writes stays the plain documented `podman run`.
#
# No registry is reachable, so the image is built offline: a root filesystem of this machine's
# own Python 3.11 (its binary, standard library and the libraries it loads), bash and dash, taken
# into Podman with `podman import`. Facts: shared/guide/TEST-CLUSTER.md.
#
# Environment:
#   SLURMDESK_PODMAN_STATE   state folder (default /tmp/slurmdesk-podman): containers.conf, rootfs
set -euo pipefail
# shellcheck source=SCRIPTDIR/aptPackages.sh
source "$(dirname "${BASH_SOURCE[0]}")/aptPackages.sh"

STATE="${SLURMDESK_PODMAN_STATE:-/tmp/slurmdesk-podman}"
IMAGE=localhost/slurmdesk-python:3.11
PACKAGES=(podman runc uidmap)
LIBRARIES=(libc.so.6 libm.so.6 libz.so.1 libexpat.so.1 libtinfo.so.6 ld-linux-x86-64.so.2)

die() {
  printf 'podman.sh: error: %s\n' "$*" >&2
  exit 1
}

cmd_install() { install_debian_packages podman.sh "${PACKAGES[@]}"; }

write_config() {
  mkdir -p "$STATE"
  cat >"$STATE/containers.conf" <<'CONF'
[containers]
default_ulimits = []

[engine]
runtime = "runc"
cgroup_manager = "cgroupfs"
events_logger = "file"
CONF
}

build_rootfs() {
  local root="$STATE/rootfs" lib
  rm -rf "$root"
  mkdir -p "$root/usr/bin" "$root/usr/lib/x86_64-linux-gnu" "$root/usr/lib64" "$root/tmp"
  cp -a /usr/bin/python3.11 /usr/bin/bash /usr/bin/dash "$root/usr/bin/"
  ln -s python3.11 "$root/usr/bin/python3"
  ln -s dash "$root/usr/bin/sh"
  cp -a /usr/lib/python3.11 "$root/usr/lib/"
  rm -rf "$root/usr/lib/python3.11/test"
  for lib in "${LIBRARIES[@]}"; do cp -L "/lib/x86_64-linux-gnu/$lib" "$root/usr/lib/x86_64-linux-gnu/"; done
  ln -s ../lib/x86_64-linux-gnu/ld-linux-x86-64.so.2 "$root/usr/lib64/ld-linux-x86-64.so.2"
  ln -s usr/bin "$root/bin"
  ln -s usr/lib "$root/lib"
  ln -s usr/lib64 "$root/lib64"
  chmod 1777 "$root/tmp"
}

cmd_image() {
  [[ $EUID -eq 0 ]] || die "must run as root (the test jobs run as root under the local Slurm)"
  command -v podman >/dev/null || die "podman is not installed; run: bash test/daemons/podman.sh install"
  [[ -x /usr/bin/python3.11 ]] || die "/usr/bin/python3.11 is missing: the image is made of this machine's own Python"
  write_config
  export CONTAINERS_CONF="$STATE/containers.conf"
  if ! podman image exists "$IMAGE"; then
    build_rootfs
    tar -C "$STATE/rootfs" -c . | podman import --quiet - "$IMAGE" >/dev/null
    rm -rf "$STATE/rootfs"
  fi
  printf 'CONTAINERS_CONF=%s\nIMAGE=%s\n' "$CONTAINERS_CONF" "$IMAGE"
}

case "${1:-}" in
  install) cmd_install ;;
  image) cmd_image ;;
  *)
    sed -n '2,5p' "$0" | sed 's/^# \{0,1\}//' >&2
    exit 2
    ;;
esac
