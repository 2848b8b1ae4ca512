#!/usr/bin/env bash
# Runs one fuzz target for a while with the project's limits (see README.md):
#
#   fuzz/run.sh TARGET [SECONDS]        (default 600 seconds)
#
# One process, one job (-jobs=1 -workers=1): libFuzzer then writes its output to fuzz-0.log in
# the working directory, so the run happens in $FUZZ_LOGS/TARGET (default fuzz/logs/TARGET),
# and the log is kept there as TARGET.log. Crashes, timeouts and out-of-memory inputs land in
# fuzz/artifacts/TARGET/. The binary is built for the host, x86_64 Linux.
set -euo pipefail

fuzz_dir="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
target=${1:?usage: fuzz/run.sh TARGET [SECONDS]}
seconds=${2:-600}
logs="${FUZZ_LOGS:-$fuzz_dir/logs}/$target"
mkdir -p "$logs" "$fuzz_dir/corpus/$target"

# The policy file's reader keeps (leaks, on purpose) the text of the rules it reads for the
# rest of the run, which the leak checker would report as a failure of every such input and,
# through AddressSanitizer, once more when the process exits.
extra=()
if [[ $target == catscan_toml ]]; then
    extra+=(-detect_leaks=0)
    export ASAN_OPTIONS="${ASAN_OPTIONS:+$ASAN_OPTIONS:}detect_leaks=0"
fi
# A CSV part list is read twice (found and named columns) and each of its rows is evaluated, in
# this instrumented build at about 10 ms a row: inputs are kept to 16 KiB (some 150 rows, under
# 2 s), so that the time limit stays several times what an input of the maximum size needs.
max_len=131072
if [[ $target == csv ]]; then
    max_len=16384
fi

# The build uses the options `cargo fuzz run` uses by default (optimised, with debug assertions
# and overflow checks, AddressSanitizer). FUZZ_NO_BUILD=1 runs the binary as last built, so that
# editing the sources while a series of runs goes on does not rebuild in the middle of it.
if [[ -z "${FUZZ_NO_BUILD:-}" ]]; then
    (cd "$fuzz_dir" && cargo +nightly fuzz build -a "$target")
fi
binary="$fuzz_dir/target/x86_64-unknown-linux-gnu/release/$target"
mkdir -p "$fuzz_dir/artifacts/$target"

cd "$logs"
rm -f fuzz-0.log
"$binary" "$fuzz_dir/corpus/$target" \
    -artifact_prefix="$fuzz_dir/artifacts/$target/" \
    -max_total_time="$seconds" \
    -timeout=10 \
    -rss_limit_mb=2048 \
    -max_len="$max_len" \
    -jobs=1 -workers=1 \
    -print_final_stats=1 \
    "${extra[@]}" || status=$?
mv -f fuzz-0.log "$target.log" 2>/dev/null || true
exit "${status:-0}"
