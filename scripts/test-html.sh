#!/usr/bin/env bash
# The HTML reports rendered in headless Chromium (issue 14): okitama's and japan-all's plan and
# simulation, the trial's backup and DR, and a comparison of 20 vs 21 blades. Each report is
# loaded in a harness page that counts its charts, checks that every chart has a size, data
# points and shapes, and that no cell, heading or paragraph overflows its box; then it is
# rendered to PNG and PDF (in .build/html/, for a person to look at) with the console logged:
# any console message fails the run. The printed PDFs (A4, page numbers) of the plans and
# simulations, English and Japanese, must have no word broken inside a table cell
# (scripts/pdf-cells-check.py), and every page is kept as a PNG in .build/html/pages/.
# Installs Chromium, poppler-utils and a Japanese font (fonts-noto-cjk) when missing.
set -euo pipefail
cd "$(dirname "$0")/.."
out=.build/html
mkdir -p "$out"
if ! command -v chromium >/dev/null 2>&1 || ! command -v pdftotext >/dev/null 2>&1 || ! fc-list :lang=ja | grep -q .; then
    if [ "$(id -u)" = 0 ]; then
        DEBIAN_FRONTEND=noninteractive apt-get install -y chromium poppler-utils fonts-noto-cjk
    else
        echo "test-html: chromium, poppler-utils or fonts-noto-cjk is missing (apt-get install chromium poppler-utils fonts-noto-cjk, as root)" >&2; exit 1
    fi
fi
swift build -c release --product cloudplan >/dev/null
bin=$(swift build -c release --show-bin-path)/cloudplan
flags=(--headless --no-sandbox --disable-gpu --disable-dev-shm-usage --hide-scrollbars --no-first-run --disable-extensions)

"$bin" plan Scenarios/okitama.yaml --format html -o "$out/okitama-plan.html"
"$bin" simulate Scenarios/okitama.yaml --replications 4 --format html -o "$out/okitama-simulate.html" --quiet
"$bin" plan Scenarios/okitama.yaml --format html --lang ja -o "$out/okitama-plan-ja.html"
"$bin" simulate Scenarios/kaso.yaml --replications 3 --horizon 1y --format html --lang ja -o "$out/kaso-simulate-ja.html" --quiet
"$bin" plan Scenarios/japan-all.yaml --format html -o "$out/japan-all-plan.html"
"$bin" plan Scenarios/okitama-forms.yaml --uncertainty 16 --format html --lang ja -o "$out/okitama-forms-plan-ja.html"
"$bin" simulate Scenarios/japan-all.yaml --replications 2 --horizon 90d --format html -o "$out/japan-all-simulate.html" --quiet
"$bin" simulate Scenarios/trial-2009.yaml --replications 3 --format html -o "$out/trial-2009-simulate.html" --quiet
"$bin" compare Scenarios/okitama.yaml --variant "20 blades:pools[0].blades=20" --variant "21 blades:pools[0].blades=21" --replications 4 \
    --format html -o "$out/okitama-compare.html" --quiet || true

# Every report must carry at least this many charts.
declare -A least=([okitama-plan]=4 [okitama-simulate]=9 [japan-all-plan]=4 [japan-all-simulate]=18
                  [trial-2009-simulate]=15 [okitama-compare]=1 [okitama-plan-ja]=4 [kaso-simulate-ja]=9
                  [okitama-forms-plan-ja]=5)
status=0
mkdir -p "$out/pages"
for name in okitama-plan okitama-simulate japan-all-plan japan-all-simulate trial-2009-simulate okitama-compare okitama-plan-ja kaso-simulate-ja okitama-forms-plan-ja; do
    report="$PWD/$out/$name.html"
    [ -s "$report" ] || { echo "test-html: $name: no report written" >&2; status=1; continue; }
    harness="$out/$name.check.html"
    sed "s|REPORT|$name.html|" scripts/html-harness.html > "$harness"
    result=$(timeout 120 chromium "${flags[@]}" --allow-file-access-from-files --virtual-time-budget=20000 \
        --dump-dom "file://$PWD/$harness" 2>/dev/null \
        | python3 -c 'import sys, re; m = re.search(r"<pre id=\"result\">(.*?)</pre>", sys.stdin.read(), re.S); print(m.group(1) if m else "pending")')
    charts=$(echo "$result" | sed -n 's/.*charts=\([0-9]*\).*/\1/p' | head -1)
    problems=$(echo "$result" | grep -E "EMPTY|NO-POINTS|NO-SHAPES|OVERFLOW|pending" || true)
    log="$out/$name.console.log"
    timeout 120 chromium "${flags[@]}" --enable-logging=stderr --v=0 --window-size=1280,2400 \
        --screenshot="$out/$name.png" "file://$report" 2>"$log" >/dev/null || true
    timeout 300 chromium "${flags[@]}" --no-pdf-header-footer --print-to-pdf="$out/$name.pdf" "file://$report" 2>/dev/null >/dev/null || true
    console=$(grep -E "CONSOLE|Uncaught" "$log" || true)
    png=$(stat -c %s "$out/$name.png" 2>/dev/null || echo 0)
    pdf=$(head -c 4 "$out/$name.pdf" 2>/dev/null || true)
    if [ -z "$charts" ] || [ "$charts" -lt "${least[$name]}" ] || [ -n "$problems" ] || [ -n "$console" ] \
        || [ "$png" -lt 20000 ] || [ "$pdf" != "%PDF" ]; then
        echo "test-html: $name: FAILED (charts ${charts:-none} of at least ${least[$name]}, png $png bytes, pdf '${pdf}')" >&2
        [ -n "$problems" ] && echo "$problems" | head -20 >&2
        [ -n "$console" ] && echo "$console" | head -10 >&2
        status=1
    else
        echo "test-html: $name: ok ($charts charts, png $png bytes, pdf $(stat -c %s "$out/$name.pdf") bytes, $(pdfinfo "$out/$name.pdf" | sed -n 's/^Pages: *//p') A4 pages)"
    fi
    # Paper: no word broken inside a table cell; each page as a PNG for a person to look at.
    if [ "$pdf" = "%PDF" ]; then
        if ! python3 scripts/pdf-cells-check.py "$report" "$out/$name.pdf" > "$out/$name.cells.log"; then
            echo "test-html: $name: words broken inside table cells in the PDF:" >&2; head -20 "$out/$name.cells.log" >&2; status=1
        fi
        pdfinfo "$out/$name.pdf" | grep -q "594.96 x 841.92" || { echo "test-html: $name: the PDF is not A4" >&2; status=1; }
        pdftoppm -png -r 50 -l 12 "$out/$name.pdf" "$out/pages/$name"
    fi
done
exit $status
