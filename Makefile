# baton: `make demo` runs the live demo, `make test` runs every test.
SWIFT ?= swift

.PHONY: all deps build test demo bench fuzz clean

all: build

deps:
	@scripts/ensure-deps.sh

build: deps
	$(SWIFT) build

# The end-to-end tests run the built binary in tmux, so build it first.
test: build
	$(SWIFT) test

demo: build
	.build/debug/baton demo

# Figures for the issues, from a release build of the benchmark program.
bench: deps
	$(SWIFT) build -c release --product baton
	$(SWIFT) build -c release --product baton-bench
	.build/release/baton-bench

# Coverage-guided fuzzing of the parsers (mail, Slack JSON, NPS CSV, config), FUZZ_SECONDS
# each (90 by default); not part of `make test`, which runs the seeds and every crash found.
fuzz: deps
	Fuzz/run.sh

clean:
	rm -rf .build
