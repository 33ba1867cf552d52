#!/usr/bin/env bash
# Gathers the notices of the data Briefing bundles (lexicons, tagger model, sample and corpus
# articles) into THIRD-PARTY-NOTICES.md, the one file the package ships beside the licences.
#   tools/notices.sh            write it
#   tools/notices.sh --check    exit 1 if it is out of date
set -euo pipefail
cd "$(dirname "$0")/.."
out=$(mktemp)
{
  echo "# Third-party notices"
  echo
  echo "Briefing's code is MIT OR Apache-2.0 (LICENSE-MIT, LICENSE-APACHE). The data it bundles"
  echo "comes from the sources below, each under its own licence, as each folder's SOURCES.md"
  echo "says. This file is made from those by tools/notices.sh; edit them, not this."
  for f in assets/lexicon/SOURCES.md assets/grammar/SOURCES.md assets/corpus/SOURCES.md; do
    echo
    echo "---"
    echo
    echo "From \`$f\`:"
    echo
    # Headings one level down, so that each source file is a section of this one.
    sed 's/^#/##/' "$f"
  done
} > "$out"
if [ "${1:-}" = "--check" ]; then
  if ! cmp -s "$out" THIRD-PARTY-NOTICES.md; then
    echo "THIRD-PARTY-NOTICES.md is out of date: run tools/notices.sh" >&2
    rm -f "$out"; exit 1
  fi
  rm -f "$out"
else
  mv "$out" THIRD-PARTY-NOTICES.md
fi
