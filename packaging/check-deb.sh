#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-or-later
# Tests the Debian package on this machine, as root: installs it with apt-get,
# checks that tshark (as root, so from the system plugin folder only) loads
# tlstutor.so and that the tutor works on a bundled capture, then purges the
# package and checks that no tlstutor.so is left under /usr/lib.
#   packaging/check-deb.sh [file.deb]   (default: build-deb/wireshark-tlstutor_*.deb,
#                                         built by packaging/build-deb.sh if absent)
# It refuses to run, and changes nothing, when a tlstutor.so that the package
# does not own is already under /usr/lib (installed by hand with
# `cmake --install` or packaging/setup.sh), or when the package is already
# installed: removing them is left to you, with the command to do it.
set -euo pipefail
cd "$(dirname "$0")/.."
PKG=wireshark-tlstutor

if [ "$(id -u)" -ne 0 ]; then
  echo "check-deb.sh installs and removes a package: run it as root (sudo $0 $*)" >&2
  exit 1
fi

deb=${1:-}
if [ -z "$deb" ]; then
  deb=$(ls build-deb/${PKG}_*.deb 2>/dev/null | head -n1 || true)
  if [ -z "$deb" ]; then
    packaging/build-deb.sh
    deb=$(ls build-deb/${PKG}_*.deb | head -n1)
  fi
fi
deb=$(realpath "$deb")
[ "$(dpkg-deb --field "$deb" Package)" = "$PKG" ] || { echo "$deb is not a $PKG package" >&2; exit 1; }

fail() { echo "FAIL: $*" >&2; exit 1; }
pass() { echo "ok: $*"; }

# Where the package puts the plugin (read from the package itself).
so_path=$(dpkg-deb --contents "$deb" | awk '{print $6}' | sed 's|^\./|/|' | grep '/tlstutor\.so$')
[ -n "$so_path" ] || fail "$deb holds no tlstutor.so"
echo "== $deb"
echo "   puts the plugin in $so_path"

# --- refuse to touch what is not ours ---------------------------------------
installed() { dpkg-query -W -f='${Status}' "$PKG" 2>/dev/null | grep -q 'install ok installed'; }
if installed || dpkg-query -W -f='${Status}' "$PKG" 2>/dev/null | grep -q 'config-files'; then
  echo "REFUSED: $PKG is already on this system ($(dpkg-query -W -f='${Version} ${Status}' "$PKG"))." >&2
  echo "This check installs the package and purges it at the end; purge it first:" >&2
  echo "    apt-get purge $PKG" >&2
  exit 2
fi
strays=()
while IFS= read -r f; do
  dpkg -S "$f" >/dev/null 2>&1 || strays+=("$f")
done < <(find /usr/lib -name tlstutor.so 2>/dev/null)
if [ ${#strays[@]} -gt 0 ]; then
  echo "REFUSED: tlstutor.so installed by hand (owned by no package):" >&2
  printf '    %s\n' "${strays[@]}" >&2
  echo "It was probably installed with 'cmake --install build' or packaging/setup.sh." >&2
  echo "The package would overwrite it and purging would delete it, so this check" >&2
  echo "changes nothing. Remove it yourself, then run this check again:" >&2
  for f in "${strays[@]}"; do echo "    rm '$f'" >&2; done
  [ -f build/install_manifest.txt ] && \
    echo "(or, if build/install_manifest.txt names it: xargs -d '\\n' rm -v < build/install_manifest.txt)" >&2
  exit 2
fi

# --- install ----------------------------------------------------------------
export DEBIAN_FRONTEND=noninteractive
apt_opts=(-y -q -o DPkg::Lock::Timeout=300)
command -v tshark >/dev/null || apt-get install "${apt_opts[@]}" --no-install-recommends tshark

we_installed=0
cleanup() {
  # Leave the system as found, also when a check below fails.
  if [ "$we_installed" = 1 ] && dpkg-query -W "$PKG" >/dev/null 2>&1; then
    apt-get purge "${apt_opts[@]}" "$PKG" >/dev/null 2>&1 || true
  fi
}
trap cleanup EXIT

echo "== apt-get install ./$(basename "$deb")"
we_installed=1
(cd "$(dirname "$deb")" && apt-get install "${apt_opts[@]}" "./$(basename "$deb")") 2>&1 \
  | { grep -vE '^(Reading|Building|Note, selecting|debconf: delaying|\(Reading database)' || true; } | sed 's/^/   /'
installed || fail "$PKG is not installed after apt-get install"
dpkg -S "$so_path" | grep -q "^$PKG:" || fail "$so_path is not owned by $PKG"
pass "$PKG $(dpkg-query -W -f='${Version}' "$PKG") installed, owns $so_path"
pass "depends on: $(dpkg-query -W -f='${Depends}' "$PKG")"
grep -q '^License: GPL-2.0-or-later' /usr/share/doc/$PKG/copyright || fail "no copyright file naming GPL-2.0-or-later"
pass "/usr/share/doc/$PKG/copyright: GPL-2.0-or-later"

# --- tshark as root: only the system plugin folder counts --------------------
home=$(mktemp -d)   # no preferences of root's
trap 'cleanup; rm -rf "$home"' EXIT
ts() { env HOME="$home" TZ=UTC LANG=C.UTF-8 tshark "$@"; }

line=$(ts -G plugins 2>/dev/null | grep -F tlstutor.so || true)
[ -n "$line" ] || fail "tshark -G plugins does not list tlstutor.so"
echo "$line" | grep -qF "$so_path" || fail "tshark loads tlstutor.so from elsewhere: $line"
pass "tshark -G plugins: $(echo "$line" | tr '\t' ' ')"

out=$(ts -r pcaps/tls12-ecdhe-rsa.pcapng -Y 'tlstutor.step == 3' 2>&1 | { grep -v '^Running as user "root"' || true; })
echo "   \$ tshark -r pcaps/tls12-ecdhe-rsa.pcapng -Y 'tlstutor.step == 3'"
echo "$out" | sed 's/^/   /'
echo "$out" | awk '$1 == 6 { found = 1 } END { exit !found }' || fail "frame 6 not printed"
pass "the tutor shows step 3 (the server's Certificate) in frame 6"

# --- purge --------------------------------------------------------------------
echo "== apt-get purge $PKG"
apt-get purge "${apt_opts[@]}" "$PKG" 2>&1 | { grep -vE '^(Reading|Building|\(Reading database)' || true; } | sed 's/^/   /'
we_installed=0
dpkg-query -W "$PKG" >/dev/null 2>&1 && fail "$PKG is still known to dpkg after purge"
left=$(find /usr/lib -name tlstutor.so 2>/dev/null)
[ -z "$left" ] || fail "tlstutor.so left after purge: $left"
[ ! -e /usr/share/doc/$PKG ] || fail "/usr/share/doc/$PKG left after purge"
ts -G plugins 2>/dev/null | grep -qF tlstutor.so && fail "tshark still loads tlstutor.so"
pass "purged: no tlstutor.so under /usr/lib, no /usr/share/doc/$PKG, tshark loads no tutor"
echo
echo "check-deb: all checks passed"
