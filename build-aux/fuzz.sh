#!/usr/bin/env bash
# Lurk's libFuzzer targets (tests/fuzz/fuzz-*.c), built with clang in their own build dir.
#
#   build-aux/fuzz.sh build            configure and build every target
#   build-aux/fuzz.sh smoke [TARGET…]  run each for FUZZ_SMOKE_SECONDS (default 3): `make test`
#   build-aux/fuzz.sh run [TARGET…]    run each for FUZZ_SECONDS (default 60): `make fuzz`
#   build-aux/fuzz.sh list             print the target names
#
# Environment: FUZZ_BUILDDIR (default _build-fuzz), FUZZ_SECONDS, FUZZ_SMOKE_SECONDS,
# FUZZ_RUNS (stop after that many executions instead; 0 = no limit), FUZZ_NICE (niceness,
# default 0), FUZZ_KEEP=1 (merge what a run found into the committed corpus, minimized),
# FUZZ_CORPUS_DIR (keep each target's generated corpus in DIR/<name>/ to resume later),
# FUZZ_MAX_LEN (largest input, default 4096: every depth and size limit of the parsers is
# reachable below it; what only a bigger input reaches gets a hand-made regression instead).
# A target reads tests/fuzz/corpus/<target>/ and tests/fuzz/regressions/<target>/ and never
# writes there unless FUZZ_KEEP=1; new inputs go to a temporary directory. A crash, leak,
# sanitizer report, critical or timeout leaves its input in $FUZZ_BUILDDIR/artifacts/ and
# makes the script fail. Every finding becomes a file in tests/fuzz/regressions/<target>/,
# which every build (gcc, sanitizers, valgrind) replays as the `fuzz` test suite.
{ # the whole script is one compound command: bash reads it all before running, so editing
  # this file cannot disturb a long run that is using it.
set -euo pipefail

cd "$(dirname "$0")/.."
srcdir=$PWD
builddir=${FUZZ_BUILDDIR:-_build-fuzz}
mode=${1:-smoke}
shift || true

if ! command -v clang >/dev/null 2>&1; then
  echo "fuzz: clang is missing (build-aux/install-deps.sh installs it)" >&2
  exit 1
fi

configure () {
  if [ ! -f "$builddir/build.ninja" ]; then
    rm -rf "$builddir"
    if ! CC=clang meson setup "$builddir" -Ddevelopment=true -Dfuzzing=true -Dui_tests=false \
         -Db_sanitize=address,undefined -Db_lundef=false --buildtype=debugoptimized \
         >"${TMPDIR:-/tmp}/lurk-fuzz-setup.log" 2>&1; then
      tail -20 "${TMPDIR:-/tmp}/lurk-fuzz-setup.log" >&2
      rm -rf "$builddir"
      exit 1
    fi
  fi
}

list_targets () {
  meson introspect "$builddir" --targets | python3 -c '
import json, sys
names = sorted(t["name"] for t in json.load(sys.stdin)
               if t["type"] == "executable" and t["name"].startswith("fuzz-"))
print("\n".join(names))'
}

configure
# Regenerates build.ninja (and the introspection data) when a meson.build changed.
ninja -C "$builddir" build.ninja >/dev/null
mapfile -t all_targets < <(list_targets)
if [ $# -gt 0 ]; then
  targets=()
  for t in "$@"; do targets+=("fuzz-${t#fuzz-}"); done
else
  targets=("${all_targets[@]}")
fi

case "$mode" in
  list) printf '%s\n' "${all_targets[@]}"; exit 0 ;;
  build|smoke|run) ;;
  *) echo "usage: $0 build|smoke|run|list [TARGET…]" >&2; exit 2 ;;
esac

