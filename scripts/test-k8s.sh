#!/usr/bin/env bash
# make test-k8s: validates the Kubernetes manifest `cloudplan sweep --emit k8s` writes against
# the Kubernetes API schema (kubernetes-validate from PyPI, in a virtual environment of its own;
# no cluster is needed), strictly (no unknown fields), for the two newest API versions it knows
# and the oldest with backoffLimitPerIndex (1.29). Also checks that the validator rejects a
# manifest with a misspelled field, so that a pass means something (issue 15, item 5).
set -euo pipefail
cd "$(dirname "$0")/.."
VENV=${VENV:-.build/k8s-validate-venv}
if ! python3 -c "import venv, ensurepip" 2>/dev/null; then
  echo "test-k8s: installing python3-venv"
  DEBIAN_FRONTEND=noninteractive apt-get install -y python3-venv >/dev/null || {
    DEBIAN_FRONTEND=noninteractive apt-get update >/dev/null && DEBIAN_FRONTEND=noninteractive apt-get install -y python3-venv >/dev/null; }
fi
if [ ! -x "$VENV/bin/kubernetes-validate" ]; then
  python3 -m venv "$VENV"
  "$VENV/bin/pip" install --quiet kubernetes-validate
fi
swift build -c release --product cloudplan
WORK=$(mktemp -d /tmp/cloudplan-k8s-XXXXXX)
trap 'rm -rf "$WORK"' EXIT
.build/release/cloudplan sweep Scenarios/sweeps/okitama-ha.yaml --emit k8s --shards 7 --jobs 2 \
  --work-dir /results --cloudplan /usr/local/bin/cloudplan --sweep-path /opt/cloudplan/Scenarios/sweeps/okitama-ha.yaml \
  --output "$WORK/sweep.yaml"
grep -q "completionMode: Indexed" "$WORK/sweep.yaml"
grep -q 'JOB_COMPLETION_INDEX/7' "$WORK/sweep.yaml"
for version in 1.29.0 1.31.0; do
  "$VENV/bin/kubernetes-validate" --strict --quiet -k "$version" "$WORK/sweep.yaml"
done
"$VENV/bin/kubernetes-validate" --strict --quiet "$WORK/sweep.yaml"
sed 's/completionMode: Indexed/completionMode: Indexed\n  completionsMode: 3/' "$WORK/sweep.yaml" > "$WORK/bad.yaml"
if "$VENV/bin/kubernetes-validate" --strict --quiet "$WORK/bad.yaml" >/dev/null 2>&1; then
  echo "test-k8s: FAILED: the validator accepted a misspelled field" >&2
  exit 1
fi
echo "test-k8s: passed: the Indexed Job and merge Job validate strictly (Kubernetes 1.29, 1.31 and the validator's newest)"
