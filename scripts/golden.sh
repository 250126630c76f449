#!/usr/bin/env bash
# Golden outputs of the command line (Tests/Golden/cases.tsv).
#   scripts/golden.sh check    build a release cloudplan and compare every case (CI runs this)
#   scripts/golden.sh update   rewrite every golden file (after a deliberate change; commit them)
# Cases are run from the repository root; a file ending in .sha256 holds the output's SHA-256.
set -euo pipefail
cd "$(dirname "$0")/.."
mode=${1:-check}
case "$mode" in check|update) ;; *) echo "usage: $0 check|update" >&2; exit 64 ;; esac
# CLOUDPLAN_BIN: an already built binary to use instead (to compare two builds).
bin=${CLOUDPLAN_BIN:-}
if [[ -z "$bin" ]]; then
    swift build -c release --product cloudplan >&2
    bin=.build/release/cloudplan
fi
dir=Tests/Golden
failed=0
while IFS=$'\t' read -r name speed args; do
    [[ -z "$name" || "$name" == \#* ]] && continue
    read -r -a argv <<< "$args"
    out=$(mktemp)
    "$bin" "${argv[@]}" > "$out" 2>/dev/null || true
    if [[ "$name" == *.sha256 ]]; then
        actual=$(sha256sum "$out" | cut -d' ' -f1)
        if [[ "$mode" == update ]]; then echo "$actual" > "$dir/$name"
        elif [[ "$actual" != "$(cat "$dir/$name" 2>/dev/null)" ]]; then
            echo "golden: $name differs: cloudplan $args" >&2; failed=1
        fi
    else
        if [[ "$mode" == update ]]; then cp "$out" "$dir/$name"
        elif ! cmp -s "$out" "$dir/$name"; then
            echo "golden: $name differs: cloudplan $args" >&2
            diff "$dir/$name" "$out" | head -20 >&2 || true
            failed=1
        fi
    fi
    rm -f "$out"
    echo "golden: $mode $name ($speed)" >&2
done < "$dir/cases.tsv"
if [[ $failed -ne 0 ]]; then
    echo "golden: outputs changed; if the change is deliberate, run 'make golden' and commit Tests/Golden" >&2
    exit 1
fi
