#!/usr/bin/env bash
# Builds what the Debian package holds besides the files in the repository (the release binary,
# the manual page and the shell completions, made by the binary itself), then the package when
# cargo-deb is installed (`cargo install cargo-deb`). Prints the package's file list.
#   tools/package.sh            build everything and the .deb
#   tools/package.sh --no-deb   only the files (what CI checks when cargo-deb is absent)
set -euo pipefail
cd "$(dirname "$0")/.."
cargo build --release --locked
bin=target/release/briefing
mkdir -p target/package
"$bin" manpage > target/package/briefing.1
gzip -9 -n -f target/package/briefing.1
"$bin" completions bash > target/package/briefing.bash
"$bin" completions zsh > target/package/_briefing
"$bin" completions fish > target/package/briefing.fish
echo "made: $(ls target/package | tr '\n' ' ')"
if [ "${1:-}" = "--no-deb" ]; then exit 0; fi
if ! cargo deb --version >/dev/null 2>&1; then
  echo "cargo-deb is not installed (cargo install cargo-deb); the files above are ready" >&2
  exit 0
fi
cargo deb --no-build
deb=$(ls -t target/debian/*.deb | head -1)
echo "built $deb ($(du -h "$deb" | cut -f1))"
dpkg-deb --contents "$deb"
