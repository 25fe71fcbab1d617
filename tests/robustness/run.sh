#!/bin/bash
# Robustness run (not part of CI yet, see issue #7): corrupts every bundled
# capture with `editcap -E` at several rates and seeds and runs `tshark -V -2`
# over each, with and without its key log, with the plugin; fails on a
# crash, a hang (timeout), a sanitizer report or a dissector bug.
#   tests/robustness/run.sh            # build/tlstutor.so, rates 0.005 0.02 0.1, seeds 1 2 3
#   tests/robustness/run.sh --asan     # an ASan+UBSan build (build-asan/), loaded with LD_PRELOAD
#   RATES="0.02" SEEDS="1" tests/robustness/run.sh   # a short run
# As root, tshark runs as user nobody with a private plugin folder (root's
# tshark ignores private plugin folders).
set -uo pipefail
cd "$(dirname "$0")/../.."

rates=${RATES:-0.005 0.02 0.1}
seeds=${SEEDS:-1 2 3}
build=build
preload=
if [ "${1:-}" = "--asan" ]; then
  build=build-asan
  cmake -S . -B "$build" -DCMAKE_BUILD_TYPE=Debug \
        -DCMAKE_C_FLAGS="-fsanitize=address,undefined -fno-omit-frame-pointer" >/dev/null || exit 1
  preload="$(gcc -print-file-name=libasan.so) $(gcc -print-file-name=libubsan.so)"
else
  cmake -S . -B "$build" >/dev/null || exit 1
fi
cmake --build "$build" --target tlstutor >/dev/null || exit 1

work=$(mktemp -d /tmp/tlstutor-robust-XXXXXX)
trap 'rm -rf "$work"' EXIT
sysdir=$(pkg-config --variable=plugindir wireshark)
mkdir -p "$work/plugins/$(basename "$sysdir")" "$work/home" "$work/in"
cp -r "$sysdir"/. "$work/plugins/$(basename "$sysdir")/"
rm -f "$work/plugins/$(basename "$sysdir")/epan/tlstutor.so"
cp "$build/tlstutor.so" "$work/plugins/$(basename "$sysdir")/epan/"
cp pcaps/*.pcapng pcaps/*.keys "$work/in/"
chmod -R a+rwX "$work"

run_tshark() {
  local env=(HOME="$work/home" WIRESHARK_PLUGIN_DIR="$work/plugins" ASAN_OPTIONS=detect_leaks=0)
  [ -n "$preload" ] && env+=(LD_PRELOAD="$preload")
  if [ "$(id -u)" -eq 0 ]; then
    timeout 120 setpriv --reuid=65534 --regid=65534 --clear-groups env "${env[@]}" tshark "$@"
  else
    timeout 120 env "${env[@]}" tshark "$@"
  fi
}

# A run that does not load the plugin tests nothing: check it first.
run_tshark -r "$work/in/tls12-ecdhe-rsa.pcapng" -V 2>/dev/null | grep "TLS Handshake Tutor" >/dev/null || {
  echo "tshark does not load $build/tlstutor.so" >&2; exit 1; }

runs=0 bad=0
for p in "$work"/in/*.pcapng; do
  keys=${p%.pcapng}.keys
  for rate in $rates; do
    for seed in $seeds; do
      f="$work/fuzzed.pcapng"
      editcap -E "$rate" --seed "$seed" "$p" "$f" 2>/dev/null || continue
      chmod a+r "$f"
      for opt in "" "-o tls.keylog_file:$keys"; do
        runs=$((runs + 1))
        # shellcheck disable=SC2086
        run_tshark -r "$f" -V -2 -o tlstutor.ports:443,8443 $opt >"$work/out" 2>"$work/err"
        rc=$?
        if [ $rc -ne 0 ] && [ $rc -ne 2 ] ||
           grep -qE "AddressSanitizer|runtime error|Dissector bug" "$work/err" "$work/out"; then
          bad=$((bad + 1))
          echo "BAD rc=$rc $(basename "$p") rate=$rate seed=$seed ${opt:+keys}"
          grep -hE "AddressSanitizer|runtime error|Dissector bug" "$work/err" "$work/out" | head -3
          cp "$f" "/tmp/tlstutor-bad-$bad.pcapng"
        fi
      done
    done
  done
done
echo "$runs runs, $bad bad"
[ "$bad" -eq 0 ]
