#!/usr/bin/env bash
# make test: every test of the solution but the high-availability suite, then one closing line that
# CI can read: "tests: N passed, N failed, N skipped".
# make test-ha (HA=1): the high-availability suite alone (Category=HighAvailability: two of every
# server under faults, several minutes), then each scenario's figures (HA_FIGURES, a file the tests
# append to; a temporary one unless set), and the same closing line.
set -uo pipefail
cd "$(dirname "$0")/.."
log=$(mktemp)
own_figures=
if [ "${HA:-0}" = "1" ]; then
  filter="Category=HighAvailability"
  if [ -z "${HA_FIGURES:-}" ]; then
    HA_FIGURES=$(mktemp)
    own_figures=$HA_FIGURES
  fi
  export HA_FIGURES
  seen=$(wc -l < "$HA_FIGURES" 2>/dev/null || echo 0)
else
  filter="Category!=HighAvailability"
fi
trap 'rm -f "$log" $own_figures' EXIT
dotnet test TrunkExporter.sln -c "${CONFIGURATION:-Release}" --nologo --filter "$filter" 2>&1 | tee "$log"
status=${PIPESTATUS[0]}
if [ "${HA:-0}" = "1" ]; then
  tail -n +"$((seen + 1))" "$HA_FIGURES" 2>/dev/null
fi
read -r failed passed skipped < <(grep -Eo 'Failed: +[0-9]+, Passed: +[0-9]+, Skipped: +[0-9]+' "$log" \
  | awk -F'[:,]' '{ f += $2; p += $4; s += $6 } END { print f + 0, p + 0, s + 0 }')
echo "tests: ${passed} passed, ${failed} failed, ${skipped} skipped"
if [ "$status" -eq 0 ] && [ "$passed" -eq 0 ]; then
  echo "error: dotnet test ran no test" >&2
  exit 1
fi
exit "$status"
