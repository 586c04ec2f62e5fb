#!/usr/bin/env bash
# make test: every test of the solution but the high-availability suite, then one closing line that
# CI can read: "tests: N passed, N failed, N skipped".
# make test-ha (HA=1): the high-availability suite alone (Category=HighAvailability: two of every
# server under faults, several minutes), with each test's figures printed, and the same closing line.
set -uo pipefail
cd "$(dirname "$0")/.."
log=$(mktemp)
trap 'rm -f "$log"' EXIT
if [ "${HA:-0}" = "1" ]; then
  filter="Category=HighAvailability"
  verbosity=(--logger "console;verbosity=detailed")
else
  filter="Category!=HighAvailability"
  verbosity=()
fi
dotnet test TrunkExporter.sln -c "${CONFIGURATION:-Release}" --nologo --filter "$filter" "${verbosity[@]}" 2>&1 | tee "$log"
status=${PIPESTATUS[0]}
read -r failed passed skipped < <(grep -Eo 'Failed: +[0-9]+, Passed: +[0-9]+, Skipped: +[0-9]+' "$log" \
  | awk -F'[:,]' '{ f += $2; p += $4; s += $6 } END { print f + 0, p + 0, s + 0 }')
echo "tests: ${passed} passed, ${failed} failed, ${skipped} skipped"
if [ "$status" -eq 0 ] && [ "$passed" -eq 0 ]; then
  echo "error: dotnet test ran no test" >&2
  exit 1
fi
exit "$status"
