#!/usr/bin/env bash
# The real window (Xvfb, software rendering) on one input: peak memory (GNU time), and when the
# process stops using the CPU after start (its CPU time sampled every 100 ms; idle = the first
# moment after which it used less than 2 % of a core over the next second).
# Usage: tools/window-scale.sh BINARY SECONDS [ARGS...]   (needs xvfb, xdotool, GNU time)
set -euo pipefail
BIN=${1:?binary}; SECS=${2:?seconds to watch}; shift 2
source "$(dirname "$0")/xvfb.sh" 93
OUT=$(mktemp)
/usr/bin/time -f "%M" -o "$OUT" "$BIN" "$@" >/dev/null 2>&1 &
TIMEPID=$!
sleep 0.3
APP=$(pgrep -P "$TIMEPID" | head -n1)
TICK=$(getconf CLK_TCK)
start=$(date +%s.%N)
samples=()
for _ in $(seq $((SECS * 10))); do
  read -r -a f < "/proc/$APP/stat" || break
  samples+=("$(echo "$(date +%s.%N) - $start" | bc) $(( ${f[13]} + ${f[14]} ))")
  sleep 0.1
done
kill "$APP" 2>/dev/null || true
wait "$TIMEPID" 2>/dev/null || true
peak_kb=$(grep -E '^[0-9]+$' "$OUT" | tail -n1)
# idle: first sample after which CPU ticks grow by < 2 % of a core (0.02 * TICK per second).
printf '%s\n' "${samples[@]}" | awk -v tick="$TICK" -v peak="$peak_kb" '
  { t[NR]=$1; c[NR]=$2 } END {
    idle=-1
    for (i=1; i<=NR; i++) { j=i; while (j<NR && t[j]-t[i] < 1.0) j++;
      if (t[j]-t[i] >= 1.0 && (c[j]-c[i]) < 0.02*tick*(t[j]-t[i])) { idle=t[i]; break } }
    printf "peak %.0f MB, cpu %.2f s, idle after %.1f s\n", peak/1024, c[NR]/tick, idle }'
