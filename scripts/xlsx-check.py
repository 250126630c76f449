#!/usr/bin/env python3
"""Reads cloudplan's XLSX reports back (openpyxl) and checks them against the JSON.

Usage: xlsx-check.py plan PLAN.xlsx PLAN.json | simulate SIM.xlsx PLAN.json | any BOOK.xlsx

Every workbook: the summary is the first sheet; every other sheet has its header row frozen;
numbers are stored as numbers. A plan (and a simulation, which repeats the plan): the bill of
materials' totals add up to the JSON's purchase, to the yen; the cost-by-item rows add up to
the JSON's yearly costs before and after; each tenant's share equals the JSON's.
"""
import json
import sys

import openpyxl


def fail(message):
    print("xlsx-check: " + message)
    sys.exit(1)


def header_row(ws):
    """The frozen header row: the row above the freeze."""
    if not ws.freeze_panes:
        fail(f"sheet {ws.title!r} has no frozen header")
    return int(ws.freeze_panes[1:]) - 1


def table(ws):
    h = header_row(ws)
    headers = [c.value for c in ws[h]]
    rows = [[c.value for c in r] for r in ws.iter_rows(min_row=h + 1)]
    return headers, [r for r in rows if any(v is not None for v in r)]


def sheet_with(book, first_header, wanted):
    for ws in book.worksheets[1:]:
        headers, rows = table(ws)
        if headers and headers[0] == first_header and all(any(w in str(h) for h in headers) for w in wanted):
            return headers, rows
    fail(f"no sheet whose table starts with {first_header!r} and has {wanted}")


def check_any(book):
    if not book.sheetnames[0].lower().startswith(("summary", "要約")):
        fail(f"the first sheet is {book.sheetnames[0]!r}, not the summary")
    numbers = 0
    for ws in book.worksheets[1:]:
        _, rows = table(ws)
        numbers += sum(isinstance(v, (int, float)) for r in rows for v in r)
    if numbers == 0:
        fail("no number stored as a number")
    return numbers


def check_plan(book, plan):
    headers, rows = sheet_with(book, "pool", ["quantity", "total (¥M)"])
    total = headers.index("total (¥M)")
    body = [r for r in rows if r[0] != "total" and isinstance(r[total], (int, float))]
    purchase = plan["after"]["purchase_yen"]
    if round(sum(r[total] for r in body)) != purchase:
        fail(f"bill of materials sums to {sum(r[total] for r in body)}, the JSON's purchase is {purchase}")
    headers, rows = sheet_with(book, "item", ["before (¥M)", "after (¥M)"])
    for column, key in (("before (¥M)", "before"), ("after (¥M)", "after")):
        i = headers.index(column)
        body = [r for r in rows if r[0] != "total" and isinstance(r[i], (int, float))]
        want = plan[key]["yearly_cost"]["total_yen"]
        got = sum(r[i] for r in body)
        if abs(got - want) > len(body):
            fail(f"cost by item {key}: rows sum to {got}, the JSON says {want}")
    headers, rows = sheet_with(book, "code", ["share a year (¥M)"])
    i = headers.index("share a year (¥M)")
    shares = {r[0]: r[i] for r in rows}
    for t in plan["tenants"]:
        if round(shares.get(t["code"], -1)) != t["cost_share_yen"]:
            fail(f"tenant {t['code']}: share {shares.get(t['code'])} against the JSON's {t['cost_share_yen']}")
    if plan.get("procurement_forms"):
        check_forms(book, plan)
    return purchase


def check_forms(book, plan):
    """Issue 33: each form's yearly cost, p5, p95 and NPV read the JSON's yen."""
    headers, rows = sheet_with(book, "pool", ["form", "yearly cost (¥M)", "break-even rate (¥/$)"])
    forms = plan["procurement_forms"]
    rows = [r for r in rows if isinstance(r[headers.index("yearly cost (¥M)")], (int, float))]
    if len(rows) != len(forms):
        fail(f"{len(rows)} procurement rows, the JSON has {len(forms)}")
    for row, form in zip(rows, forms):
        for column, key in (("yearly cost (¥M)", "yearly_cost_yen"), ("p5 (¥M)", "yearly_cost_p5_yen"),
                            ("p95 (¥M)", "yearly_cost_p95_yen")):
            got = row[headers.index(column)]
            if form[key] is not None and round(got) != form[key]:
                fail(f"{form['pool']} {form['form']} {key}: {got} against the JSON's {form[key]}")


def main():
    kind, path = sys.argv[1], sys.argv[2]
    book = openpyxl.load_workbook(path)
    numbers = check_any(book)
    detail = ""
    if kind in ("plan", "simulate"):
        plan = json.load(open(sys.argv[3], encoding="utf-8"))
        detail = f", purchase ¥{check_plan(book, plan):,} as in the JSON"
    print(f"xlsx-check: {path}: {len(book.sheetnames)} sheets, {numbers} numbers{detail}")


if __name__ == "__main__":
    main()
