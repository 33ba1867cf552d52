#!/usr/bin/env bash
# Makes the PNG icons (16 … 512 px, the sizes freedesktop icon themes use) from
# assets/icon/briefing.svg with rsvg-convert (Debian: librsvg2-bin).
set -euo pipefail
cd "$(dirname "$0")/../assets/icon"
for size in 16 24 32 48 64 128 256 512; do
  rsvg-convert -w "$size" -h "$size" briefing.svg -o "briefing-$size.png"
done
echo "made: $(ls briefing-*.png | tr '\n' ' ')"
