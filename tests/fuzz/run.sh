#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-or-later
# libFuzzer harnesses for the Wireshark-free C code: fuzz_catalog
# (plugin/catalog.c, the text lookups), fuzz_suite (plugin/suite.c, cipher
# suite names taken apart), fuzz_flow (plugin/flow.c, the handshake logic
# fed any sequence of events) and fuzz_split (plugin/split.c, long texts cut
# into lines, on any bytes and limit), built with clang -fsanitize=fuzzer,address,undefined
# into build-fuzz/. Each runs for a bounded time; any crash, sanitizer report,
# broken promise (abort), leak or timeout fails the run and is reported with
# the input that caused it and the command that replays it.
#   tests/fuzz/run.sh                 # all four side by side, 60 s (CI)
#   tests/fuzz/run.sh --time 600      # longer
#   tests/fuzz/run.sh --runs 100000   # a fixed number of inputs instead of a time
#   tests/fuzz/run.sh fuzz_suite      # one harness
# The corpus grows in build-fuzz/corpus-NAME/ between local runs; the seeds
# are tests/fuzz/suite_names.txt (every cipher suite name Wireshark 4.0 knows),
# a few catalogue lookups and two whole handshakes made here, and the inputs
# that once found a bug (tests/fuzz/regressions/NAME/; add each finding there).
set -euo pipefail
cd "$(dirname "$0")/../.."

limit=(-max_total_time=60)
names=()
while [ $# -gt 0 ]; do
  case "$1" in
    --time) limit=(-max_total_time="$2"); shift ;;
    --runs) limit=(-runs="$2"); shift ;;
    fuzz_catalog|fuzz_suite|fuzz_flow|fuzz_split) names+=("$1") ;;
    *) echo "usage: $0 [--time S | --runs N] [fuzz_catalog] [fuzz_suite] [fuzz_flow] [fuzz_split]" >&2; exit 2 ;;
  esac
  shift
