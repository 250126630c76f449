#!/usr/bin/env bash
# Packing quality at scale on triplet sets drawn here (not bundled, seeded): every bin one triple
# of sizes in (C/4, C/2) summing to C exactly — two sizes uniform, the third the rest, redrawn
# until in range — in one dimension or, with DIMENSIONS > 1, a triple drawn for each dimension.
# The optimum is n/3. Runs `cloudplan pack` and prints a Markdown table: instances at the
# optimum, the most bins over it, FFD's bins over it, the longest solve.
#
#   scripts/packing-quality-triplets.sh [time-limit] [jobs] [seed] [capacity] [dimensions] [sizes] [count]
#
# Defaults: 1 s, 2 jobs, seed 77, capacity 1000, 1 dimension, sizes 1002,3003,10002, 5 a size.
# Needs python3 (standard library only).
set -euo pipefail
cd "$(dirname "$0")/.."
limit="${1:-1}"; jobs="${2:-2}"; seed="${3:-77}"; capacity="${4:-1000}"; dims="${5:-1}"
sizes="${6:-1002,3003,10002}"; count="${7:-5}"
make build >/dev/null
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
python3 - "$seed" "$capacity" "$dims" "$sizes" "$count" > "$work/sets.json" <<'PY'
import json, random, sys
seed, C, d, sizes, count = int(sys.argv[1]), int(sys.argv[2]), int(sys.argv[3]), [int(x) for x in sys.argv[4].split(",")], int(sys.argv[5])
rng = random.Random(seed)
def triple():
    while True:
        a, b = rng.randint(C // 4 + 1, C // 2 - 1), rng.randint(C // 4 + 1, C // 2 - 1)
        c = C - a - b
        if C // 4 < c < C // 2:
            return [a, b, c]
out = []
for n in sizes:
    for k in range(count):
        items = []
        for _ in range(n // 3):
            columns = [triple() for _ in range(d)]
            items += [columns[0][j] for j in range(3)] if d == 1 else [[columns[t][j] for t in range(d)] for j in range(3)]
        rng.shuffle(items)
        out.append({"name": f"t{n}_{k:02d}", "capacity": C if d == 1 else [C] * d, "items": items, "optimum": n // 3})
json.dump({"set": "triplets-drawn", "seed": seed, "count": len(out), "instances": out}, sys.stdout)
PY
.build/release/cloudplan pack "$work/sets.json" --time-limit "$limit" --jobs "$jobs" --format json --quiet --output "$work/out.json"
python3 - "$work/out.json" "$limit" "$jobs" "$seed" "$capacity" "$dims" <<'PY'
import json, sys
from collections import defaultdict
ins = json.load(open(sys.argv[1]))["instances"]
limit, jobs, seed, C, d = sys.argv[2:7]
print(f"`pack --time-limit {limit} --jobs {jobs}`, triplets drawn with seed {seed}, C {C}, {d} dimension(s).\n")
print("| items | instances | at the optimum | most bins over | FFD bins over (least) | longest solve s |")
print("|---:|---:|---:|---:|---:|---:|")
by = defaultdict(list)
for i in ins:
    by[i["items"]].append(i)
for n in sorted(by):
    g = by[n]
    at = sum(1 for i in g if i["bins"] == i["known_optimum"])
    over = max(i["bins"] - i["known_optimum"] for i in g)
    ffd = min(i["ffd_bins"] - i["known_optimum"] for i in g)
    slow = max(i["solve_seconds"] for i in g)
    print(f"| {n:,} | {len(g)} | {at} | {over} | {ffd} | {slow:.3f} |")
PY
