#!/usr/bin/env bash
# Runs cloudplan-fuzz (release build) for FUZZ_SECONDS (default 60) with FUZZ_SEED (default 1:
# CI explores the same sequence every time; give another seed to explore further). A crash ends the fuzzer with its
# signal: the input it was reading is then copied to Tests/Fuzz/crashes/ and named here, so that
# it can be added to Tests/Fuzz/regressions/ (see Tests/Fuzz/README.md).
set -uo pipefail
cd "$(dirname "$0")/.."
seconds=${FUZZ_SECONDS:-60}
seed=${FUZZ_SEED:-1}
workspace=.build/fuzz
swift build -c release --product cloudplan-fuzz >/dev/null || exit 1
echo "fuzz: $seconds s, seed $seed"
.build/release/cloudplan-fuzz --seconds "$seconds" --seed "$seed" --workspace "$workspace"
status=$?
if [ $status -gt 128 ] && [ -f "$workspace/current.txt" ]; then
    mkdir -p Tests/Fuzz/crashes
    IFS=$'\t' read -r target file what round < "$workspace/current.txt"
    saved="Tests/Fuzz/crashes/$target-$(basename "$file")"
    cp "$workspace/$file" "$saved"
    echo "fuzz: crashed (signal $((status - 128))) on $target $file ($what, $round); input saved as $saved"
fi
exit $status
