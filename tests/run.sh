#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-or-later
# The README's second command, and what CI runs: installs what the tests
# need, builds the plugin, checks the catalogue and runs the tests against
# the real tshark with the fresh build (not the installed one).
set -euo pipefail
cd "$(dirname "$0")/.."

packaging/deps.sh test
cmake -S . -B build -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
cmake --build build -j"$(nproc)"
./build/catalog_check
./build/split_check
./build/suite_check
./build/flow_check
./build/tcpsteps_check
# The whole suite, unless the arguments name test files or folders.
where=(tests)
for arg in "$@"; do [[ "$arg" == tests/* ]] && where=(); done
TLSTUTOR_SO="$PWD/build/tlstutor.so" /usr/bin/python3 -m pytest -q "${where[@]}" "$@"
