#!/usr/bin/env bash
# Packing quality on the bundled vector bin packing instances (data/vector-packing/): runs
# `cloudplan pack` with a time limit per instance and writes a Markdown table comparing the share
# of proven optima reached with first fit decreasing and with the best published heuristic.
#
#   scripts/packing-quality.sh [time-limit-seconds] [jobs] [output.md]
#
# Defaults: 1 second, 2 jobs, docs/packing-quality.md. Needs python3 (standard library only).
set -euo pipefail
cd "$(dirname "$0")/.."
limit="${1:-1}"
jobs="${2:-2}"
out="${3:-docs/packing-quality.md}"
make build >/dev/null
results="$(mktemp -d)"
trap 'rm -rf "$results"' EXIT
for set in vp_panigrahy vp_new vp_triplet; do
    echo "packing $set (time limit $limit s, $jobs jobs)..." >&2
    .build/release/cloudplan pack "data/vector-packing/$set.json.gz" --time-limit "$limit" --jobs "$jobs" \
        --format json --output "$results/$set.json"
done
python3 scripts/packing-quality-table.py "$limit" "$jobs" "$results"/vp_panigrahy.json "$results"/vp_new.json \
    "$results"/vp_triplet.json > "$out.tmp"
mv "$out.tmp" "$out"
echo "wrote $out" >&2
