#!/usr/bin/env bash
# Tests the Debian package end to end, the last step of scripts/test.sh: packages the debug
# binary `cargo test` built (scripts/package.sh --debug-build: no second build), installs the
# .deb with dpkg, runs the installed binary, checks the desktop entry, man page, completions,
# icons and MIME type where the package put them, and removes the package again (also when a
# check fails). Needs desktop-file-utils and dpkg-dev (scripts/test.sh installs them); uses
# sudo when not root.
set -euo pipefail
cd "$(dirname "$0")/.."
start=$SECONDS
sudo=""
[ "$(id -u)" -eq 0 ] || sudo="sudo"

if [ ! -x target/debug/nn-playground ]; then
  echo "package check: no target/debug/nn-playground; run cargo test (or cargo build) first" >&2
  exit 1
fi
deb=$(scripts/package.sh --debug-build | tail -n 1)
echo "package check: installing $deb"
if dpkg-query -W -f='${Status}' nn-playground 2>/dev/null | grep -q "ok installed"; then
  echo "package check: nn-playground is installed already; not touching it" >&2
  exit 1
fi
$sudo dpkg -i "$deb" >/dev/null
trap '$sudo dpkg -r nn-playground >/dev/null' EXIT

fail() {
  echo "package check: $*" >&2
  exit 1
}
bin=/usr/bin/nn-playground
"$bin" --version | grep -qx "nn-playground $(sed -n 's/^version = "\(.*\)"/\1/p' Cargo.toml | head -n 1)" ||
  fail "$bin --version does not print the crate's version"
"$bin" train --epochs 200 | tail -n 1 | grep -q "^Summary: 200 epochs" || fail "$bin train did not train"
desktop-file-validate /usr/share/applications/nn-playground.desktop
grep -q '^MimeType=.*application/x-nn-playground-experiment;' /usr/share/applications/nn-playground.desktop ||
  fail "the desktop entry does not list the experiment type"
for n in 16 32 48 64 128 256; do
  [ -s "/usr/share/icons/hicolor/${n}x${n}/apps/nn-playground.png" ] || fail "no ${n}x${n} icon"
done
gzip -dc /usr/share/man/man1/nn-playground.1.gz | grep -q 'nn\\-playground\\-train' ||
  fail "the man page does not name nn-playground-train"
[ -s /usr/share/man/man1/nn-playground-train.1.gz ] || fail "no man page for train"
if command -v man >/dev/null; then
  [ "$(man -w nn-playground)" = /usr/share/man/man1/nn-playground.1.gz ] || fail "man -w does not find the page"
fi
for f in /usr/share/bash-completion/completions/nn-playground /usr/share/zsh/vendor-completions/_nn-playground \
  /usr/share/fish/vendor_completions.d/nn-playground.fish; do
  grep -q train "$f" || fail "$f does not complete train"
done
if command -v update-mime-database >/dev/null; then
  # dpkg's trigger has run update-mime-database by now.
  grep -q '^application/x-nn-playground-experiment:\*\.nnexp\.json$' <(cut -d: -f2- /usr/share/mime/globs2) ||
    fail "the MIME database does not know *.nnexp.json"
fi
trap - EXIT
$sudo dpkg -r nn-playground >/dev/null
echo "package check: ok in $((SECONDS - start)) s (package built, installed, checked and removed)"
