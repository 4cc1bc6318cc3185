#!/usr/bin/env bash
# Takes docs/screenshots/{home,streamer}.png from the real app, running `lurk --demo` (signed
# in to the in-process simulator, events flowing) under build-aux/test-session.sh: a headless
# X server, a private D-Bus session and a throwaway keyring.
#
#   docs/screenshots/take-screenshots.sh [BUILDDIR]
#
# Needs xwininfo, xdotool and ImageMagick's import (build-aux/install-deps.sh installs them).
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
build=$(cd "${1:-$root/_build}" && pwd)

if [ -z "${LURK_SCREENSHOT_INNER:-}" ]; then
  export LURK_SCREENSHOT_INNER=1
  exec "$root/build-aux/test-session.sh" "$0" "$build"
fi

# test-session.sh gave this run private XDG directories.
export GSETTINGS_BACKEND=keyfile GSETTINGS_SCHEMA_DIR="$build/data"
export GSK_RENDERER=cairo GDK_BACKEND=x11 NO_AT_BRIDGE=1 LANG=C.UTF-8
schema="io.github.lurkapp.Lurk:/io/github/lurkapp/Lurk/demo/"

gsettings set "$schema" window-width 1100
gsettings set "$schema" window-height 720

shoot () {
  local name=$1 keys=$2; shift 2
  "$build/src/lurk" "$@" >/dev/null &
  local pid=$!
  local id=""
  for _ in $(seq 1 100); do
    id=$(xwininfo -root -tree 2>/dev/null | awk '/"Lurk"/ && /1100x720/ { print $1; exit }')
    [ -n "$id" ] && break
    sleep 0.1
  done
  if [ -z "$id" ]; then
    echo "take-screenshots: the window did not appear" >&2
    kill "$pid"; return 1
  fi
  sleep "${LURK_SCREENSHOT_DELAY:-12}"   # sign-in, the scenario's first events, the player
  if [ -n "$keys" ]; then
    xdotool windowfocus --sync "$id" key $keys
    sleep 1
  fi
  import -window "$id" "$here/$name.png"
  kill "$pid"; wait "$pid" || true
  echo "take-screenshots: $here/$name.png"
}

# The demo opens the streamer's page; Alt+Left goes back to Home, as a user would.
shoot streamer "" --demo --streamer lurkstream
shoot home alt+Left --demo
