#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-or-later
# Compiles and link-checks the plugin against other Wireshark versions than
# the installed one, without installing anything on the system:
#   - a private apt configuration (its own sources.list naming Debian trixie
#     and sid, its own state and cache folders, in a temporary folder) fetches
#     the package lists and downloads libwireshark-dev, libwsutil-dev,
#     libwiretap-dev and their runtime libraries (libwiresharkNN, libwsutilNN,
#     libwiretapNN) of each suite;
#   - dpkg-deb -x unpacks them into build/ws-X.Y (X.Y = the version found);
#   - every plugin/*.c is compiled with -Wall -Wextra -Werror against those
#     headers (and the system's GLib headers) and linked with
#     -Wl,--no-undefined against the unpacked libwireshark and libwsutil,
#     giving build/ws-X.Y/tlstutor.so;
#   - where plugin/seqana.h declares the Flow Graph's structs for X.Y, their
#     sizes are compared with what the unpacked libwireshark allocates for
#     them (the constant passed to g_malloc0 in
#     sequence_analysis_create_sai_with_addresses and
#     sequence_analysis_info_new, read with objdump; x86-64 only). No Debian
#     source package of 4.4 or 4.6 is reachable for packaging/
#     check-seqana-layout.sh's field-by-field check; this catches a field
#     added or removed, not fields reordered within the same size.
#
# Usage: packaging/build-other-versions.sh [suite ...]   (default: trixie sid)
# Environment:
#   SKIP_IF_OFFLINE=1   exit 0 with "skipped: archive unreachable" when the
#                       Debian archive cannot be reached (otherwise exit 1)
#   DEBIAN_MIRROR       default http://deb.debian.org/debian
#   CC                  default cc
#
# The built .so files are for compile and link checks: each one is built
# against the system's GLib and glibc, not the target suite's.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD

