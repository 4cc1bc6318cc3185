# The commands a new user types. Everything else is meson: see README.md.
BUILDDIR ?= _build
MESON_OPTIONS ?= -Ddevelopment=true

.PHONY: all deps build demo test bench clean sanitize fuzz lint valgrind

all: build

deps:
	@build-aux/install-deps.sh

$(BUILDDIR)/build.ninja:
	meson setup $(BUILDDIR) $(MESON_OPTIONS)

build: deps $(BUILDDIR)/build.ninja
	meson compile -C $(BUILDDIR)

demo: build
	meson devenv -C $(BUILDDIR) ./src/lurk --demo

# The main suite, then the non-UI suites under ASan+UBSan (_build-asan), then each fuzz target
# for a few seconds (_build-fuzz), then static analysis: scan-build over the whole tree
# (_build-scan) and cppcheck: 3.5 CPU-minutes, 4 min wall at load average 3-4 (9 at 11).
test: build
	build-aux/test-session.sh meson test -C $(BUILDDIR) --print-errorlogs $(TESTOPTS)
	build-aux/sanitize.sh
	build-aux/fuzz.sh smoke
	build-aux/lint.sh scan-build cppcheck

sanitize: deps
	build-aux/sanitize.sh

# The non-UI suites under valgrind's memcheck (the `valgrind` setup in meson.build: definite
# leaks and invalid accesses fail), one test at a time: about 10 minutes on two busy cores.
valgrind: build
	build-aux/test-session.sh meson test -C $(BUILDDIR) --setup valgrind --num-processes 1 \
	  --print-errorlogs $(TESTOPTS)

# FUZZ_SECONDS per target (default 60); build-aux/fuzz.sh has the other knobs.
fuzz: deps
	build-aux/fuzz.sh run

# scan-build, cppcheck, and clang-format on changed files (LINT_BASE, see build-aux/lint.sh).
lint: deps
	build-aux/lint.sh

# BENCH_RUNS (3), BENCH_IDLE_SECONDS (60) and the other knobs in bench/run-bench.py.
# Its own build, with make bench's instrumentation built into lurk (-Dbench_hooks=true):
# the app that _build and a release build make has none.
BENCH_BUILDDIR ?= _build-bench

$(BENCH_BUILDDIR)/build.ninja:
	meson setup $(BENCH_BUILDDIR) $(MESON_OPTIONS) -Dbench_hooks=true

bench: deps $(BENCH_BUILDDIR)/build.ninja
	meson compile -C $(BENCH_BUILDDIR)
	@if [ ! -d bench/twurple/node_modules ] || \
	    [ bench/twurple/package-lock.json -nt bench/twurple/node_modules ]; then \
	  (cd bench/twurple && npm ci --no-audit --no-fund) || \
	    echo "npm ci failed: the twurple comparison will be skipped"; fi
	LURK_BUILD_DIR=$(BENCH_BUILDDIR) build-aux/test-session.sh python3 bench/run-bench.py

clean:
	rm -rf $(BUILDDIR) $(BENCH_BUILDDIR) _build-asan _build-fuzz _build-scan
