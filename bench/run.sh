#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-or-later
# Benchmark gate: the cost of the tutor plugin (and of a Lua postdissector
# doing the same) over tshark alone, and of the plugin over sharkd (the GUI's
# engine) alone. Not part of the test suite.
#
#   bench/run.sh [--quick] [--runs N] [--instructions] [--note TEXT]
#
#   --quick         small captures (bench/out/quick/), 3 runs, results in
#                   bench/out/quick/RESULTS.md instead of bench/RESULTS.md
#   --runs N        timed runs per variant (default 7, quick 3)
#   --instructions  also count instructions executed (perf stat where the CPU
#                   counters are available, else valgrind's callgrind) on the
#                   first 20,000 packets: a noise-free cross-check; with
#                   callgrind also the tutor's own share (P2, G2)
#   --note TEXT     a line for the results (e.g. that the machine was shared)
#   --plugin SO     the plugin to measure (default build/tlstutor.so, built if missing)
#
# Exits 1 when the plugin misses a target. Run as root (it installs packages
# and runs tshark as nobody) from a built tree (build/tlstutor.so).
set -euo pipefail
cd "$(dirname "$0")/.."

quick=0 runs= instr=0 note= plugin=build/tlstutor.so
while [ $# -gt 0 ]; do
  case "$1" in
    --quick) quick=1 ;;
    --runs) runs="$2"; shift ;;
    --instructions) instr=1 ;;
    --note) note="$2"; shift ;;
    --plugin) plugin="$2"; shift ;;
    *) echo "usage: $0 [--quick] [--runs N] [--instructions] [--note TEXT] [--plugin SO]" >&2; exit 2 ;;
  esac
  shift
done

packaging/deps.sh build
# wireshark-common: sharkd and editcap. cryptography: QUIC Initial packets (replay.py)
need=(time util-linux python3 python3-cryptography wireshark-common)
[ "$instr" -eq 1 ] && need+=(valgrind linux-perf)
missing=()
for p in "${need[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

[ -f "$plugin" ] || [ "$plugin" != build/tlstutor.so ] || { cmake -S . -B build -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null && cmake --build build -j"$(nproc)"; }

if [ "$quick" -eq 1 ]; then
  out=bench/out/quick; results=$out/RESULTS.md; runs=${runs:-3}
  /usr/bin/python3 bench/gen.py --quick --out "$out"
else
  out=bench/out; results=bench/RESULTS.md; runs=${runs:-7}
  /usr/bin/python3 bench/gen.py --out "$out"
fi

args=(--plugin "$plugin" --tls "$out/tls.pcapng" --mixed "$out/mixed.pcapng" --runs "$runs" --results "$results")
[ -n "$note" ] && args+=(--note "$note")
if [ "$instr" -eq 1 ]; then
  # Virtual machines often hide the CPU's counters from perf.
  if perf stat -x, -e instructions:u true 2>&1 >/dev/null | grep -qE '^[0-9]+,'; then
    args+=(--instructions perf)
  else
    args+=(--instructions callgrind)
  fi
fi
/usr/bin/python3 bench/measure.py "${args[@]}"
