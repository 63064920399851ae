#!/usr/bin/env bash
# Installs nn-playground's desktop entry and icon for the current user, after
# `cargo install --path .` has put the binary on PATH.
set -euo pipefail
cd "$(dirname "$0")/.."
data="${XDG_DATA_HOME:-$HOME/.local/share}"
install -D -m 644 assets/nn-playground.desktop "$data/applications/nn-playground.desktop"
install -D -m 644 assets/icon.png "$data/icons/hicolor/256x256/apps/nn-playground.png"
command -v update-desktop-database >/dev/null && update-desktop-database "$data/applications" || true
echo "Installed: $data/applications/nn-playground.desktop"
