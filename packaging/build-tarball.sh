#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-or-later
# The source tarball: wireshark-tlstutor-<version>.tar.gz of the committed
# tree (git archive), named after project(VERSION) in CMakeLists.txt, which
# is also the version tshark -G plugins shows.
set -euo pipefail
cd "$(dirname "$0")/.."

version=$(sed -n 's/^project(tlstutor VERSION \([0-9.]*\).*/\1/p' CMakeLists.txt)
[ -n "$version" ] || { echo "no version in CMakeLists.txt" >&2; exit 1; }
mkdir -p build-dist
out=build-dist/wireshark-tlstutor-$version.tar.gz
git archive --format=tar.gz --prefix="wireshark-tlstutor-$version/" -o "$out" HEAD
echo "$out"
# grep reads all of it: with pipefail, an early exit would kill tar with SIGPIPE.
tar -tzf "$out" | grep -x "wireshark-tlstutor-$version/CHANGELOG.md" >/dev/null
