#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-or-later
# Checks plugin/seqana.h (the Flow Graph's structs, which no Wireshark
# version installs) against the real epan/sequence_analysis.h of the
# installed Wireshark: downloads the matching Debian source package with a
# private apt configuration, takes that one header out of it, and compiles a
# probe that asserts, field by field, the same offset and size in both.
#
# seqana.h declares 4.0's, 4.4's and 4.6's layouts, and the probe knows the
# fields of each (4.4's occurrence[], 4.6's free_info_ptr), but it can only
# run where Debian's source package of the installed version can be
# downloaded: on Debian 12 (4.0.17) it can; the mirror this project reaches
# has no source package of trixie's 4.4 or sid's/forky's 4.6 (the Sources
# lists name them, the files are missing), so for those this script fails
# (or, with SKIP_IF_OFFLINE=1, says skipped). For 4.4 and 4.6,
# packaging/build-other-versions.sh compares the structs' sizes with what
# Debian's libwireshark allocates, and plugin/seqana.h says how the rest of
# their layout was checked.
#
# Usage: packaging/check-seqana-layout.sh
# Environment: SKIP_IF_OFFLINE=1 exits 0 ("skipped") when the archive cannot
# be reached; DEBIAN_MIRROR (default http://deb.debian.org/debian).
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD

mirror=${DEBIAN_MIRROR:-http://deb.debian.org/debian}
keyring=/usr/share/keyrings/debian-archive-keyring.gpg
suite=$(. /etc/os-release && echo "${VERSION_CODENAME:-bookworm}")
lib=$(dpkg-query -W -f '${Package}\n' 'libwireshark[0-9]*' 2>/dev/null | grep -v dev | head -n1)
version=$(dpkg-query -W -f '${source:Version}' "$lib")
inc=$(pkg-config --variable=includedir wireshark)/wireshark
echo "== Flow Graph declarations (plugin/seqana.h) against Wireshark $version's sequence_analysis.h"

work=$(mktemp -d "${TMPDIR:-/tmp}/tlstutor-seqana.XXXXXX")
trap 'rm -rf "$work"' EXIT
mkdir -p "$work"/etc/sources.list.d "$work"/state/lists/partial "$work"/cache/archives/partial \
         "$work"/src "$work"/probe/epan
echo "deb-src [signed-by=$keyring] $mirror $suite main" > "$work/etc/sources.list"
: > "$work/state/status"
apt_opts=(-o "Dir::Etc::SourceList=$work/etc/sources.list"
          -o "Dir::Etc::SourceParts=$work/etc/sources.list.d"
          -o "Dir::State=$work/state" -o "Dir::State::status=$work/state/status"
          -o "Dir::Cache=$work/cache" -o "Acquire::Languages=none"
          -o "Acquire::Retries=1" -o "Acquire::http::Timeout=20" -o "APT::Sandbox::User=root")

offline() {
  if [ "${SKIP_IF_OFFLINE:-0}" = 1 ]; then echo "skipped: archive unreachable ($mirror): $1"; exit 0; fi
  echo "error: archive unreachable ($mirror): $1" >&2; exit 1
}
apt-get "${apt_opts[@]}" -q update >"$work/update.log" 2>&1 || offline "apt-get update failed"
(cd "$work/src" && apt-get "${apt_opts[@]}" -q source --download-only "wireshark=$version" \
   >"$work/source.log" 2>&1) || { sed 's/^/   /' "$work/source.log" >&2; offline "no source for wireshark=$version"; }
orig=$(ls "$work"/src/wireshark_*.orig.tar.* | head -n1)
tar -xOf "$orig" --wildcards '*/epan/sequence_analysis.h' > "$work/probe/epan/sequence_analysis.h"
# It includes wsutil/file_util.h, which libwsutil-dev does not install either.
mkdir -p "$work/probe/wsutil"
tar -xOf "$orig" --wildcards '*/wsutil/file_util.h' > "$work/probe/wsutil/file_util.h"
echo "   headers: epan/sequence_analysis.h, wsutil/file_util.h from $(basename "$orig")"

# The real header first; then seqana.h under other names, so both can be compared.
cat > "$work/probe/probe.c" <<'EOF'
#include <stddef.h>
#include "epan/sequence_analysis.h"
typedef seq_analysis_item_t real_item;
typedef seq_analysis_info_t real_info;
#define _seq_analysis_item tt_item_s
#define seq_analysis_item_t tt_item
#define _seq_analysis_info tt_info_s
#define seq_analysis_info_t tt_info
#define register_seq_analysis tt_register_seq_analysis
#define sequence_analysis_create_sai_with_addresses tt_create_sai
#define _ga_info_type tt_ga_info_type_s
#define ga_info_type tt_ga_info_type
#define GA_INFO_TYPE_NONE TT_GA_INFO_TYPE_NONE
#define GA_INFO_TYPE_RTP TT_GA_INFO_TYPE_RTP
#define ga_info_ptr_free_cb tt_ga_info_ptr_free_cb
#include "seqana.h"
#ifndef TT_HAVE_SEQANA
#error seqana.h gives no declarations for this version
#endif
#define SAME(a, b, f) _Static_assert(offsetof(a, f) == offsetof(b, f) && \
    sizeof(((a *)0)->f) == sizeof(((b *)0)->f), #a "." #f " differs")
SAME(real_item, tt_item, frame_number); SAME(real_item, tt_item, src_addr);
SAME(real_item, tt_item, port_src);     SAME(real_item, tt_item, dst_addr);
SAME(real_item, tt_item, port_dst);     SAME(real_item, tt_item, frame_label);
SAME(real_item, tt_item, time_str);     SAME(real_item, tt_item, comment);
SAME(real_item, tt_item, conv_num);     SAME(real_item, tt_item, fg_color);
SAME(real_item, tt_item, bg_color);     SAME(real_item, tt_item, has_color_filter);
SAME(real_item, tt_item, display);      SAME(real_item, tt_item, src_node);
SAME(real_item, tt_item, dst_node);     SAME(real_item, tt_item, line_style);
SAME(real_item, tt_item, info_type);    SAME(real_item, tt_item, info_ptr);
_Static_assert(sizeof(real_item) == sizeof(tt_item), "seq_analysis_item_t size differs");
SAME(real_info, tt_info, name);  SAME(real_info, tt_info, any_addr);
SAME(real_info, tt_info, nconv); SAME(real_info, tt_info, items);
SAME(real_info, tt_info, ht);    SAME(real_info, tt_info, nodes);
SAME(real_info, tt_info, num_nodes);
#if WIRESHARK_VERSION_MAJOR > 4 || WIRESHARK_VERSION_MINOR >= 4
SAME(real_info, tt_info, occurrence);
#endif
#if WIRESHARK_VERSION_MAJOR > 4 || WIRESHARK_VERSION_MINOR >= 6
SAME(real_item, tt_item, free_info_ptr);
#endif
_Static_assert(sizeof(real_info) == sizeof(tt_info), "seq_analysis_info_t size differs");
int main(void) { return 0; }
EOF
if ${CC:-cc} -std=gnu11 -fsyntax-only -Wall -Werror -I"$work/probe" -I"$inc" -I"$inc/epan" \
     -I"$ROOT/plugin" $(pkg-config --cflags glib-2.0) "$work/probe/probe.c" 2>"$work/probe.log"; then
  echo "   OK: every field of seq_analysis_item_t and seq_analysis_info_t has the same offset and size"
else
  sed 's/^/   /' "$work/probe.log" >&2
  echo "error: plugin/seqana.h does not match Wireshark $version" >&2
  exit 1
fi
