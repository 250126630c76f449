#!/usr/bin/env python3
"""Writes the bundled usage examples (issue 32) into data/usage/, deterministically:

- bitbrains-town-usage.csv.gz: the plain usage CSV (vm, timestamp, cpu_mhz) of ten VMs of the
  Bitbrains GWA-T-12 fastStorage trace in data/traces/ (those on 2,926 MHz cores), 2013-08-12 to
  2013-09-11, 5-minute samples; and bitbrains-town-inventory.csv, their allocation (vCPUs and
  memory from the trace's meta file; disk and host names made up here).
- vcenter-getstat-example.csv and vcenter-town-inventory.csv: a vCenter performance export as
  PowerCLI's `Get-Stat | Export-Csv` writes it (VMware's column names and metric ids), made up
  here for three VMs of a town over one business day at 5-minute intervals, with per-CPU instance
  rows and a network metric that the importer skips; and the town's server list.

- growing-town-usage.csv.gz and growing-town-inventory.csv: 18 months of hourly use of three VMs
  with a planted trend (2.5% a month) and a fiscal-year season, made up here for the forecast.

Run from the repository root: python3 scripts/make-usage-examples.py
"""
import csv, gzip, io, math, random

CHOSEN = ["141", "841", "851", "116", "871", "720", "554", "557", "796", "857"]

def bitbrains():
    meta = {r["id"]: r for r in csv.DictReader(open("data/traces/bitbrains-faststorage-50vms-meta.csv"))}
    rows = []
    with gzip.open("data/traces/bitbrains-faststorage-50vms.csv.gz", "rt") as f:
        for r in csv.DictReader(f):
            if r["id"] in CHOSEN:
                rows.append((f"bb-{r['id']}", r["timestamp"], r["cpu_usage"]))
    rows.sort()
    out = io.StringIO()
    out.write("vm,timestamp,cpu_mhz\n")
    for vm, t, mhz in rows:
        out.write(f"{vm},{t},{mhz}\n")
    with gzip.GzipFile("data/usage/bitbrains-town-usage.csv.gz", "wb", mtime=0) as g:
        g.write(out.getvalue().encode())
    with open("data/usage/bitbrains-town-inventory.csv", "w", newline="") as f:
        f.write("name,vcpu,memory_gib,disk_gib,host,status\n")
        for i, vm in enumerate(CHOSEN):
            m = meta[vm]
            gib = int(m["mem_capacity"]) / 1048576
            f.write(f"bb-{vm},{m['cpu_count']},{gib:.3f},{40 + 20 * (i % 4)},esx{1 + i % 3}.bb.example,on\n")

def vcenter():
    rng = random.Random(2026)
    vms = [("tax-app01", 4, 16, 900), ("tax-db01", 8, 32, 2400), ("web-cms01", 2, 8, 300)]
    out = io.StringIO()
    w = csv.writer(out, quoting=csv.QUOTE_ALL, lineterminator="\r\n")
    w.writerow(["Value", "Timestamp", "MetricId", "Unit", "Description", "Entity", "EntityId", "IntervalSecs", "Instance"])
    for k, (vm, vcpu, mem, peak) in enumerate(vms):
        for step in range(288):
            minutes = step * 5
            hour = minutes / 60
            business = 1.0 if 8.5 <= hour <= 17.5 else 0.25
            shape = business * (0.6 + 0.4 * math.sin(math.pi * max(0.0, min(1.0, (hour - 8.5) / 9))))
            mhz = round(peak * shape * (0.85 + 0.3 * rng.random()))
            consumed = round(mem * 1048576 * (0.55 + 0.1 * business + 0.02 * rng.random()))
            h, m = divmod(minutes, 60)
            ampm = "AM" if h < 12 else "PM"
            h12 = h % 12 or 12
            ts = f"12/1/2026 {h12}:{m:02d}:00 {ampm}"
            eid = f"VirtualMachine-vm-{201 + k}"
            w.writerow([str(mhz), ts, "cpu.usagemhz.average", "MHz", "CPU usage in megahertz during the interval", vm, eid, "300", ""])
            w.writerow([str(mhz // vcpu), ts, "cpu.usagemhz.average", "MHz", "CPU usage in megahertz during the interval", vm, eid, "300", "0"])
            w.writerow([str(consumed), ts, "mem.consumed.average", "KB", "Amount of host physical memory consumed by a virtual machine, host, or cluster", vm, eid, "300", ""])
            w.writerow([str(rng.randint(10, 400)), ts, "net.usage.average", "KBps", "Network utilization (combined transmit-rates and receive-rates) during the interval", vm, eid, "300", ""])
    open("data/usage/vcenter-getstat-example.csv", "w", newline="").write(out.getvalue())
    with open("data/usage/vcenter-town-inventory.csv", "w", newline="") as f:
        f.write("name,vcpu,memory_gib,disk_gib,host,status\n")
        for i, (vm, vcpu, mem, _) in enumerate(vms):
            f.write(f"{vm},{vcpu},{mem},{100 * (i + 1)},esx{1 + i % 2}.town.example,on\n")

def growing_town():
    """18 months (2025-04 to 2026-09, JST) of hourly samples of three VMs whose use grows 2.5% a
    month with a fiscal-year season (a peak in March, a smaller one in September) and business
    hours: made up here, to show the forecast and the runway."""
    rng = random.Random(32)
    vms = [("d-juki01", 4, 16, 1.2), ("d-tax01", 4, 24, 1.6), ("d-db01", 8, 48, 2.4)]
    out = io.StringIO()
    out.write("vm,timestamp,cpu_reference_cores,memory_gib\n")
    import datetime
    start = datetime.date(2025, 4, 1)
    for vm, vcpu, mem, peak in vms:
        day = start
        m = 0
        while day < datetime.date(2026, 10, 1):
            m = (day.year - 2025) * 12 + day.month - 4
            season = 1 + 0.25 * math.cos(2 * math.pi * (day.month - 3) / 12) + 0.08 * math.cos(4 * math.pi * (day.month - 3) / 12)
            growth = 1.025 ** m
            for hour in range(24):
                business = 1.0 if day.weekday() < 5 and 8 <= hour <= 18 else 0.2
                cpu = peak * 0.6 * season * growth * business * (0.8 + 0.4 * rng.random())
                used = mem * (0.5 + 0.1 * business) * (1 + 0.01 * m)
                out.write(f"{vm},{day.isoformat()}T{hour:02d}:00:00+09:00,{cpu:.4f},{used:.3f}\n")
            day += datetime.timedelta(days=1)
    with gzip.GzipFile("data/usage/growing-town-usage.csv.gz", "wb", mtime=0) as g:
        g.write(out.getvalue().encode())
    with open("data/usage/growing-town-inventory.csv", "w", newline="") as f:
        f.write("name,vcpu,memory_gib,disk_gib,host,status\n")
        for i, (vm, vcpu, mem, _) in enumerate(vms):
            f.write(f"{vm},{vcpu},{mem},{200 * (i + 1)},esx{1 + i % 2}.d.example,on\n")

bitbrains()
vcenter()
growing_town()
