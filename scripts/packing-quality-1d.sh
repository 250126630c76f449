#!/usr/bin/env bash
# One-dimensional packing quality on the classical families (data/bin-packing-1d/, drawn by
# `cloudplan instances FAMILY --seed 2026`): runs `cloudplan pack` with a time limit per
# instance and writes a Markdown table of the share packed in a proven optimal number of bins
# (bins = the lower bound `pack` proves).
#
#   scripts/packing-quality-1d.sh [time-limit-seconds] [jobs] [output.md] [load-processes]
#
# Defaults: 1 second, 2 jobs, docs/packing-quality-1d.md, 0. With load-processes > 0, that many
# busy loops run beside the packing (a loaded machine). Needs python3 (standard library only).
set -euo pipefail
cd "$(dirname "$0")/.."
limit="${1:-1}"
jobs="${2:-2}"
out="${3:-docs/packing-quality-1d.md}"
load="${4:-0}"
make build >/dev/null
results="$(mktemp -d)"
loaders=()
cleanup() { for p in "${loaders[@]}"; do kill "$p" 2>/dev/null || true; done; rm -rf "$results"; }
trap cleanup EXIT
for ((k = 0; k < load; k++)); do (while :; do :; done) & loaders+=($!); done
families=(falkenauer-u falkenauer-t scholl-1 scholl-2 scholl-3 schwerin-1 schwerin-2 waescher hard-perfect)
for family in "${families[@]}"; do
    echo "packing $family (time limit $limit s, $jobs jobs, $load loading processes)..." >&2
    .build/release/cloudplan pack "data/bin-packing-1d/$family.json.gz" --time-limit "$limit" --jobs "$jobs" \
        --format json --output "$results/$family.json"
done
python3 scripts/packing-quality-1d-table.py "$limit" "$jobs" "$load" "${families[@]/#/$results/}" > "$out.tmp"
mv "$out.tmp" "$out"
echo "wrote $out" >&2
