#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-or-later
# Fuzzed captures through tshark with the plugin (issue #7): every bundled
# capture (pcaps/*.pcapng, pcaps/malformed/*.pcapng) unchanged and corrupted
# with `editcap -E RATE --seed SEED -o OFFSET`, through `tshark -V` and
# `tshark -V -2`, without and with its key log. Fails on a crash, a hang, a
# sanitizer report, or a dissector bug / malformed packet / GLib warning that
# tshark without the plugin does not show. See fuzz_tshark.py for the rules.
#
#   tests/robustness/run.sh              # short run (CI size): build/tlstutor.so
#   tests/robustness/run.sh --asan       # the same with an ASan+UBSan build (build-asan/,
#                                        #   -DTLSTUTOR_SANITIZE=address,undefined)
#   tests/robustness/run.sh --long [--asan] [--rates "0.01 0.2"] [--seeds "1 2 3"] [--offsets "0 66"]
#   tests/robustness/run.sh --seeds 7 pcaps/tls13.pcapng    # some captures only
# Failing inputs are kept in build-robustness/failures/ (failures-asan/ with
# --asan; --failures DIR), each with a repro.sh that runs the same tshark
# command again.
# As root, tshark runs as user nobody with a private plugin folder.
set -euo pipefail
cd "$(dirname "$0")/../.."

# Short (CI): each capture unchanged and 4 corrupted copies, 4 tshark runs
# each (2 without a key log): 840 runs, about 3 minutes on 2 cores with ASan,
# 1.5 without. Long: 280 corrupted copies of each capture, about 56,000 runs,
# some 2 hours (more with ASan): rates, seeds and offsets can be narrowed.
rates="0 0.005 0.03" seeds="1" offsets="0 66"
long_rates="0 0.001 0.005 0.01 0.02 0.05 0.1 0.3" long_seeds=$(seq -s ' ' 1 20)
asan=0 long=0 opts=() given_rates= given_seeds=
while [ $# -gt 0 ]; do
  case "$1" in
    --asan) asan=1 ;;
    --long) long=1 ;;
    --rates) given_rates=$2; shift ;;
    --seeds) given_seeds=$2; shift ;;
    --offsets) offsets=$2; shift ;;
    --jobs|--timeout|--failures) opts+=("$1" "$2"); shift ;;
    -h|--help) sed -n '2,17p' "$0"; exit 0 ;;
    -*) echo "unknown option $1" >&2; exit 2 ;;
    *) break ;;
  esac
  shift
done
if [ "$long" = 1 ]; then rates=$long_rates seeds=$long_seeds; fi
rates=${given_rates:-$rates} seeds=${given_seeds:-$seeds}

packaging/deps.sh test >/dev/null
if [ "$asan" = 1 ]; then
  build=build-asan
  # CMAKE_C_FLAGS emptied: older build-asan folders had the flags there.
  # gcc: fuzz_tshark.py preloads gcc's libasan and libubsan into tshark.
  cmake -S . -B "$build" -DCMAKE_BUILD_TYPE=RelWithDebInfo -DCMAKE_C_FLAGS= \
        -DCMAKE_C_COMPILER=gcc -DTLSTUTOR_SANITIZE=address,undefined >/dev/null
  opts+=(--sanitized)
else
  build=build
  cmake -S . -B "$build" -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
fi
cmake --build "$build" -j"$(nproc)" >/dev/null
if [ "$asan" = 1 ]; then
  # The pure-C checks, sanitized too.
  "$build/catalog_check" >/dev/null
  "$build/suite_check" >/dev/null
fi

exec nice /usr/bin/python3 tests/robustness/fuzz_tshark.py --plugin "$build/tlstutor.so" \
  --rates "$rates" --seeds "$seeds" --offsets "$offsets" ${opts[@]+"${opts[@]}"} "$@"
