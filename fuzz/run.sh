#!/usr/bin/env bash
# Fuzz load + parse + analyse with libFuzzer (nightly and cargo-fuzz needed; the app never needs
# them). Seeds are the bundled sample articles, each prefixed with the byte that picks its
# format, plus any folders of real articles given as arguments (one article per file).
#   fuzz/run.sh [-runs=N] [REAL_ARTICLE_DIR...]
set -euo pipefail
cd "$(dirname "$0")"
runs="-runs=1000000"
if [[ "${1:-}" == -runs=* ]]; then runs="$1"; shift; fi
seeds=corpus/analyze
mkdir -p "$seeds"
seed() { # seed FILE: the format byte from the extension, then the bytes
  local pick=0
  case "$1" in *.md) pick=1 ;; *.html|*.htm) pick=2 ;; esac
  { printf "\\x0$pick"; cat "$1"; } > "$seeds/seed-$(basename "$1")"
}
for f in ../assets/samples/*.txt ../assets/samples/*.md ../assets/samples/*.html; do seed "$f"; done
for dir in "$@"; do
  for f in "$dir"/*; do [ -f "$f" ] && seed "$f"; done
done
# -s none: the crate forbids unsafe code, so AddressSanitizer adds cost and finds nothing new.
# -a: debug assertions on, so the offset invariants stated in the analysis are checked.
exec cargo +nightly fuzz run analyze -s none -a -- \
  -dict=briefing.dict -max_len=65536 -timeout=10 -rss_limit_mb=4096 "$runs"
