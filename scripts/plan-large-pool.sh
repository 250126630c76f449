#!/usr/bin/env bash
# `plan` of one pool of many tenants (issue 35's row "plan of 10,000 tenants in one pool"):
# japan-all's scenario with its population table replaced by N fictitious towns of 1,000-20,000
# residents (seeded) and its pools by one pool of all of them; prints the wall time of
# `cloudplan plan --format json` and the pool's blades. Nothing is written to the repository.
#
#   scripts/plan-large-pool.sh [towns] [seed] [runs]
#
# Defaults: 10,000 towns (190,000 VMs, 25,871 blades), seed 1, 3 runs. Needs python3.
set -euo pipefail
cd "$(dirname "$0")/.."
towns="${1:-10000}"; seed="${2:-1}"; runs="${3:-3}"
make build >/dev/null
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
cp -r Scenarios/library "$work/library"
python3 - "$towns" "$seed" > "$work/towns.csv" <<'PY'
import random, sys
n, seed = int(sys.argv[1]), int(sys.argv[2])
rng = random.Random(seed)
print("prefecture_code,prefecture,code5,code6,name,level,population")
for i in range(n):
    print(f"01,北海道,{10000 + i},{100000 + i},T{i},municipality,{rng.randint(1000, 20000)}")
PY
sed -e 's#^population_table: .*#population_table: towns.csv#' \
    -e 's#^  - per_prefecture: true#  - name: one\n    tenants: all#' Scenarios/japan-all.yaml > "$work/large.yaml"
grep -q "tenants: all" "$work/large.yaml" || { echo "plan-large-pool: japan-all.yaml no longer has 'per_prefecture: true' to replace" >&2; exit 1; }
for ((r = 1; r <= runs; r++)); do
    start=$(date +%s.%N)
    .build/release/cloudplan plan "$work/large.yaml" --format json --output "$work/plan.json"
    end=$(date +%s.%N)
    python3 - "$work/plan.json" "$start" "$end" "$towns" <<'PY'
import json, sys
d = json.load(open(sys.argv[1]))
pool = d["pools"][0]
print(f"{int(sys.argv[4]):,} towns: {float(sys.argv[3]) - float(sys.argv[2]):.2f} s, {pool.get('blades')} blades")
PY
done