done
[ ${#names[@]} -gt 0 ] || names=(fuzz_catalog fuzz_suite fuzz_flow fuzz_split)

out=build-fuzz
mkdir -p "$out"
# clang (libFuzzer is clang's); FUZZ_CC to choose another.
cc=${FUZZ_CC:-$(command -v clang-14 || command -v clang || echo clang)}
flags=(-g -O1 -fsanitize=fuzzer,address,undefined -fno-sanitize-recover=undefined
       -fno-omit-frame-pointer -Wall -Wextra -Werror -Iplugin)
"$cc" "${flags[@]}" -o "$out/fuzz_catalog" tests/fuzz/fuzz_catalog.c plugin/catalog.c
"$cc" "${flags[@]}" -o "$out/fuzz_suite" tests/fuzz/fuzz_suite.c plugin/suite.c
"$cc" "${flags[@]}" -o "$out/fuzz_flow" tests/fuzz/fuzz_flow.c plugin/flow.c plugin/catalog.c
"$cc" "${flags[@]}" -o "$out/fuzz_split" tests/fuzz/fuzz_split.c plugin/split.c

# Seeds: one file per cipher suite name; for the catalogue, each lookup kind
# once with small ids (one opcode byte, then three little-endian ints).
seeds=$out/seeds
rm -rf "$seeds"
mkdir -p "$seeds/fuzz_suite" "$seeds/fuzz_catalog" "$seeds/fuzz_flow" "$seeds/fuzz_split"
# Split seeds: a long English and a long Japanese sentence, real piece size.
printf '\x00%s' "Either way both sides now hold the same premaster secret and derive the master secret from it (with the two randoms, or with a hash of the handshake when both hellos carry extended_master_secret), and from that the session keys." > "$seeds/fuzz_split/en"
printf '\x00%s' "どちらの場合も双方が同じプレマスターシークレットを持ち、それと二つの乱数(両方のHelloがextended_master_secret拡張を含むときはハンドシェイクのハッシュ値)からマスターシークレットを、さらにそこからセッション鍵を導きます。" > "$seeds/fuzz_split/ja"
i=0
grep -v '^#' tests/fuzz/suite_names.txt | while IFS= read -r name; do
  i=$((i + 1)); printf '%s' "$name" > "$seeds/fuzz_suite/$i"
done
for op in 0 1 2 3 4 5; do
  printf "\\x0$op\\x01\\x00\\x00\\x00\\x01\\x00\\x00\\x00\\x01\\x00\\x00\\x00" > "$seeds/fuzz_catalog/op$op"
done

# Flow seeds: whole handshakes as event sequences. One event is: kind,
# flags (2 bytes; 1 client, 0x400 session ID 0,1,2...), handshake type,
# length (3 bytes), version (0x0300 + byte), alert level, alert description,
# session ID length (32 from the client, 16 from the server: no resumption).
ev() {  # kind client type version-minor [alert-level alert-desc]
  printf '\\x%02x\\x%02x\\x04\\x%02x\\x10\\x00\\x00\\x%02x\\x%02x\\x%02x\\x%02x' \
    "$1" "$2" "$3" "$4" "${5:-0}" "${6:-0}" $(($2 ? 32 : 16))
}
flow12() { for e in "0 1 1 3" "0 0 2 3" "0 0 11 3" "0 0 12 3" "0 0 14 3" "0 1 16 3" "2 1 0 3" \
                    "1 1 0 3" "2 0 0 3" "1 0 0 3" "3 1 0 3" "3 0 0 3" "4 1 0 3 1 0" "5 1 0 3"; do
             # shellcheck disable=SC2086
             ev $e; done; }
flow13() { for e in "0 1 1 4" "0 0 2 4" "2 0 0 4" "1 0 0 4" "1 0 0 4" "1 0 0 4" "1 0 0 4" \
                    "2 1 0 4" "1 1 0 4" "3 1 0 4" "3 0 0 4" "4 0 0 4 2 40" "5 0 0 4"; do
             # shellcheck disable=SC2086
             ev $e; done; }
printf "$(flow12)" > "$seeds/fuzz_flow/tls12"
printf "$(flow13)" > "$seeds/fuzz_flow/tls13"

pids=() bad=0
for name in "${names[@]}"; do
  mkdir -p "$out/corpus-$name" "$out/findings-$name"
  rm -f "$out/findings-$name"/*
  dict=()
  [ "$name" = fuzz_suite ] && dict=(-dict=tests/fuzz/suite.dict)
  # -timeout: one input taking over 10 s is a hang; -rss_limit_mb: a leak
  # that grows; -print_final_stats: the number of inputs tried.
  # Inputs that once found a bug (tests/fuzz/regressions/NAME/) run first, every time.
  regress=()
  [ -d "tests/fuzz/regressions/$name" ] && regress=("tests/fuzz/regressions/$name")
  nice "$out/$name" "$out/corpus-$name" "$seeds/$name" ${regress[@]+"${regress[@]}"} \
    ${dict[@]+"${dict[@]}"} "${limit[@]}" \
    -timeout=10 -rss_limit_mb=2048 -artifact_prefix="$out/findings-$name/" \
    -print_final_stats=1 >"$out/$name.log" 2>&1 &
  pids+=($!)
done
for k in "${!names[@]}"; do
  name=${names[$k]}
  if wait "${pids[$k]}"; then
    echo "$name: $(grep -m1 -o 'stat::number_of_executed_units: *[0-9]*' "$out/$name.log" | grep -o '[0-9]*$') inputs, no finding"
  else
    bad=1
    echo "FAIL $name: libFuzzer found a problem (log: $out/$name.log)"
    grep -m3 -E "ERROR: |runtime error|broken promise|SUMMARY" "$out/$name.log" | sed 's/^/    /'
    # The first frames in the project's code (not the sanitizer's or libFuzzer's).
    grep -E '^ +#[0-9]+ 0x[0-9a-f]+ in ' "$out/$name.log" | grep -vE ' in (__|fuzzer::)' | head -4 | sed 's/^ */      /'
    for f in "$out/findings-$name"/*; do
      [ -e "$f" ] || continue
      echo "    input: $f ($(wc -c <"$f") bytes): $(head -c 200 "$f" | od -An -c | tr -s ' \n' ' ')"
      echo "    replay: $out/$name $f"
    done
  fi
done
exit $bad
