#!/usr/bin/env bash
# The XLSX reports read back (issue 30): plan and simulate of the bundled scenarios, a
# comparison and a sweep written with --format xlsx, then opened with openpyxl (from PyPI, in a
# venv under .build/) and checked against the JSON by scripts/xlsx-check.py: the summary first,
# frozen headers, numbers as numbers, the bill of materials adding up to the JSON's purchase,
# the cost by item to the yearly costs, each tenant's share to the yen. The workbooks stay in
# .build/xlsx/ for a person to open.
set -euo pipefail
cd "$(dirname "$0")/.."
out=.build/xlsx
mkdir -p "$out"
venv=.build/xlsx-venv
if [ ! -x "$venv/bin/python" ] || ! "$venv/bin/python" -c "import openpyxl" 2>/dev/null; then
    if ! python3 -m venv "$venv" 2>/dev/null; then
        [ "$(id -u)" = 0 ] && DEBIAN_FRONTEND=noninteractive apt-get install -y python3-venv >/dev/null
        python3 -m venv "$venv"
    fi
    "$venv/bin/pip" install --quiet openpyxl
fi
swift build -c release --product cloudplan >/dev/null
bin=$(swift build -c release --show-bin-path)/cloudplan
status=0
for s in okitama kaso trial-2009 nishi-iburi; do
    "$bin" plan "Scenarios/$s.yaml" --format json -o "$out/$s-plan.json" || true
    "$bin" plan "Scenarios/$s.yaml" --format xlsx -o "$out/$s-plan.xlsx" || true
    "$venv/bin/python" scripts/xlsx-check.py plan "$out/$s-plan.xlsx" "$out/$s-plan.json" || status=1
done
"$bin" plan Scenarios/okitama-forms.yaml --uncertainty 16 --format json -o "$out/okitama-forms-plan.json"
"$bin" plan Scenarios/okitama-forms.yaml --uncertainty 16 --format xlsx -o "$out/okitama-forms-plan.xlsx"
"$venv/bin/python" scripts/xlsx-check.py plan "$out/okitama-forms-plan.xlsx" "$out/okitama-forms-plan.json" || status=1
"$bin" simulate Scenarios/okitama.yaml --replications 2 --horizon 30d --format xlsx -o "$out/okitama-simulate.xlsx" --quiet
"$venv/bin/python" scripts/xlsx-check.py simulate "$out/okitama-simulate.xlsx" "$out/okitama-plan.json" || status=1
"$bin" plan Scenarios/okitama.yaml --format xlsx --lang ja -o "$out/okitama-plan-ja.xlsx"
"$venv/bin/python" scripts/xlsx-check.py any "$out/okitama-plan-ja.xlsx" || status=1
"$bin" compare Scenarios/okitama.yaml --set pools[0].blades=22 --replications 2 --horizon 30d --format xlsx -o "$out/okitama-compare.xlsx" --quiet
"$venv/bin/python" scripts/xlsx-check.py any "$out/okitama-compare.xlsx" || status=1
"$bin" sweep Scenarios/sweeps/okitama-ha.yaml --format xlsx -o "$out/okitama-ha-sweep.xlsx" --quiet
"$venv/bin/python" scripts/xlsx-check.py any "$out/okitama-ha-sweep.xlsx" || status=1
exit $status
