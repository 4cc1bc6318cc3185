#!/usr/bin/env bash
# Builds the non-UI test suites with AddressSanitizer, LeakSanitizer and
# UndefinedBehaviorSanitizer in their own build dir and runs them (halting on the first
# report) inside the test session. `make test` runs it after the main suite; `make sanitize`
# runs only this.
#
#   build-aux/sanitize.sh [meson test arguments…]      e.g. --suite twitch
#
# Environment: ASAN_BUILDDIR (default _build-asan). The sanitizer options are the `sanitize`
# test setup in meson.build; LeakSanitizer suppressions in build-aux/valgrind/lsan.supp.
set -euo pipefail

cd "$(dirname "$0")/.."
builddir=${ASAN_BUILDDIR:-_build-asan}

if [ ! -f "$builddir/build.ninja" ]; then
  # -O1 keeps ASan fast at run time and the build quick; no UI (WebKit) test suite.
  rm -rf "$builddir"
  if ! meson setup "$builddir" -Ddevelopment=true -Dui_tests=false \
       -Db_sanitize=address,undefined -Db_lundef=false --buildtype=debug -Doptimization=1 \
       >"${TMPDIR:-/tmp}/lurk-asan-setup.log" 2>&1; then
    tail -20 "${TMPDIR:-/tmp}/lurk-asan-setup.log" >&2
    rm -rf "$builddir"
    exit 1
  fi
fi

# `meson test` builds only what the selected tests need (not the GTK app), which leaves out
# the data files (compiled GSettings schemas…) that tests read without depending on them.
ninja -C "$builddir" build.ninja >/dev/null
mapfile -t data_targets < <(meson introspect "$builddir" --targets | python3 -c '
import json, os, sys
for t in json.load(sys.stdin):
    for f in t["filename"]:
        rel = os.path.relpath(f, sys.argv[1])
        if t["type"] == "custom" and rel.startswith("data" + os.sep):
            print(rel)' "$builddir")
if [ ${#data_targets[@]} -gt 0 ]; then
  ninja -C "$builddir" "${data_targets[@]}" >/dev/null
fi

# `meson test` builds only what the selected tests need (not the GTK app).
exec build-aux/test-session.sh meson test -C "$builddir" --setup sanitize --print-errorlogs \
  --no-suite ui "$@"
