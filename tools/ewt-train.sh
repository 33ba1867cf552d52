#!/bin/sh
# Puts together English EWT's training file from the treebank's per-document sources, for
# a checkout whose large en_ewt-ud-train.conllu is missing (as in some mirrors), and copies
# the dev and test files beside it.
#
#   tools/ewt-train.sh UD_English-EWT OUT_DIR
#
# UD_English-EWT is a git checkout of https://github.com/UniversalDependencies/UD_English-EWT
# (CC BY-SA 4.0). OUT_DIR gets train.conllu, dev.conllu and test.conllu.
set -eu
repo=$1
out=$2
mkdir -p "$out"
git -C "$repo" show HEAD:en_ewt-ud-dev.conllu > "$out/dev.conllu"
git -C "$repo" show HEAD:en_ewt-ud-test.conllu > "$out/test.conllu"
git -C "$repo" show HEAD:not-to-release/file-lists/files.train | while read -r f; do
  git -C "$repo" show "HEAD:not-to-release/sources/$f"
done > "$out/train.conllu"
grep -c '^# sent_id' "$out/train.conllu"
