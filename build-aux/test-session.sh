#!/usr/bin/env bash
# Runs a command inside what Lurk's tests need: a headless X server, a private D-Bus
# session bus and an unlocked throwaway gnome-keyring, with private XDG directories so a test
# never touches the user's own settings, data or keyring.
#
#   build-aux/test-session.sh meson test -C _build
set -euo pipefail

if [ $# -eq 0 ]; then
  echo "usage: $0 COMMAND [ARG…]" >&2
  exit 2
fi

if [ -z "${LURK_TEST_SESSION_INNER:-}" ]; then
  tmp=$(mktemp -d "${TMPDIR:-/tmp}/lurk-test-session.XXXXXX")
  trap 'rm -rf "$tmp"' EXIT
  export LURK_TEST_SESSION_INNER=1
  export XDG_RUNTIME_DIR="$tmp/runtime"
  export XDG_DATA_HOME="$tmp/data"
  export XDG_CONFIG_HOME="$tmp/config"
  export XDG_CACHE_HOME="$tmp/cache"
  export XDG_STATE_HOME="$tmp/state"
  export HOME="$tmp/home"
  mkdir -p "$XDG_RUNTIME_DIR" "$XDG_DATA_HOME" "$XDG_CONFIG_HOME" "$XDG_CACHE_HOME" \
           "$XDG_STATE_HOME" "$HOME"
  chmod 700 "$XDG_RUNTIME_DIR"
  # The X server first, then the bus inside it, then this script again inside both.
  set +e
  xvfb-run -a -s "-screen 0 1280x800x24 -nolisten tcp" \
    dbus-run-session -- "$0" "$@"
  status=$?
  set -e
  exit $status
fi

# Inside the session bus: a throwaway keyring whose files live in $tmp, unlocked with a
# known password. The daemon runs in the foreground as our child, so it goes when we go.
(echo -n lurk-test | exec gnome-keyring-daemon --foreground --unlock --components=secrets \
   >/dev/null 2>&1) &
keyring_pid=$!
trap 'kill $keyring_pid 2>/dev/null || true' EXIT
for _ in $(seq 100); do
  if gdbus call --session --dest org.freedesktop.DBus --object-path /org/freedesktop/DBus \
       --method org.freedesktop.DBus.NameHasOwner org.freedesktop.secrets 2>/dev/null \
       | grep -q true; then
    break
  fi
  sleep 0.05
done

"$@"
