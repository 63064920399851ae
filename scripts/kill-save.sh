#!/usr/bin/env bash
# Saves a big weights file over and over while the saving process is killed at random with
# `kill -9`, and checks the two promises of an atomic save: after every kill the file on disk
# still loads (the earlier save, or the new one if it got as far as its rename), and the next
# save that completes leaves no temporary file behind (it removes those the killed saves left).
#
#   scripts/kill-save.sh                 # 40 rounds with target/debug/nn-playground
#   ROUNDS=200 NN_PLAYGROUND_BIN=target/release/nn-playground scripts/kill-save.sh
#
# Prints one line per round and a summary: how many kills landed during a save (a temporary
# file was left), how many after it, and the leftovers found after the final save (must be 0).
set -euo pipefail
cd "$(dirname "$0")/.."
bin=${NN_PLAYGROUND_BIN:-target/debug/nn-playground}
rounds=${ROUNDS:-40}
# About 10 MB of JSON: 2-700-700-1 holds 492,101 numbers.
shape=(--hidden 700,700 --epochs 1 --log-every 0)
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
file="$dir/big.json"

"$bin" train "${shape[@]}" --seed 0 --save "$file" >/dev/null
start=$(date +%s%N)
"$bin" train "${shape[@]}" --seed 0 --save "$file" >/dev/null
full_ms=$(( ($(date +%s%N) - start) / 1000000 ))
echo "one complete run with its save: ${full_ms} ms; $(stat -c %s "$file") bytes"

temps() { find "$dir" -maxdepth 1 -name '.big.json.tmp-*' | wc -l; }
during=0
after=0
for round in $(seq 1 "$rounds"); do
  "$bin" train "${shape[@]}" --seed "$round" --save "$file" >/dev/null 2>&1 &
  pid=$!
  # Anywhere from the start of the run to a little past its usual end.
  delay_ms=$(( RANDOM % (full_ms + full_ms / 5 + 1) ))
  sleep "$(printf '%d.%03d' $((delay_ms / 1000)) $((delay_ms % 1000)))"
  kill -9 "$pid" 2>/dev/null || true
  wait "$pid" 2>/dev/null || true
  left=$(temps)
  if ! "$bin" inspect "$file" >/dev/null 2>"$dir/inspect.err"; then
    echo "round $round: the file does not load after kill -9 at ${delay_ms} ms:" >&2
    cat "$dir/inspect.err" >&2
    exit 1
  fi
  if [ "$left" -gt 0 ]; then during=$((during + 1)); else after=$((after + 1)); fi
  echo "round $round: killed at ${delay_ms} ms, file loads, temporary files now: $left"
done
"$bin" train "${shape[@]}" --seed 999 --save "$file" >/dev/null
"$bin" inspect "$file" >/dev/null
leftover=$(temps)
echo "rounds: $rounds; kills leaving a temporary file: $during; others: $after; temporary files after the next save: $leftover"
[ "$leftover" -eq 0 ]
