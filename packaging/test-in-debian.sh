#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-or-later
# Runs the whole test suite, and the Debian package check, with another Debian
# release's real Wireshark: in a root filesystem of that release made with
# debootstrap from Debian's archive, the project copied in, the README's test
# command (tests/run.sh) run inside as root, then packaging/build-deb.sh and
# packaging/check-deb.sh (a .deb built there, installed, checked, purged), and
# the short fuzzing run of tests/robustness/run.sh with an ASan+UBSan build.
#
# Usage: packaging/test-in-debian.sh RELEASE [pytest arguments ...]
#   RELEASE   trixie (Debian 13, Wireshark 4.4), forky (testing, 4.6),
#             bookworm (Debian 12, 4.0; CI runs 4.0 on the machine itself)
# Environment:
#   TLSTUTOR_ROOTS  where the root filesystems are kept (default /var/tmp/tlstutor-debian);
#                   one made before is reused (apt-get upgrade inside), so a
#                   developer pays debootstrap once
#   DEBIAN_MIRROR   default http://deb.debian.org/debian
#   NO_DEB=1        skip the package check
#   NO_FUZZ=1       skip the fuzzed captures through the ASan+UBSan build
# With pytest arguments, only the suite runs (with those arguments).
# Needs root (debootstrap, chroot, mounts) and debootstrap.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD

release=${1:?usage: $0 trixie|forky|bookworm [pytest arguments]}
shift
mirror=${DEBIAN_MIRROR:-http://deb.debian.org/debian}
roots=${TLSTUTOR_ROOTS:-/var/tmp/tlstutor-debian}
dir=$roots/$release
start=$(date +%s)

[ "$(id -u)" -eq 0 ] || { echo "$0 makes a root filesystem and chroots: run it as root" >&2; exit 1; }
case "$release" in
  bookworm|trixie) script=$release ;;
  # Debian 12's debootstrap has no forky script; sid's is the same.
  forky|sid) script=/usr/share/debootstrap/scripts/sid ;;
  *) echo "unknown release: $release (trixie, forky or bookworm)" >&2; exit 2 ;;
esac
command -v debootstrap >/dev/null || {
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends debootstrap >/dev/null; }

mounted=()
cleanup() {
  for ((i=${#mounted[@]}-1; i>=0; i--)); do umount -l "${mounted[$i]}" 2>/dev/null || true; done
}
trap cleanup EXIT
mount_in() {   # mount_in SOURCE TARGET [options]
  mkdir -p "$2"
  mountpoint -q "$2" && umount -l "$2"
  mount "${@:3}" "$1" "$2"
  mounted+=("$2")
}
in_root() {
  chroot "$dir" /usr/bin/env -i PATH=/usr/sbin:/usr/bin:/sbin:/bin HOME=/root LANG=C.UTF-8 \
    DEBIAN_FRONTEND=noninteractive CI="${CI:-}" "$@"
}

# --- the root filesystem ------------------------------------------------------
if [ ! -f "$dir/.tlstutor-ready" ]; then
  echo "== debootstrap $release into $dir"
  rm -rf "$dir"
  mkdir -p "$roots"
  debootstrap --variant=minbase "$release" "$dir" "$mirror" "$script" >"$roots/$release.debootstrap.log" 2>&1 || {
    tail -n 30 "$roots/$release.debootstrap.log" >&2; exit 1; }
  # testing and sid's Release files can be past their Valid-Until date.
  echo 'Acquire::Check-Valid-Until "false";' > "$dir/etc/apt/apt.conf.d/99tlstutor"
  touch "$dir/.tlstutor-ready"
fi
cp /etc/resolv.conf "$dir/etc/resolv.conf" 2>/dev/null || true
mount_in proc "$dir/proc" -t proc
mount_in /dev "$dir/dev" --bind
mount_in devpts "$dir/dev/pts" -t devpts
echo "== $release: apt-get update"
in_root apt-get update -qq
in_root apt-get upgrade -y -qq >/dev/null

# --- the project, as it is in this working tree (committed or not) -----------
rm -rf "$dir/src"
mkdir -p "$dir/src"
git ls-files -z --cached --others --exclude-standard \
  | tar -C "$ROOT" --null -T - --ignore-failed-read -cf - 2>/dev/null | tar -C "$dir/src" -xf -
echo "   copied the working tree into $dir/src ($(du -sh "$dir/src" | cut -f1))"

# --- the README's test command, then the package -----------------------------
status=0
in_root bash -c 'cd /src && packaging/deps.sh test >/dev/null && echo "== $(. /etc/os-release; echo "$PRETTY_NAME"): $(tshark --version | head -n1)"'
in_root bash -c 'cd /src && exec tests/run.sh "$@"' tests "$@" || status=$?
if [ $# -eq 0 ] && [ "${NO_DEB:-0}" != 1 ]; then
  in_root apt-get purge -y -qq wireshark-tlstutor >/dev/null 2>&1 || true   # left by an interrupted run
  in_root bash -c 'cd /src && packaging/build-deb.sh >/dev/null && packaging/check-deb.sh' || status=1
fi
# Never harm this version's Wireshark: the bundled captures, whole and
# corrupted, through tshark -V with an ASan+UBSan build (the short run, as on 4.0).
if [ $# -eq 0 ] && [ "${NO_FUZZ:-0}" != 1 ]; then
  in_root bash -c 'cd /src && tests/robustness/run.sh --asan' || status=1
fi
echo "== $release: $( [ $status = 0 ] && echo passed || echo FAILED ) in $(( $(date +%s) - start )) s"
exit $status
