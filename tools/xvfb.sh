# Sourced by the measuring scripts: starts a virtual X display ($DISPLAY_NUM, else $1) for the
# window under test, stops it when the script exits, and waits until it answers.
export DISPLAY=":${DISPLAY_NUM:-$1}"
export XDG_RUNTIME_DIR="${XDG_RUNTIME_DIR:-$(mktemp -d)}"; chmod 700 "$XDG_RUNTIME_DIR"
unset WAYLAND_DISPLAY
Xvfb "$DISPLAY" -screen 0 1400x900x24 -nolisten tcp >/dev/null 2>&1 & XVFB=$!
trap 'kill $XVFB 2>/dev/null || true' EXIT
for _ in $(seq 50); do xdpyinfo >/dev/null 2>&1 && break; sleep 0.1; done
