#!/usr/bin/env bash
# Growth with size (issue 16, item 8): plan and simulate time and peak memory for about 10, 100,
# 1,000 and all 1,741 municipalities of Japan-all (whole prefectures, the smallest first, until
# the count is reached), printed as the Markdown table of docs/performance.md.
# Usage: scripts/growth.sh [replications] [horizon]   (default 1 replication of 1 year)
# GROWTH_TEN_X=1 adds 10× japan-all (synthetic: every municipality ten times, 17,410 tenants).
# Needs the release build: swift build -c release --product cloudplan.
set -euo pipefail
cd "$(dirname "$0")/.."
bin=${CLOUDPLAN_BIN:-.build/release/cloudplan}
reps=${1:-1}
horizon=${2:-1y}
work=.build/growth
rm -rf "$work"
mkdir -p "$work/Scenarios" "$work/data"
cp -r Scenarios/library "$work/Scenarios/library"
cp data/municipalities-2020.csv "$work/data/"
python3 - "$work" <<'PY'
import csv, sys
work = sys.argv[1]
rows = [r for r in csv.DictReader(open("data/municipalities-2020.csv", encoding="utf-8")) if r["code5"] and r["prefecture_code"] != "00"]
by_pref = {}
for r in rows:
    by_pref.setdefault(r["prefecture_code"], (r["prefecture"], []))[1].append(r)
text = open("Scenarios/japan-all.yaml", encoding="utf-8").read()
for target in (10, 100, 1000):
    chosen, count = [], 0
    for code in sorted(by_pref, key=lambda c: (len(by_pref[c][1]), c)):
        if count >= target: break
        name, members = by_pref[code]
        chosen.append(name); count += len(members)
    out = text.replace("select: {prefectures: all}", "select: {prefectures: [" + ", ".join(chosen) + "]}")
    open(f"{work}/Scenarios/growth-{target}.yaml", "w", encoding="utf-8").write(out)
    print(f"growth-{target}: {count} municipalities in {len(chosen)} prefectures", file=sys.stderr)
open(f"{work}/Scenarios/growth-all.yaml", "w", encoding="utf-8").write(text)
# 10× japan-all (synthetic): every municipality ten times over (copies k = 1..9 get code5 and
# code6 suffixed "-k" and name suffixed "k"), the same 47 prefectural pools.
with open("data/municipalities-2020.csv", encoding="utf-8") as f:
    header, *lines = list(csv.reader(f))
with open(f"{work}/data/municipalities-10x.csv", "w", encoding="utf-8", newline="") as f:
    out = csv.writer(f, lineterminator="\n")
    out.writerow(header)
    for r in lines:
        out.writerow(r)
        if r[5] in ("municipality", "designated_city", "tokyo_special_ward"):
            for k in range(1, 10):
                out.writerow(r[:2] + [r[2] + f"-{k}", r[3] + f"-{k}", r[4] + str(k)] + r[5:])
ten = text.replace("population_table: ../data/municipalities-2020.csv", "population_table: ../data/municipalities-10x.csv")
open(f"{work}/Scenarios/growth-10x.yaml", "w", encoding="utf-8").write(ten)
PY
echo "| scenario | tenants | pools | plan s | plan MiB | simulate s ($reps × $horizon) | simulate MiB | events/s |"
echo "|---|---:|---:|---:|---:|---:|---:|---:|"
for s in 10 100 1000 all ${GROWTH_TEN_X:+10x}; do
    f="$work/Scenarios/growth-$s.yaml"
    /usr/bin/time -f "%e %M" -o "$work/plan.time" "$bin" plan "$f" --format json --output "$work/plan-$s.json" --quiet || true
    /usr/bin/time -f "%e %M" -o "$work/sim.time" "$bin" simulate "$f" --replications "$reps" --horizon "$horizon" --jobs 2 \
        --format json --output "$work/sim-$s.json" --quiet || true
    read -r pt pm < "$work/plan.time"
    read -r st sm < "$work/sim.time"
    python3 - "$work/plan-$s.json" "$work/sim-$s.json" "$s" "$pt" "$pm" "$st" "$sm" <<'PY'
import json, sys
plan, sim = json.load(open(sys.argv[1])), json.load(open(sys.argv[2]))
s, pt, pm, st, sm = sys.argv[3:]
eps = sim["performance"].get("events_per_second")
print(f"| {s} | {len(plan['tenants'])} | {len(plan['pools'])} | {float(pt):.2f} | {int(pm) / 1024:.0f} | {float(st):.2f} | {int(sm) / 1024:.0f} | {eps / 1e6:.1f} M |" if eps else
      f"| {s} | {len(plan['tenants'])} | {len(plan['pools'])} | {float(pt):.2f} | {int(pm) / 1024:.0f} | {float(st):.2f} | {int(sm) / 1024:.0f} | – |")
PY
done
