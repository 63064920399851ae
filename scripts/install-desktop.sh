#!/usr/bin/env bash
# Installs nn-playground's desktop entry, icons and experiment-file type for the current user,
# after `cargo install --path .` has put the binary on PATH. (The Debian package,
# scripts/package.sh, installs the same files system-wide.)
set -euo pipefail
cd "$(dirname "$0")/.."
data="${XDG_DATA_HOME:-$HOME/.local/share}"
install -D -m 644 assets/nn-playground.desktop "$data/applications/nn-playground.desktop"
for n in 16 32 48 64 128 256; do
  install -D -m 644 "assets/icons/${n}x${n}.png" "$data/icons/hicolor/${n}x${n}/apps/nn-playground.png"
done
install -D -m 644 assets/nn-playground.xml "$data/mime/packages/nn-playground.xml"
# Each takes well under a second; without them the menu and the file type appear only after
# the desktop next rebuilds its caches.
command -v update-mime-database >/dev/null && update-mime-database "$data/mime" || true
command -v update-desktop-database >/dev/null && update-desktop-database "$data/applications" || true
echo "Installed: $data/applications/nn-playground.desktop"
