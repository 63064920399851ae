#!/usr/bin/env bash
# Runs every test of nn-playground: the house rules (fmt, clippy, the core without the window),
# the Rust tests (core, CLI, weights files, the app through egui_kittest), the NumPy and
# onnxruntime cross-checks of exported .npz, ONNX and safetensors files, the instruction-count speed guard,
# a screenshot of the real window under Xvfb, and the Debian package installed and tried
# (scripts/package-check.sh). Installs what is missing first
# (Debian/Ubuntu packages, a venv with NumPy, onnx, onnxruntime and safetensors).
# README.md names this script as the test command, and .ci/run runs what README.md says.
set -euo pipefail
cd "$(dirname "$0")/.."

packages=(python3-venv valgrind xvfb xauth imagemagick libx11-6 libx11-xcb1 libxcb1 libxcursor1 libxi6
  libxrandr2 libxrender1 libxkbcommon0 libxkbcommon-x11-0 libdbus-1-3 libfontconfig1 libgl1
  libegl1 libglx-mesa0 libegl-mesa0 libgl1-mesa-dri fonts-noto-cjk desktop-file-utils dpkg-dev)
missing=()
if command -v dpkg-query >/dev/null; then
  for p in "${packages[@]}"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "ok installed" || missing+=("$p")
  done
fi
if [ ${#missing[@]} -gt 0 ]; then
  echo "Installing: ${missing[*]}"
  sudo=""
  [ "$(id -u)" -eq 0 ] || sudo="sudo"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

# NumPy, onnx, onnxruntime and safetensors, for the tests that read our exports in Python.
python_packages=(numpy onnx onnxruntime safetensors)
if [ ! -x .venv/bin/python ] || ! .venv/bin/python -c "import numpy, onnx, onnxruntime, safetensors" 2>/dev/null; then
  [ -x .venv/bin/python ] || python3 -m venv .venv
  .venv/bin/pip install --quiet "${python_packages[@]}"
fi
export NN_PLAYGROUND_PYTHON="$PWD/.venv/bin/python"

# The house rules: formatted code, no clippy warning in any target, and a core that builds
# without the window's crates (the `gui` feature off).
cargo fmt --check
cargo clippy --locked --all-targets -- -D warnings
cargo check --locked --lib --no-default-features

# One build for everything: the tests also build the binary the screenshot uses.
cargo test --locked

# The speed guard: instructions per XOR and spiral epoch under valgrind, against a ceiling.
benches/instructions

# The real window under Xvfb: a few seconds of training, then a non-blank screenshot.
mkdir -p target/shots
NN_PLAYGROUND_BIN=target/debug/nn-playground scripts/screenshot.sh target/shots/smoke.png

# The Debian package of the binary just tested: built, installed, run, checked and removed.
scripts/package-check.sh
