#!/bin/sh
# `make fuzz`: each parser's libFuzzer harness, built with `swiftc -sanitize=fuzzer` straight
# from the parser's sources, run for a bounded time (FUZZ_SECONDS each, 90 by default).
# Starts from Fuzz/corpus/NAME (the seeds, kept in git) and a working corpus in
# .build/fuzz/work-NAME (not kept). A crash, a trap or an input slower than 5 s is written to
# Fuzz/crashes/NAME/; keep it in git: the corpus tests (FuzzCorpusTests, ConfigFuzzCorpusTests)
# run every file in both folders in `make test`. Exits 1 when any harness found something.
#
#   FUZZ_SECONDS=30 make fuzz        shorter runs
#   Fuzz/run.sh mail nps             only some harnesses
set -u
cd "$(dirname "$0")/.."
seconds=${FUZZ_SECONDS:-90}
out=.build/fuzz
mkdir -p "$out"
status=0
ingest=Sources/BatonIngest

build() {
    name=$1
    shift
    echo "fuzz: building $name"
    swiftc -sanitize=fuzzer -parse-as-library -O -module-name "Fuzz_$name" "$@" -o "$out/$name"
}

build_config() {
    # BatonCore and BatonConfig compile into the harness; TOMLKit (and its C++ toml++) come
    # from the debug build, uninstrumented: the fuzzer steers by coverage of our checks.
    swift build --product baton >/dev/null || return 1
    bin=$(swift build --show-bin-path)
    objects=$(find "$bin/TOMLKit.build" "$bin/CTOML.build" -name '*.o' 2>/dev/null)
    build config Fuzz/Harnesses/ConfigFuzz.swift Sources/BatonCore/*.swift Sources/BatonConfig/*.swift \
        -I "$bin/Modules" -Xcc -fmodule-map-file="$bin/CTOML.build/module.modulemap" $objects -lstdc++
}

run() {
    name=$1
    mkdir -p "$out/work-$name" "Fuzz/crashes/$name"
    echo "fuzz: running $name for $seconds s"
    # Swift's own backtracer would take the crash before libFuzzer writes the input down.
    if ! SWIFT_BACKTRACE=enable=no "$out/$name" -max_total_time="$seconds" -timeout=5 -rss_limit_mb=2048 -max_len=262144 -print_final_stats=1 \
        -artifact_prefix="Fuzz/crashes/$name/" "$out/work-$name" "Fuzz/corpus/$name"; then
        echo "fuzz: $name found a crash or a slow input; it is in Fuzz/crashes/$name/ (add it to git; make test runs it)"
        status=1
    fi
}

targets=${*:-mail slack nps config}
for target in $targets; do
    case $target in
    mail) build mail Fuzz/Harnesses/MailFuzz.swift $ingest/Email/*.swift $ingest/Intake/StoredText.swift \
            $ingest/Intake/IngestError.swift Fuzz/Shims/Roster.swift && run mail || status=1 ;;
    slack) build slack Fuzz/Harnesses/SlackFuzz.swift $ingest/Slack/SlackMessage.swift $ingest/Slack/SlackItem.swift \
            $ingest/Slack/SlackMarkup.swift && run slack || status=1 ;;
    nps) build nps Fuzz/Harnesses/NPSFuzz.swift $ingest/NPS/*.swift && run nps || status=1 ;;
    config) build_config && run config || status=1 ;;
    *) echo "fuzz: no harness $target (mail, slack, nps, config)"; status=2 ;;
    esac
done
exit $status
