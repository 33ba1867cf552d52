#!/usr/bin/env bash
# Start-up to a shown window: Briefing (on the bundled sample) against the bare eframe window of
# examples/bare_window.rs, both release builds, under Xvfb. eframe shows its window once the
# first frame is painted, so "shown" is start to first frame. Runs alternate; prints medians.
# Usage: tools/startup.sh [RUNS]      (needs xvfb, xdotool; builds both first)
set -euo pipefail
RUNS=${1:-15}
cd "$(dirname "$0")/.."
cargo build --release --quiet --bin briefing --example bare_window
source tools/xvfb.sh 94
CONFIG=$(mktemp -d)
# Milliseconds from start until a visible window titled $2 exists.
shown_ms() {
  local start end pid
  start=$(date +%s%N)
  "$1" "${@:3}" >/dev/null 2>&1 & pid=$!
  until xdotool search --onlyvisible --name "$2" >/dev/null 2>&1; do sleep 0.005; done
  end=$(date +%s%N)
  kill "$pid"; wait "$pid" 2>/dev/null || true
  echo $(( (end - start) / 1000000 ))
}
median() { sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
bare=(); ours=()
for _ in $(seq "$RUNS"); do
  bare+=("$(shown_ms target/release/examples/bare_window 'Bare window')")
  ours+=("$(shown_ms target/release/briefing 'Briefing' --config-dir "$CONFIG")")
done
b=$(printf '%s\n' "${bare[@]}" | median); o=$(printf '%s\n' "${ours[@]}" | median)
echo "bare eframe window: median ${b} ms; Briefing on the sample: median ${o} ms; ratio $(echo "scale=2; $o / $b" | bc) (${RUNS} runs each)"