if [ ${#targets[@]} -eq 0 ]; then
  echo "fuzz: no fuzz targets yet" >&2
  exit 0
fi

paths=()
for t in "${targets[@]}"; do paths+=("tests/fuzz/$t"); done
if ! ninja -C "$builddir" "${paths[@]}" >"$builddir/fuzz-build.log" 2>&1; then
  grep -E 'error|FAILED' "$builddir/fuzz-build.log" | head -20 >&2
  echo "fuzz: build failed, see $builddir/fuzz-build.log" >&2
  exit 1
fi
[ "$mode" = build ] && exit 0

if [ "$mode" = smoke ]; then
  seconds=${FUZZ_SMOKE_SECONDS:-3}
else
  seconds=${FUZZ_SECONDS:-60}
fi
runs=${FUZZ_RUNS:-0}

# Fuzzing runs without leak checks: GLib has no frame pointers, so the fast unwinder stops at
# g_malloc() and no suppression (build-aux/valgrind/lsan.supp) could match. Leaks are
# checked afterwards, by replaying every input the run kept with full stacks (below).
export ASAN_OPTIONS=${ASAN_OPTIONS:-halt_on_error=1:detect_leaks=0}
leak_options="halt_on_error=1:detect_leaks=1:fast_unwind_on_malloc=0:malloc_context_size=14"
export LSAN_OPTIONS=${LSAN_OPTIONS:-print_suppressions=0:suppressions=$srcdir/build-aux/valgrind/lsan.supp}
export UBSAN_OPTIONS=${UBSAN_OPTIONS:-halt_on_error=1:print_stacktrace=1}
export G_SLICE=always-malloc

artifacts="$builddir/artifacts"
logs="$builddir/fuzz-logs"
mkdir -p "$artifacts" "$logs"
status=0

for target in "${targets[@]}"; do
  name=${target#fuzz-}
  corpus="$srcdir/tests/fuzz/corpus/$name"
  regressions="$srcdir/tests/fuzz/regressions/$name"
  if [ -n "${FUZZ_CORPUS_DIR:-}" ]; then
    work="$FUZZ_CORPUS_DIR/$name"   # kept between runs, so a long campaign resumes
    mkdir -p "$work"
  else
    work=$(mktemp -d "${TMPDIR:-/tmp}/lurk-fuzz-$name.XXXXXX")
  fi
  inputs=("$work")
  [ -d "$corpus" ] && inputs+=("$corpus")
  [ -d "$regressions" ] && inputs+=("$regressions")
  args=(-max_total_time="$seconds" -max_len="${FUZZ_MAX_LEN:-4096}" -timeout=10
        -rss_limit_mb=2048 -print_final_stats=1
        -artifact_prefix="$artifacts/$name-" -dict="$srcdir/tests/fuzz/json.dict")
  [ "$runs" != 0 ] && args+=(-runs="$runs")
  log="$logs/$name.log"
  start=$(date +%s)
  set +e
  nice -n "${FUZZ_NICE:-0}" "$builddir/tests/fuzz/$target" "${args[@]}" "${inputs[@]}" >"$log" 2>&1
  rc=$?
  set -e
  if [ $rc -eq 0 ]; then
    # The leak check: every kept input once, with LeakSanitizer and full stacks.
    set +e
    ASAN_OPTIONS=$leak_options nice -n "${FUZZ_NICE:-0}" "$builddir/tests/fuzz/$target" \
      -runs=0 "${inputs[@]}" >"$log.leaks" 2>&1
    rc=$?
    set -e
    [ $rc -eq 0 ] || cat "$log.leaks" >>"$log"
  fi
  elapsed=$(( $(date +%s) - start ))
  execs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -1 || true)
  cov=$(grep -oE 'cov: [0-9]+ ft: [0-9]+' "$log" | tail -1 | sed -E 's/:/ /g; s/  +/ /g' || true)
  corpus_n=$(find "$work" -type f | wc -l)
  if [ $rc -ne 0 ]; then
    echo "FAIL $target (exit $rc after ${elapsed}s, ${execs:-?} execs): see $log" >&2
    grep -E 'ERROR|SUMMARY|runtime error|CRITICAL|Test unit written' "$log" | head -20 >&2 || true
    if grep -q LeakSanitizer "$log"; then
      grep -E '^ +#[0-9]+ 0x[0-9a-f]+ in [a-z_]+ [^(]' "$log" | head -8 >&2 || true
    fi
    status=1
  else
    printf 'ok   %-28s %10s execs  %-20s %5s new inputs  %4ss\n' \
      "$target" "${execs:-?}" "${cov:-cov ?}" "$corpus_n" "$elapsed"
  fi
  if [ "${FUZZ_KEEP:-0}" = 1 ] && [ $rc -eq 0 ] && [ "$corpus_n" -gt 0 ]; then
    mkdir -p "$corpus"
    "$builddir/tests/fuzz/$target" -merge=1 -timeout=10 "$corpus" "$work" >>"$log" 2>&1
  fi
  [ -n "${FUZZ_CORPUS_DIR:-}" ] || rm -rf "$work"
done

exit $status
}
