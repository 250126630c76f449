#!/usr/bin/env python3
"""Turns `cloudplan pack --format json` results on the 1-D families into a Markdown table.

Usage: packing-quality-1d-table.py LIMIT JOBS LOAD RESULT...   (RESULT: a path without .json)
An instance counts as solved when its bins equal the lower bound pack proved (so the packing is
optimal and known to be); triplet and split-bin sets also carry their optimum by construction.
"""
import json
import os
import platform
import sys

SOURCES = {
    "falkenauer-u": "Falkenauer (1996) U: C 150, weights 20-100",
    "falkenauer-t": "Falkenauer (1996) T: triplets, C 1,000",
    "scholl-1": "Scholl, Klein, Jürgens (1997) set 1 (N)",
    "scholl-2": "Scholl, Klein, Jürgens (1997) set 2 (W)",
    "scholl-3": "Scholl, Klein, Jürgens (1997) set 3 (hard)",
    "schwerin-1": "Schwerin, Wäscher (1997) set 1",
    "schwerin-2": "Schwerin, Wäscher (1997) set 2",
    "waescher": "Wäscher, Gau (1996) style (CUTGEN1)",
    "hard-perfect": "hard28-sized split bins (known optimum)",
}


def main():
    limit, jobs, load, paths = sys.argv[1], sys.argv[2], sys.argv[3], sys.argv[4:]
    print("# Packing quality: one-dimensional classical families\n")
    print(f"`scripts/packing-quality-1d.sh {limit} {jobs} … {load}`: `cloudplan pack --time-limit {limit} --jobs {jobs}` "
          "on every instance of `data/bin-packing-1d/` (each family drawn by its published rule with "
          "`cloudplan instances FAMILY --seed 2026`; the rules and their sources are in Sources/PlacementIO/ClassicalFamilies.swift and `cloudplan instances --help`). *Proven* counts "
          "instances packed in as many bins as the lower bound pack proves (the best of the volume, L2, conflict and "
          "LP bounds), so optimal and known to be; *FFD proven* is the same for first fit decreasing alone against "
          f"that bound. {load} busy processes ran beside the packing. Machine: {platform.machine()}, "
          f"{os.cpu_count()} cores.\n")
    print("| family | instances | proven | share | FFD proven | bins over bounds | worse than FFD | mean / max solve s |")
    print("|---|---:|---:|---:|---:|---:|---:|---:|")
    total = proven_all = 0
    for path in paths:
        family = os.path.basename(path)
        with open(path + ".json") as f:
            rows = json.load(f)["instances"]
        proven = sum(1 for r in rows if r["bins"] == r["lower_bound"])
        ffd = sum(1 for r in rows if r["ffd_bins"] == r["lower_bound"])
        over = sum(r["bins"] - r["lower_bound"] for r in rows)
        worse = sum(1 for r in rows if r["bins"] > r["ffd_bins"])
        times = [r["solve_seconds"] for r in rows]
        total += len(rows)
        proven_all += proven
        print(f"| {SOURCES.get(family, family)} | {len(rows)} | {proven} | {100 * proven / len(rows):.1f}% | {ffd} | "
              f"{over} | {worse} | {sum(times) / len(times):.3f} / {max(times):.3f} |")
    print(f"| all | {total} | {proven_all} | {100 * proven_all / total:.1f}% | | | | |")


if __name__ == "__main__":
    main()
