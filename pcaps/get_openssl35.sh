#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-or-later
# get_openssl35.sh DIR: download Debian 13 (trixie)'s OpenSSL 3.5 and the
# libraries it needs (its own C library and loader included: Debian 12's glibc
# 2.36 is too old for it) with a private apt configuration, and unpack them
# into DIR with dpkg-deb -x. Nothing is installed. Run it as
#   "$DIR/usr/lib/x86_64-linux-gnu/ld-linux-x86-64.so.2" \
#       --library-path "$DIR/usr/lib/x86_64-linux-gnu" "$DIR/usr/bin/openssl" ...
# Used by make_captures.sh for the captures whose server is OpenSSL 3.5.
set -euo pipefail
DIR=${1:?usage: get_openssl35.sh DIR}
MIRROR=${MIRROR:-http://deb.debian.org/debian}
T=$(mktemp -d /tmp/openssl35-apt.XXXXXX)
trap 'rm -rf "$T"' EXIT
mkdir -p "$T/lists/partial" "$T/cache/archives/partial" "$T/debs" "$DIR"
echo "deb $MIRROR trixie main" > "$T/sources.list"
touch "$T/status"
cat > "$T/apt.conf" <<CONF
Dir::State "$T"; Dir::State::Lists "$T/lists"; Dir::State::status "$T/status";
Dir::Cache "$T/cache"; Dir::Etc::SourceList "$T/sources.list"; Dir::Etc::SourceParts "/dev/null";
Dir::Etc::Preferences "/dev/null"; Dir::Etc::PreferencesParts "/dev/null";
Acquire::Check-Valid-Until "false"; APT::Architecture "amd64"; APT::Sandbox::User "root";
CONF
export APT_CONFIG=$T/apt.conf
apt-get -q update
(cd "$T/debs" && apt-get -q download openssl libssl3t64 libzstd1 zlib1g libc6)
for d in "$T"/debs/*.deb; do dpkg-deb -x "$d" "$DIR"; done
L=$DIR/usr/lib/x86_64-linux-gnu
"$L/ld-linux-x86-64.so.2" --library-path "$L" "$DIR/usr/bin/openssl" version
