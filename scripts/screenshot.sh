#!/usr/bin/env bash
# Starts the real nn-playground window under a virtual X server, lets it train for a few
# seconds, saves a screenshot and checks that it is not blank.
#
#   scripts/screenshot.sh OUT.png [ARGS...]
#
# Environment: NN_PLAYGROUND_BIN (default target/debug/nn-playground), SCREENSHOT_WAIT seconds
# (default 4), SCREENSHOT_KEYS: keys sent to the window one second after start, e.g. "space"
# (needs xdotool), NN_PLAYGROUND_HOME: a home folder for the app's settings (default: a fresh one,
# so every screenshot starts from the defaults unless you pass one).
# Needs: xvfb-run (xvfb, xauth), ImageMagick (import, identify), Mesa GL libraries.
set -euo pipefail

if [ $# -lt 1 ]; then
    echo "usage: $0 OUT.png [ARGS...]" >&2
    exit 2
fi
out=$1
shift
bin=${NN_PLAYGROUND_BIN:-target/debug/nn-playground}
wait_s=${SCREENSHOT_WAIT:-4}
[ -x "$bin" ] || { echo "error: $bin is not an executable (set NN_PLAYGROUND_BIN)" >&2; exit 2; }
for tool in xvfb-run import identify; do
    command -v "$tool" >/dev/null || { echo "error: $tool is not installed" >&2; exit 2; }
done

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
mkdir -m 700 "$work/runtime"
home=${NN_PLAYGROUND_HOME:-$work/home}
mkdir -p "$home"
out_abs=$(cd "$(dirname "$out")" && pwd)/$(basename "$out")
bin_abs=$(cd "$(dirname "$bin")" && pwd)/$(basename "$bin")

# Inside the X server: start the app, wait, grab the root window, stop the app.
cat >"$work/inner.sh" <<'INNER'
#!/usr/bin/env bash
set -u
out=$1; wait_s=$2; bin=$3; shift 3
"$bin" "$@" >"$WORK/app.log" 2>&1 &
pid=$!
if [ -n "${KEYS:-}" ]; then
    sleep 1
    # No window manager runs: focus the window directly, then type into it.
    win=$(xdotool search --name nn-playground | head -1)
    xdotool windowfocus --sync "$win"
    for key in $KEYS; do xdotool key --window "$win" "$key"; sleep 0.2; done
fi
sleep "$wait_s"
if ! kill -0 "$pid" 2>/dev/null; then
    echo "error: nn-playground exited early:" >&2
    cat "$WORK/app.log" >&2
    exit 1
fi
import -window root "$out"
status=$?
kill "$pid" 2>/dev/null
wait "$pid" 2>/dev/null
exit $status
INNER
chmod +x "$work/inner.sh"

env -u WAYLAND_DISPLAY WORK="$work" KEYS="${SCREENSHOT_KEYS:-}" XDG_RUNTIME_DIR="$work/runtime" HOME="$home" \
    XDG_DATA_HOME="$home/.local/share" \
    xvfb-run -a -s "-screen 0 1280x800x24" "$work/inner.sh" "$out_abs" "$wait_s" "$bin_abs" "$@"

# A blank (single-colour) image has a standard deviation of 0.
spread=$(identify -format '%[fx:standard_deviation]' "$out_abs")
if awk -v s="$spread" 'BEGIN { exit !(s < 0.02) }'; then
    echo "error: $out looks blank (standard deviation $spread)" >&2
    exit 1
fi
echo "$out: ok (standard deviation $spread)"
