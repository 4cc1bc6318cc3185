#!/usr/bin/env bash
# Builds the non-UI test suites with AddressSanitizer, LeakSanitizer and
# UndefinedBehaviorSanitizer in their own build dir and runs them (halting on the first
# report) inside the test session. `make test` runs it after the main suite; `make sanitize`
# runs only this.
#
#   build-aux/sanitize.sh [meson test arguments…]      e.g. --suite unit
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

# `meson test` builds only what the selected tests need (not the GTK app).
exec build-aux/test-session.sh meson test -C "$builddir" --setup sanitize --print-errorlogs \
  --no-suite ui "$@"
