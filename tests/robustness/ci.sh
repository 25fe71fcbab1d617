#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-or-later
# The robustness checks of issue #7 in one bounded run, for CI (about 10
# minutes on 2 cores). Installs what it needs, then runs, each to its end even
# when an earlier one failed:
#   1. fuzz+ASan: every bundled capture (pcaps/, pcaps/malformed/) unchanged
#      and corrupted by editcap -E (short size of run.sh), through tshark -V
#      and -V -2, without and with keys, with the plugin built with
#      -DTLSTUTOR_SANITIZE=address,undefined: crash, hang, sanitizer report,
#      dissector bug or malformed packet that tshark without the plugin does
#      not show (tests/robustness/run.sh --asan). The sanitized pure-C checks
#      (catalog_check, suite_check) run first.
#   2. the same with the plain build (build/) on other corrupted copies
#      (tests/robustness/run.sh --rates "0.01 0.05" --seeds 2).
#   3. valgrind memcheck over a subset of the captures with the plain build,
#      failing only on errors in tlstutor.so's code (tests/robustness/valgrind.py --ci).
#   4. libFuzzer on the Wireshark-free code: catalogue lookups, cipher suite
#      names, handshake logic (tests/fuzz/run.sh, $FUZZ_SECONDS s).
# Usage: tests/robustness/ci.sh        (FUZZ_SECONDS=60 by default)
# Reproduce a failure with what it prints: a repro.sh for a fuzzed capture,
# a replay command for a libFuzzer finding.
set -uo pipefail
cd "$(dirname "$0")/../.."
start=$SECONDS

packaging/deps.sh test || exit 1
# clang + libclang-rt-14-dev: libFuzzer and clang's sanitizer runtimes;
# llvm-14: llvm-symbolizer, for file:line in libFuzzer's reports;
# valgrind (pulls libc6-dbg); editcap comes with wireshark-common (deps.sh).
wanted=(clang-14 libclang-rt-14-dev llvm-14 valgrind)
missing=()
for p in "${wanted[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  echo "Installing: ${missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq && apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null || exit 1
fi
# clang only for the libFuzzer harnesses: the plugin is built with gcc, whose
# libasan run.sh preloads, and whose DWARF valgrind 3.19 reads (clang 14's
# DWARF 5 makes it give up).
export ASAN_SYMBOLIZER_PATH=/usr/lib/llvm-14/bin/llvm-symbolizer
echo "robustness: dependencies ready ($((SECONDS - start)) s)"

passed=0 failed=0 failures=()
check() {  # name command...
  local name=$1 t0=$SECONDS
  shift
  echo "== $name"
  if "$@"; then
    passed=$((passed + 1))
    echo "== $name: ok ($((SECONDS - t0)) s)"
  else
    failed=$((failed + 1)) failures+=("$name")
    echo "== $name: FAILED ($((SECONDS - t0)) s)"
  fi
}

check "fuzzed and bundled captures, ASan+UBSan plugin" tests/robustness/run.sh --asan
# The plain build (build/, as tests/run.sh makes it) on other corrupted
# copies: what the sanitizers change (memory layout, timing) cannot hide a crash.
check "fuzzed captures, plain plugin" tests/robustness/run.sh --rates "0.01 0.05" --seeds 2
check "valgrind memcheck, CI subset" nice /usr/bin/python3 tests/robustness/valgrind.py --ci
check "libFuzzer harnesses" tests/fuzz/run.sh --time "${FUZZ_SECONDS:-60}"

echo "robustness: $((SECONDS - start)) s${failures[*]:+; failed: ${failures[*]}}"
echo "robustness: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
