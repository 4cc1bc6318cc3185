#!/usr/bin/env bash
# Takes docs/screenshots/{home,streamer}.png from the real app under a headless X server.
#
#   docs/screenshots/take-screenshots.sh [BUILDDIR]
#
# Needs xvfb-run, dbus-run-session, xwininfo and ImageMagick's import.
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
build=$(cd "${1:-$root/_build}" && pwd)

if [ -z "${LURK_SCREENSHOT_INNER:-}" ]; then
  export LURK_SCREENSHOT_INNER=1
  exec xvfb-run -a -s "-screen 0 1280x800x24 -nolisten tcp" dbus-run-session -- "$0" "$build"
fi

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
export XDG_CONFIG_HOME="$tmp/config" XDG_DATA_HOME="$tmp/data" HOME="$tmp/home"
mkdir -p "$XDG_CONFIG_HOME" "$XDG_DATA_HOME" "$HOME"
export GSETTINGS_BACKEND=keyfile GSETTINGS_SCHEMA_DIR="$build/data"
export GSK_RENDERER=cairo GDK_BACKEND=x11 NO_AT_BRIDGE=1 LANG=C.UTF-8
schema="io.github.lurkapp.Lurk:/io/github/lurkapp/Lurk/"

gsettings set "$schema" window-width 1100
gsettings set "$schema" window-height 720

shoot () {
  local name=$1; shift
  "$build/src/lurk" "$@" &
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
  sleep "${LURK_SCREENSHOT_DELAY:-2}"   # let the transition and fonts settle
  import -window "$id" "$here/$name.png"
  kill "$pid"; wait "$pid" || true
  echo "take-screenshots: $here/$name.png"
}

shoot streamer --streamer lurkdemo
# The home page, with the favorite chosen above.
shoot home
