#!/usr/bin/env bash
# Measures the real window under Xvfb with NN_PLAYGROUND_TRACE: frames per second, epochs per
# second and the window thread's time per frame while training, and the epoch each frame shows
# after Space (pause), for the experiment file given (a fresh window opens a file paused, so
# the script presses Space to train, waits, then Space to pause). Prints the trace lines and
# saves a screenshot beside OUT.
#
#   scripts/measure-window.sh OUT.png FILE [SECONDS]
#
# Environment: NN_PLAYGROUND_BIN (default target/release/nn-playground).
# Needs: Xvfb, xdotool, ImageMagick's import.
set -euo pipefail
out=$1; file=$2; seconds=${3:-6}
bin=${NN_PLAYGROUND_BIN:-target/release/nn-playground}
work=$(mktemp -d)
trap 'kill "${app:-0}" "${xvfb:-0}" 2>/dev/null || true; rm -rf "$work"' EXIT
mkdir -m 700 "$work/runtime" "$work/home"
display=:$((90 + RANDOM % 100))
Xvfb "$display" -screen 0 1280x800x24 >/dev/null 2>&1 &
xvfb=$!
sleep 1
export DISPLAY=$display XDG_RUNTIME_DIR=$work/runtime HOME=$work/home NN_PLAYGROUND_TRACE=1
unset WAYLAND_DISPLAY
"$bin" "$file" 2>"$work/trace.log" &
app=$!
sleep 3
window=$(xdotool search --pid "$app" | head -1)
xdotool windowfocus "$window"
xdotool key space
sleep "$seconds"
import -window root "$out"
xdotool key space
sleep 2
kill "$app"
grep '^trace:' "$work/trace.log"
