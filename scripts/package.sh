#!/usr/bin/env bash
# Builds nn-playground's Debian package with cargo-deb (installed first if missing) and prints
# its path. The package's contents are listed once, in Cargo.toml's [package.metadata.deb].
#
#   scripts/package.sh              a release build for any x86-64 machine (scripts/portable.env),
#                                   in target/portable; the .deb goes to target/debian/.
#   scripts/package.sh --debug-build
#                                   no build: packages target/debug/nn-playground as `cargo test`
#                                   left it (this machine's processor, unoptimised), into
#                                   target/debug-package/debian/. scripts/package-check.sh uses it to
#                                   test the packaging in CI without a second build.
set -euo pipefail
cd "$(dirname "$0")/.."
# shellcheck source=scripts/portable.env
source scripts/portable.env

if ! command -v cargo-deb >/dev/null; then
  echo "Installing cargo-deb" >&2
  cargo install --locked cargo-deb --version '^3.8' >&2
fi

case "${1:-}" in
  "")
    export CARGO_TARGET_DIR="$PORTABLE_TARGET_DIR"
    RUSTFLAGS="$PORTABLE_RUSTFLAGS" cargo build --locked --release >&2
    products="$CARGO_TARGET_DIR/release"
    options=()
    out=target/debian/
    ;;
  --debug-build)
    # cargo-deb warns that it will stop packaging the dev profile (`--profile dev`), so the
    # debug binary is linked into a target folder of its own whose profile folder is `release`.
    export CARGO_TARGET_DIR=target/debug-package
    products="$CARGO_TARGET_DIR/release"
    rm -rf "$CARGO_TARGET_DIR"
    mkdir -p "$products"
    ln target/debug/nn-playground "$products/" 2>/dev/null || cp target/debug/nn-playground "$products/"
    # Fast compression: this package is installed once and thrown away.
    options=(--fast)
    out="$CARGO_TARGET_DIR/debian/"
    ;;
  *)
    echo "usage: $0 [--debug-build]" >&2
    exit 2
    ;;
esac

# The man pages and completions, made by the binary from its own clap definition. cargo-deb
# gzips man pages only outside target/, so they are gzipped here (-n: no name or time inside,
# the same bytes on every run).
rm -rf "$products/generated"
"$products/nn-playground" generate "$products/generated"
gzip -9n "$products"/generated/man/*.1
mkdir -p "$out"
# --strip: the release profile keeps line tables (112 MB of the binary's 131 MB); a package
# ships without them.
cargo deb --locked --no-build --strip "${options[@]}" --output "$out"
