# baton: `make demo` runs the live demo, `make test` runs every test.
SWIFT ?= swift

.PHONY: all deps build test demo bench fuzz clean install

all: build

deps:
	@scripts/ensure-deps.sh

build: deps
	$(SWIFT) build

# The end-to-end tests run the built binary in tmux, so build it first. A throwaway
# PostgreSQL server (scripts/postgres-test-server.sh) runs for the store's conformance
# suite on PostgreSQL, and is stopped after, whether the tests pass or not.
PG_TEST_STATE = .build/postgres-test.state
test: build
	@set -e; out=$$(scripts/postgres-test-server.sh start $(PG_TEST_STATE)); \
	trap 'scripts/postgres-test-server.sh stop $(PG_TEST_STATE)' EXIT INT TERM; \
	BATON_TEST_POSTGRES_URL=$$(echo "$$out" | sed -n 1p) PGPASSFILE=$$(echo "$$out" | sed -n 2p) $(SWIFT) test

demo: build
	.build/debug/baton demo

# Figures for the issues, from a release build of the benchmark program. The store figures
# are taken on PostgreSQL too, on a private server started here as for `make test` and
# stopped after; when it cannot start, the bench says so and prints SQLite's alone.
PG_BENCH_STATE = .build/postgres-bench.state
bench: deps
	$(SWIFT) build -c release --product baton
	$(SWIFT) build -c release --product baton-postgres
	$(SWIFT) build -c release --product baton-bench
	@trap 'scripts/postgres-test-server.sh stop $(PG_BENCH_STATE)' EXIT INT TERM; \
	if out=$$(scripts/postgres-test-server.sh start $(PG_BENCH_STATE)); then \
		export BATON_BENCH_POSTGRES_URL=$$(echo "$$out" | sed -n 1p) PGPASSFILE=$$(echo "$$out" | sed -n 2p); \
	else \
		export BATON_BENCH_POSTGRES_SKIPPED="scripts/postgres-test-server.sh could not start a server (its error is above)"; \
	fi; \
	.build/release/baton-bench

# Coverage-guided fuzzing of the parsers (mail, Slack JSON, NPS CSV, config), FUZZ_SECONDS
# each (90 by default); not part of `make test`, which runs the seeds and every crash found.
fuzz: deps
	Fuzz/run.sh

clean:
	rm -rf .build

# `make install PREFIX=/usr/local`: baton, baton-serve and baton-postgres (release builds), the themes, a
# man page (swift-argument-parser's generate-manual plugin) and bash, zsh and fish
# completions. DESTDIR stages it for a package.
PREFIX ?= /usr/local
install: deps
	$(SWIFT) build -c release --product baton
	$(SWIFT) build -c release --product baton-serve
	$(SWIFT) build -c release --product baton-postgres
	install -d $(DESTDIR)$(PREFIX)/bin $(DESTDIR)$(PREFIX)/share/baton/themes $(DESTDIR)$(PREFIX)/share/man/man1 \
		$(DESTDIR)$(PREFIX)/share/bash-completion/completions $(DESTDIR)$(PREFIX)/share/zsh/site-functions \
		$(DESTDIR)$(PREFIX)/share/fish/vendor_completions.d
	install -m 755 .build/release/baton .build/release/baton-serve .build/release/baton-postgres $(DESTDIR)$(PREFIX)/bin/
	install -m 644 themes/*.toml $(DESTDIR)$(PREFIX)/share/baton/themes/
	mkdir -p .build/man
	$(SWIFT) package --allow-writing-to-package-directory generate-manual --output-directory .build/man
	install -m 644 .build/man/baton.1 $(DESTDIR)$(PREFIX)/share/man/man1/
	.build/release/baton --generate-completion-script bash > $(DESTDIR)$(PREFIX)/share/bash-completion/completions/baton
	.build/release/baton --generate-completion-script zsh > $(DESTDIR)$(PREFIX)/share/zsh/site-functions/_baton
	.build/release/baton --generate-completion-script fish > $(DESTDIR)$(PREFIX)/share/fish/vendor_completions.d/baton.fish