suites=("$@")
[ ${#suites[@]} -gt 0 ] || suites=(trixie sid)
mirror=${DEBIAN_MIRROR:-http://deb.debian.org/debian}
keyring=/usr/share/keyrings/debian-archive-keyring.gpg
CC=${CC:-cc}
arch=$(dpkg --print-architecture)
multiarch=$(dpkg-architecture -qDEB_HOST_MULTIARCH 2>/dev/null || echo x86_64-linux-gnu)
start=$(date +%s)

for tool in apt-get apt-cache dpkg-deb "$CC" pkg-config; do
  command -v "$tool" >/dev/null || { echo "missing tool: $tool" >&2; exit 1; }
done
pkg-config --exists glib-2.0 || { echo "missing GLib headers: apt-get install libglib2.0-dev" >&2; exit 1; }

# --- the private apt configuration ------------------------------------------
apt_dir=$(mktemp -d "${TMPDIR:-/tmp}/tlstutor-apt.XXXXXX")
trap 'rm -rf "$apt_dir"' EXIT
mkdir -p "$apt_dir"/etc/sources.list.d "$apt_dir"/etc/preferences.d \
         "$apt_dir"/state/lists/partial "$apt_dir"/cache/archives/partial "$apt_dir"/debs
for s in "${suites[@]}"; do
  echo "deb [arch=$arch signed-by=$keyring] $mirror $s main"
done > "$apt_dir/etc/sources.list"
apt_opts=(-o "Dir::Etc::SourceList=$apt_dir/etc/sources.list"
          -o "Dir::Etc::SourceParts=$apt_dir/etc/sources.list.d"
          -o "Dir::Etc::PreferencesParts=$apt_dir/etc/preferences.d"
          -o "Dir::Etc::Preferences=$apt_dir/etc/preferences"
          -o "Dir::State=$apt_dir/state"
          -o "Dir::State::status=$apt_dir/state/status"
          -o "Dir::Cache=$apt_dir/cache"
          -o "Acquire::Languages=none"
          -o "Acquire::Retries=1"
          -o "Acquire::http::Timeout=20"
          -o "APT::Sandbox::User=root")
: > "$apt_dir/state/status"   # an empty dpkg status: nothing counts as installed

# What apt prints when it cannot reach the archive at all.
unreachable='Could not (connect|resolve)|Unable to connect|Temporary failure resolving|Connection (timed out|failed|refused)|Network is unreachable|No route to host'
offline() {
  if [ "${SKIP_IF_OFFLINE:-0}" = 1 ]; then
    echo "skipped: archive unreachable ($mirror): $1"
    exit 0
  fi
  echo "error: archive unreachable ($mirror): $1" >&2
  echo "(set SKIP_IF_OFFLINE=1 to skip instead of failing)" >&2
  exit 1
}

echo "== Fetching package lists of ${suites[*]} from $mirror (private apt configuration in $apt_dir)"
if ! apt-get "${apt_opts[@]}" -q update >"$apt_dir/update.log" 2>&1 \
   || grep -qE '^(E:|W: Failed to fetch|Err:)' "$apt_dir/update.log"; then
  sed 's/^/   /' "$apt_dir/update.log" >&2
  grep -qE "$unreachable" "$apt_dir/update.log" && offline "apt-get update could not connect"
  echo "error: apt-get update failed (not a connection problem)" >&2
  exit 1
fi

# The version of a package in a suite ("" when absent).
version_of() {
  apt-cache "${apt_opts[@]}" show "$1/$2" 2>/dev/null | sed -n 's/^Version: //p' | head -n1
}
# The runtime library a -dev package pins with (= version): libwsutil-dev -> libwsutil16.
runtime_of() {
  apt-cache "${apt_opts[@]}" show "$1/$2" 2>/dev/null | sed -n 's/^Depends: //p' | head -n1 \
    | tr ',' '\n' | sed -n 's/^ *\(lib[a-z0-9]*\) *(= .*/\1/p' | head -n1
}

declare -A result_version result_warnings result_link result_dir result_strict result_seqana

# The size a function of a shared library passes to g_malloc0 ("" when not
# exactly one constant is found): x86-64 code, `mov edi,0xNN` before the call.
alloc_size() {
  local lib=$1 sym=$2 addr size
  command -v objdump >/dev/null || return 0
  read -r addr size < <(nm -D --defined-only -S "$lib" | awk -v s="$sym" '$4 == s {print $1, $2}')
  [ -n "$addr" ] && [ -n "$size" ] || return 0
  objdump -d --no-show-raw-insn -M intel --start-address=$((16#$addr)) \
          --stop-address=$((16#$addr + 16#$size)) "$lib" 2>/dev/null \
    | grep -B1 'call.*<g_malloc0@plt>' | sed -nE 's/.*mov +edi,(0x[0-9a-f]+)$/\1/p' \
    | sort -u | awk 'NR == 1 {v = $0} END {if (NR == 1) print v}'
}
built=()
status=0

for suite in "${suites[@]}"; do
  ver=$(version_of libwireshark-dev "$suite")
  [ -n "$ver" ] || { echo "error: no libwireshark-dev in $suite" >&2; status=1; continue; }
  mm=$(echo "$ver" | sed -E 's/^([0-9]+:)?([0-9]+\.[0-9]+).*/\2/')
  dest="$ROOT/build/ws-$mm"
  echo
  echo "== $suite: Wireshark $ver -> build/ws-$mm"

  pkgs=(libwireshark-dev libwsutil-dev libwiretap-dev)
  for dev in libwireshark-dev libwsutil-dev libwiretap-dev; do
    lib=$(runtime_of "$dev" "$suite")
    [ -n "$lib" ] || { echo "error: cannot tell the runtime library of $dev/$suite" >&2; exit 1; }
    pkgs+=("$lib")
  done
  echo "   packages: ${pkgs[*]}"

  debs="$apt_dir/debs/$suite"
  mkdir -p "$debs"
  if ! (cd "$debs" && apt-get "${apt_opts[@]}" -q download "${pkgs[@]/%//$suite}" >"$debs.log" 2>&1); then
    sed 's/^/   /' "$debs.log" >&2
    grep -qE "$unreachable" "$debs.log" && offline "apt-get download could not connect"
    echo "error: apt-get download failed for $suite" >&2
    exit 1
  fi

  rm -rf "$dest"
  mkdir -p "$dest"
  for deb in "$debs"/*.deb; do
    dpkg-deb -x "$deb" "$dest"
    echo "   unpacked $(basename "$deb")"
  done

  inc="$dest/usr/include/wireshark"
  libdir="$dest/usr/lib/$multiarch"
  [ -f "$inc/wireshark.h" ] || { echo "error: $inc/wireshark.h missing" >&2; exit 1; }
  hdr_major=$(sed -n 's/^#define WIRESHARK_VERSION_MAJOR \([0-9]*\).*/\1/p' "$inc/ws_version.h")
  hdr_minor=$(sed -n 's/^#define WIRESHARK_VERSION_MINOR \([0-9]*\).*/\1/p' "$inc/ws_version.h")

  # --- compile every plugin/*.c ----------------------------------------------
  obj="$dest/obj"
  mkdir -p "$obj"
  log="$dest/compile.log"
  : > "$log"
  plugin_version=$(sed -n 's/^project(tlstutor VERSION \([0-9.]*\).*/\1/p' CMakeLists.txt)
  cflags=(-std=gnu11 -O2 -g -fPIC -fvisibility=hidden -Wall -Wextra -Werror
          "-DTLSTUTOR_VERSION=\"$plugin_version\"" -Iplugin -I"$inc"
          $(pkg-config --cflags glib-2.0))
  compiled=1
  for src in plugin/*.c; do
    o="$obj/$(basename "${src%.c}").o"
    if ! "$CC" "${cflags[@]}" -c "$src" -o "$o" >>"$log" 2>&1; then
      compiled=0
    fi
  done
  warnings=$(grep -c 'warning:\|error:' "$log" || true)
  if [ "$compiled" = 0 ]; then
    echo "   compile FAILED (-Werror), $warnings diagnostics:"
    sed 's/^/     /' "$log"
    result_version[$suite]=$ver; result_dir[$suite]="build/ws-$mm"
    result_warnings[$suite]="$warnings (failed)"; result_link[$suite]="not reached"
    status=1
    continue
  fi
  echo "   compiled $(ls plugin/*.c | wc -l) files with -Wall -Wextra -Werror: $warnings warnings"

  # --- link with --no-undefined against the unpacked libraries ----------------
  # Every symbol the plugin uses must be defined by the unpacked libwireshark /
  # libwsutil (or the system's GLib and libc): -Wl,--no-undefined.
  # The unpacked libraries' own references are not checked
  # (-Wl,--allow-shlib-undefined, ld's default for -shared, written out): they
  # need the target suite's newer glibc and GLib and libraries this system
  # lacks. A second, strict link (--no-allow-shlib-undefined) below shows
  # that, and that none of its errors comes from the plugin's own objects.
  linklog="$dest/link.log"
  so="$dest/tlstutor.so"
  rm -f "$so"
  libs=("$libdir/libwireshark.so" "$libdir/libwsutil.so" $(pkg-config --libs glib-2.0 gmodule-2.0))
  if "$CC" -shared -o "$so" "$obj"/*.o -Wl,--no-undefined -Wl,--allow-shlib-undefined \
       -Wl,-rpath-link,"$libdir" "${libs[@]}" >"$linklog" 2>&1; then
    link="ok (--no-undefined)"
    [ -s "$linklog" ] && link="ok, $(wc -l <"$linklog") linker messages in $linklog"
  else
    link="FAILED"
    sed 's/^/     /' "$linklog"
    status=1
  fi
  echo "   link: $link"

  strictlog="$dest/link-strict.log"
  if "$CC" -shared -o "$dest/strict.so" "$obj"/*.o -Wl,--no-undefined -Wl,--no-allow-shlib-undefined \
       -Wl,-rpath-link,"$libdir" "${libs[@]}" >"$strictlog" 2>&1; then
    strict="ok"
  else
    # Undefined references reported against one of our objects, not a library.
    ours=$(grep 'undefined reference' "$strictlog" | grep -vcE '\.so[.0-9]*: undefined reference' || true)
    vers=$(grep -oE "undefined reference to \`[^']*@[A-Z0-9_.]+'" "$strictlog" \
           | sed -E "s/.*@([A-Z0-9_.]+)'$/\1/" | sort -u | xargs)
    missing=$(sed -nE 's/.*warning: ([^ ,]+), needed by .* not found.*/\1/p' "$strictlog" | sort -u | xargs)
    glibsyms=$(grep -oE "undefined reference to \`g_[a-z0-9_]+'" "$strictlog" \
               | sed -E "s/.*\`(g_[a-z0-9_]+)'/\1/" | sort -u | xargs)
    if [ "$ours" = 0 ]; then
      strict="fails only inside the Debian libraries (unresolved symbol versions: ${vers:-none}; GLib symbols newer than this system's GLib $(pkg-config --modversion glib-2.0): ${glibsyms:-none}; libraries not on this system: ${missing:-none})"
    else
      strict="FAILED in the plugin's own objects ($ours undefined references, see $strictlog)"
      status=1
    fi
  fi
  rm -f "$dest/strict.so"
  echo "   strict link (--no-allow-shlib-undefined): $strict"

  # --- the Flow Graph's structs: seqana.h's sizes against the library's ------
  # (grep without -q: it reads all of cc's output, so no SIGPIPE under pipefail)
  if ! "$CC" "${cflags[@]}" -E -dM plugin/seqana.h 2>/dev/null | grep '^#define TT_HAVE_SEQANA ' >/dev/null; then
    seqana="not declared for $hdr_major.$hdr_minor (no Flow Graph)"; seqana_short="none"
  else
    item=$(alloc_size "$libdir/libwireshark.so" sequence_analysis_create_sai_with_addresses)
    info=$(alloc_size "$libdir/libwireshark.so" sequence_analysis_info_new)
    if [ -z "$item" ] || [ -z "$info" ]; then
      seqana="not checked (no single g_malloc0 size found with objdump)"; seqana_short="unchecked"
    else
      probe="$dest/seqana-probe.c"
      printf '%s\n' '#include "seqana.h"' \
        "_Static_assert(sizeof(seq_analysis_item_t) == $item, \"seq_analysis_item_t: libwireshark allocates $item\");" \
        "_Static_assert(sizeof(seq_analysis_info_t) == $info, \"seq_analysis_info_t: libwireshark allocates $info\");" \
        > "$probe"
      if "$CC" "${cflags[@]}" -fsyntax-only "$probe" >"$dest/seqana.log" 2>&1; then
        seqana="ok (seq_analysis_item_t $item, seq_analysis_info_t $info bytes, as libwireshark allocates)"
        seqana_short="sizes ok"
      else
        seqana="FAILED: plugin/seqana.h's sizes differ from libwireshark's ($item, $info):"; seqana_short="FAILED"
        seqana+=$'\n'"$(grep -E 'error' "$dest/seqana.log" | sed 's/^/     /')"
        status=1
      fi
    fi
  fi
  echo "   flow graph structs: $seqana"

  if [ -f "$so" ] && [ "$link" != FAILED ]; then
    # What the loader checks: plugin_want_major/minor and the entry points.
    syms=$(nm -D --defined-only "$so" | awk '{print $3}' | grep -E '^plugin_' | sort | xargs)
    echo "   exports: $syms"
    echo "   headers say Wireshark $hdr_major.$hdr_minor; $(nm -D --undefined-only "$so" | wc -l) imported symbols"
    built+=("$mm")
  fi
  result_version[$suite]=$ver; result_dir[$suite]="build/ws-$mm"
  result_warnings[$suite]=$warnings; result_link[$suite]=$link
  result_strict[$suite]=$(echo "$strict" | sed 's/ (.*//')
  result_seqana[$suite]=$seqana_short
done

elapsed=$(( $(date +%s) - start ))
echo
echo "== Summary"
printf '%-8s %-18s %-25s %-9s %-21s %-12s %s\n' suite version output warnings link 'flow graph' 'strict link'
for suite in "${suites[@]}"; do
  [ -n "${result_version[$suite]:-}" ] || continue
  printf '%-8s %-18s %-25s %-9s %-21s %-12s %s\n' "$suite" "${result_version[$suite]}" \
    "${result_dir[$suite]}/tlstutor.so" "${result_warnings[$suite]}" "${result_link[$suite]}" \
    "${result_seqana[$suite]:-not reached}" "${result_strict[$suite]:-not reached}"
done
echo "built: ${built[*]:-none} ($elapsed s)"
exit $status
