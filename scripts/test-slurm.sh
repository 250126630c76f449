#!/usr/bin/env bash
# make test-slurm: runs the bundled sweep on a real single-node Slurm cluster started here, and
# checks that the merged table equals the one-machine run byte for byte (issue 15, item 4); then
# the same for `cloudplan group --per-pool` (a pool per work item, issue 34) on GROUP_SCENARIO.
#
# Installs Debian's slurm-wlm and munge when they are missing (needs root, as CI has), starts
# munged (if it is not running) and slurmctld and slurmd with a configuration of this test's own
# (localhost only, no cgroups), submits the job array that `cloudplan sweep --emit slurm` writes,
# waits for it and its merge job, and stops what it started by the pids in their pid files.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
SWEEP=${SWEEP:-Scenarios/sweeps/okitama-ha.yaml}
SHARDS=${SHARDS:-3}
TIMEOUT=${TIMEOUT:-600}
GROUP_SCENARIO=${GROUP_SCENARIO:-Scenarios/trial-2009.yaml}

if [ "$(id -u)" != 0 ]; then
  echo "test-slurm: needs root (to install slurm-wlm and munge and to run slurmd); run it as root, as CI does" >&2
  exit 1
fi
if ! command -v slurmctld >/dev/null || ! command -v munged >/dev/null; then
  echo "test-slurm: installing slurm-wlm and munge"
  DEBIAN_FRONTEND=noninteractive apt-get install -y slurm-wlm munge >/dev/null || {
    DEBIAN_FRONTEND=noninteractive apt-get update >/dev/null && DEBIAN_FRONTEND=noninteractive apt-get install -y slurm-wlm munge >/dev/null; }
fi

swift build -c release --product cloudplan
CLOUDPLAN=$ROOT/.build/release/cloudplan

WORK=$(mktemp -d /tmp/cloudplan-slurm-XXXXXX)
STARTED_MUNGE=0
cleanup() {
  for pid in "$WORK/slurmd.pid" "$WORK/slurmctld.pid"; do
    [ -s "$pid" ] && kill "$(cat "$pid")" 2>/dev/null || true
  done
  if [ "$STARTED_MUNGE" = 1 ] && [ -s /run/munge/munged.pid ]; then kill "$(cat /run/munge/munged.pid)" 2>/dev/null || true; fi
  sleep 1
  rm -rf "$WORK"
}
trap cleanup EXIT

# munge: a key and its folders owned by munge, then the daemon, unless one already answers.
if ! (munge -n 2>/dev/null | unmunge >/dev/null 2>&1); then
  mkdir -p /etc/munge /run/munge /var/lib/munge /var/log/munge
  if [ ! -s /etc/munge/munge.key ]; then
    head -c 1024 /dev/urandom > /etc/munge/munge.key
  fi
  chown munge:munge /etc/munge /etc/munge/munge.key /run/munge /var/lib/munge /var/log/munge
  chmod 0400 /etc/munge/munge.key
  chmod 0700 /etc/munge
  su -s /bin/sh munge -c /usr/sbin/munged
  STARTED_MUNGE=1
  for _ in $(seq 20); do (munge -n | unmunge >/dev/null 2>&1) && break; sleep 0.5; done
fi
munge -n | unmunge | grep -q "STATUS: *Success" || { echo "test-slurm: munge does not work" >&2; exit 1; }

HOST=$(hostname -s)
CPUS=$(nproc)
mkdir -p "$WORK/spool" "$WORK/state"
export SLURM_CONF=$WORK/slurm.conf
cat > "$SLURM_CONF" <<CONF
ClusterName=cloudplan-test
SlurmctldHost=$HOST
ProctrackType=proctrack/linuxproc
TaskPlugin=task/none
SelectType=select/cons_tres
SelectTypeParameters=CR_Core
SlurmUser=root
AuthType=auth/munge
MpiDefault=none
ReturnToService=2
SlurmctldPidFile=$WORK/slurmctld.pid
SlurmdPidFile=$WORK/slurmd.pid
SlurmdSpoolDir=$WORK/spool
StateSaveLocation=$WORK/state
SlurmctldLogFile=$WORK/slurmctld.log
SlurmdLogFile=$WORK/slurmd.log
NodeName=$HOST CPUs=$CPUS State=UNKNOWN
PartitionName=debug Nodes=$HOST Default=YES MaxTime=INFINITE State=UP
CONF
slurmctld -f "$SLURM_CONF"
slurmd -f "$SLURM_CONF"
for _ in $(seq 60); do sinfo -h -o %t 2>/dev/null | grep -q idle && break; sleep 1; done
sinfo -h -o %t | grep -q idle || { echo "test-slurm: the node did not become idle" >&2; cat "$WORK"/*.log >&2; exit 1; }

echo "test-slurm: the one-machine run"
"$CLOUDPLAN" sweep "$SWEEP" --quiet --format json --output "$WORK/expected.json"

echo "test-slurm: $SHARDS shards on Slurm"
"$CLOUDPLAN" sweep "$SWEEP" --emit slurm --shards "$SHARDS" --work-dir "$WORK/sweep" --output "$WORK/sweep.sbatch"
grep -q -- "--array=0-$((SHARDS - 1))" "$WORK/sweep.sbatch"
(cd "$WORK" && sbatch "$WORK/sweep.sbatch")
start=$SECONDS
until [ -s "$WORK/sweep/results.csv" ]; do
  if (( SECONDS - start > TIMEOUT )); then
    echo "test-slurm: no merged result after $TIMEOUT s" >&2
    squeue >&2 || true; cat "$WORK"/sweep/logs/* >&2 || true
    exit 1
  fi
  sleep 2
done
parts=$(ls "$WORK"/sweep/parts/part-*.jsonl | wc -l)
[ "$parts" = "$SHARDS" ] || { echo "test-slurm: $parts parts, expected $SHARDS" >&2; exit 1; }
if cmp "$WORK/expected.json" "$WORK/sweep/results.json"; then
  echo "test-slurm: passed: $SHARDS Slurm array tasks and the merge job give the one-machine table byte for byte ($((SECONDS - start)) s)"
else
  echo "test-slurm: FAILED: the merged table differs from the one-machine run" >&2
  diff "$WORK/expected.json" "$WORK/sweep/results.json" | head -20 >&2
  exit 1
fi

echo "test-slurm: group --per-pool, the one-machine run"
"$CLOUDPLAN" group "$GROUP_SCENARIO" --per-pool --no-timing --format json --output "$WORK/group-expected.json"
echo "test-slurm: group --per-pool, $SHARDS shards on Slurm"
"$CLOUDPLAN" group "$GROUP_SCENARIO" --per-pool --no-timing --emit slurm --shards "$SHARDS" --work-dir "$WORK/group" --output "$WORK/group.sbatch"
(cd "$WORK" && sbatch "$WORK/group.sbatch")
start=$SECONDS
until [ -s "$WORK/group/results.md" ]; do
  if (( SECONDS - start > TIMEOUT )); then
    echo "test-slurm: no merged grouping after $TIMEOUT s" >&2
    squeue >&2 || true; cat "$WORK"/group/logs/* >&2 || true
    exit 1
  fi
  sleep 2
done
if cmp "$WORK/group-expected.json" "$WORK/group/results.json"; then
  echo "test-slurm: passed: the grouping's $SHARDS Slurm array tasks and merge give the one-machine report byte for byte ($((SECONDS - start)) s)"
else
  echo "test-slurm: FAILED: the merged grouping differs from the one-machine run" >&2
  diff "$WORK/group-expected.json" "$WORK/group/results.json" | head -20 >&2
  exit 1
fi
