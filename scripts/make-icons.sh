#!/usr/bin/env bash
# Draws assets/icons/NxN.png, the icon at the sizes desktops look for (hicolor theme), from
# assets/icon.png (256x256, drawn by assets/make_icon.py) with ImageMagick. The PNGs are
# committed (about 50 KB in all), so packaging needs no ImageMagick; rerun this after
# changing the icon. -strip drops the timestamps, so a rerun changes no byte.
set -euo pipefail
cd "$(dirname "$0")/.."
for n in 16 32 48 64 128 256; do
  convert assets/icon.png -strip -filter Lanczos -resize "${n}x${n}" "assets/icons/${n}x${n}.png"
done
ls -l assets/icons
