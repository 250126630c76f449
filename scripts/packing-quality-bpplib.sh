#!/usr/bin/env bash
# One-dimensional packing quality on BPPLIB (Delorme, Iori, Martello 2018; not bundled: its
# instances are published as RAR archives at https://github.com/mdelorme2/BPPLIB, licence in that
# repository). Give the folder the archives were extracted into (bsdtar -xf FILE.rar, from
# libarchive-tools): it must hold Falkenauer/, Scholl/, Wäscher/, Schwerin/, Hard28/ and, for the
# harder classes, Difficult_Instances/ (AI and ANI). Runs `cloudplan pack` on every instance and
# prints a Markdown table per family: instances, proven (bins = the lower bound pack proves; an
# instance whose optimum is above every bound pack knows is never counted), share, the most bins
# over the bound, the longest solve.
#
#   scripts/packing-quality-bpplib.sh FOLDER [time-limit-seconds] [jobs]
set -euo pipefail
cd "$(dirname "$0")/.."
folder="${1:?usage: scripts/packing-quality-bpplib.sh FOLDER [time-limit] [jobs]}"
limit="${2:-1}"
jobs="${3:-2}"
make build >/dev/null
results="$(mktemp -d)"
trap 'rm -rf "$results"' EXIT
classes=(Falkenauer Scholl Wäscher Schwerin Hard28 Difficult_Instances/AI Difficult_Instances/ANI)
for class in "${classes[@]}"; do
    [ -d "$folder/$class" ] || { echo "skipping $class: not in $folder" >&2; continue; }
    echo "packing $class (time limit $limit s, $jobs jobs)..." >&2
    find "$folder/$class" -name '*.txt' -print0 | sort -z |
        xargs -0 .build/release/cloudplan pack --time-limit "$limit" --jobs "$jobs" --format json --quiet \
            --output "$results/${class//\//-}.json"
done
python3 - "$limit" "$jobs" "$results" "${classes[@]}" <<'PY'
import json, os, sys
limit, jobs, results, classes = sys.argv[1], sys.argv[2], sys.argv[3], sys.argv[4:]
print(f"`cloudplan pack --time-limit {limit} --jobs {jobs}` on BPPLIB; proven: bins = the proven lower bound.\n")
print("| class | instances | proven | share | most bins over the bound | longest solve s |")
print("|---|---:|---:|---:|---:|---:|")
total = proven = 0
for c in classes:
    path = os.path.join(results, c.replace("/", "-") + ".json")
    if not os.path.exists(path):
        continue
    ins = json.load(open(path))["instances"]
    p = sum(1 for i in ins if i["bins"] == i["lower_bound"])
    gap = max(i["bins"] - i["lower_bound"] for i in ins)
    slow = max(i["solve_seconds"] for i in ins)
    classical = not c.startswith("Difficult")
    if classical:
        total += len(ins); proven += p
    print(f"| {c} | {len(ins)} | {p} | {100 * p / len(ins):.1f}% | {gap} | {slow:.3f} |")
if total:
    print(f"| classical (all but AI/ANI) | {total} | {proven} | {100 * proven / total:.1f}% | | |")
PY
