# The commands a new user types. Everything else is meson: see README.md.
BUILDDIR ?= _build
MESON_OPTIONS ?= -Ddevelopment=true

.PHONY: all deps build demo test bench clean

all: build

deps:
	@build-aux/install-deps.sh

$(BUILDDIR)/build.ninja:
	meson setup $(BUILDDIR) $(MESON_OPTIONS)

build: deps $(BUILDDIR)/build.ninja
	meson compile -C $(BUILDDIR)

demo: build
	meson devenv -C $(BUILDDIR) ./src/lurk --demo

test: build
	build-aux/test-session.sh meson test -C $(BUILDDIR) --print-errorlogs $(TESTOPTS)

bench: build
	@echo "make bench: not written yet (see the bench issue)" >&2; exit 1

clean:
	rm -rf $(BUILDDIR)
