#!/usr/bin/env bash
# make check-published: starts the published single-file exporter as an operator would (no dotnet on the
# command line), replaying samples/trunk-p2.json on 127.0.0.1 and a free port, waits (bounded) for /readyz
# to answer 200, scrapes /metrics, checks the trunk families, and stops it. Any failure is one line
# "check-published: FAILED: ..." (then the exporter's last output) and exit code 1.
set -uo pipefail
cd "$(dirname "$0")/.."
binary=${1:-publish/linux-x64/trunk-exporter}
ready_timeout=${READY_TIMEOUT:-30}

work=$(mktemp -d)
pid=
cleanup() {
  if [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null; then
    kill "$pid" 2>/dev/null
    for _ in $(seq 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
    kill -9 "$pid" 2>/dev/null
  fi
  rm -rf "$work"
}
trap cleanup EXIT

fail() {
  echo "check-published: FAILED: $*"
  if [ -s "$work/output" ]; then
    echo "--- the exporter's last output ---"
    tail -n 20 "$work/output"
  fi
  exit 1
}

[ -x "$binary" ] || fail "$binary is missing or not executable: run 'make publish' first"
binary=$(realpath "$binary")

# Run from a scratch directory holding the replay file (a relative ReplayFile means the working directory,
# as under the systemd unit), with no SDK on the PATH: nothing may depend on the clone or on dotnet.
cp samples/trunk-p2.json "$work/trunk-p2.json"
started=$(date +%s%N)
(cd "$work" && exec env -u ASPNETCORE_URLS -u DOTNET_ROOT PATH=/usr/bin:/bin "$binary" serve \
  --urls http://127.0.0.1:0 \
  --TrunkExporter:Repositories:0:Repo=pytorch/pytorch \
  --TrunkExporter:Repositories:0:Team=dev-infra \
  --TrunkExporter:Repositories:0:ReplayFile=trunk-p2.json \
  --TrunkExporter:Repositories:0:ShiftTimesToNow=true) >"$work/output" 2>&1 &
pid=$!

# Port 0: the kernel picks a free port, and the exporter logs it ("Now listening on: http://127.0.0.1:PORT").
port=
ready=
deadline=$(( $(date +%s) + ready_timeout ))
while [ "$(date +%s)" -lt "$deadline" ]; do
  kill -0 "$pid" 2>/dev/null || { wait "$pid"; fail "the exporter exited with code $? before /readyz answered 200"; }
  [ -n "$port" ] || port=$(sed -n 's|.*Now listening on: http://127\.0\.0\.1:\([0-9]*\).*|\1|p' "$work/output" | head -n 1)
  if [ -n "$port" ] && [ "$(curl -s -o /dev/null -w '%{http_code}' --max-time 2 "http://127.0.0.1:$port/readyz")" = 200 ]; then
    ready=$(date +%s%N)
    break
  fi
  sleep 0.05
done
[ -n "$ready" ] || fail "/readyz did not answer 200 within ${ready_timeout} s on 127.0.0.1:${port:-(no port logged)}"

metrics=$(curl -sf --max-time 5 "http://127.0.0.1:$port/metrics") || fail "GET /metrics failed on 127.0.0.1:$port"
# The P2 sample: logical jobs on a failure streak of 3 or more (samples/README.md).
grep -Eq '^trunk_job_failure_streak\{repo="pytorch/pytorch",branch="main",[^}]*\} [3-9]' <<<"$metrics" \
  || fail "/metrics has no trunk_job_failure_streak of 3 or more for pytorch/pytorch main"
grep -Eq '^trunk_repo_info\{repo="pytorch/pytorch",branch="main",team="dev-infra"\} 1$' <<<"$metrics" \
  || fail "/metrics has no trunk_repo_info for pytorch/pytorch main, team dev-infra"
grep -Eq '^trunk_exporter_build_info\{version="[^"]+",runtime="[^"]+"\} 1$' <<<"$metrics" \
  || fail "/metrics has no trunk_exporter_build_info"

kill -TERM "$pid"
wait "$pid"
status=$?
pid=
# SIGTERM is how systemd stops it: a clean stop is exit code 0.
[ "$status" -eq 0 ] || fail "the exporter exited with code $status on SIGTERM (expected 0)"

size=$(stat -c %s "$binary")
printf 'check-published: ok: %s (%s bytes) ready in %.2f s, /metrics has the P2 streak, stopped cleanly on SIGTERM\n' \
  "$binary" "$size" "$(awk -v ns=$(( ready - started )) 'BEGIN { print ns / 1e9 }')"
