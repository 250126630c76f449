#!/usr/bin/env python3
"""Turns `cloudplan pack --format json` results into the packing-quality table (Markdown).

Usage: packing-quality-table.py LIMIT JOBS RESULT.json...
Only instances with a proven optimum count; "published" is the best of all heuristic variants
reported by Mommessin et al. (2024) for that instance (the `best_heuristic` field of the data).
"""
import json
import os
import platform
import sys

# Issue 16: 90% of Panigrahy, 85% of the new classes, 100% of the triplets at 1 s each.
TARGETS = {"vp_panigrahy": 90, "vp_new": 85, "vp_triplet": 100}
NAMES = {"vp_panigrahy": "Panigrahy et al. classes", "vp_new": "Mommessin et al. new classes",
         "vp_triplet": "multi-dimensional triplets"}


def main():
    limit, jobs, files = sys.argv[1], sys.argv[2], sys.argv[3:]
    print("# Packing quality\n")
    print(f"`scripts/packing-quality.sh {limit} {jobs}`: `cloudplan pack --time-limit {limit} --jobs {jobs}` on every "
          "instance of `data/vector-packing/` that has a proven optimum. *Reached* counts instances packed in the "
          "optimal number of bins; *published* is the best heuristic result reported for the instance "
          "(Mommessin et al., 2024, best of all variants); *FFD* is first fit decreasing by sum of normalised sizes. "
          f"Machine: {platform.machine()}, {os.cpu_count()} cores.\n")
    print("| set | instances | reached | target | published reached | FFD reached | bins over optima | worse than FFD | mean / max solve s |")
    print("|---|---:|---:|---:|---:|---:|---:|---:|---:|")
    for path in files:
        key = os.path.basename(path).removesuffix(".json")
        data = json.load(open(path))
        rows = [r for r in data["instances"] if r["known_optimum"] is not None]
        n = len(rows)
        reached = sum(r["bins"] <= r["known_optimum"] for r in rows)
        published = sum(r["best_published_heuristic"] is not None and r["best_published_heuristic"] <= r["known_optimum"] for r in rows)
        ffd = sum(r["ffd_bins"] <= r["known_optimum"] for r in rows)
        over = sum(max(0, r["bins"] - r["known_optimum"]) for r in rows)
        worse = sum(r["bins"] > r["ffd_bins"] for r in data["instances"])
        times = [r["solve_seconds"] for r in data["instances"]]
        pct = lambda k: f"{100 * k / n:.1f}%" if n else "-"
        print(f"| {NAMES.get(key, key)} | {n} | {reached} ({pct(reached)}) | {TARGETS.get(key, '-')}% | {published} ({pct(published)}) "
              f"| {ffd} ({pct(ffd)}) | {over} | {worse} | {sum(times) / len(times):.3f} / {max(times):.3f} |")
    print()


if __name__ == "__main__":
    main()
