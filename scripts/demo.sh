#!/usr/bin/env bash
# make demo: the exporter on the bundled P2 sample trunk (times shifted to now).
set -euo pipefail
cd "$(dirname "$0")/.."
dotnet build exporter/TrunkExporter.csproj -c Release --nologo -v quiet >/dev/null
port="${DEMO_PORT:-9473}"
echo "trunk-exporter on the bundled P2 sample (samples/trunk-p2.json), times shifted so the newest commit is now:"
echo "  metrics:   http://127.0.0.1:${port}/metrics"
echo "  readiness: http://127.0.0.1:${port}/readyz"
echo "  the same trunk as a table: dotnet exporter/bin/Release/net10.0/trunk-exporter.dll scrape --replay samples/trunk-p2.json --format table"
echo "Ctrl-C stops it."
exec dotnet exporter/bin/Release/net10.0/trunk-exporter.dll serve \
  --urls "http://127.0.0.1:${port}" \
  --TrunkExporter:RefreshInterval=00:00:15 \
  --TrunkExporter:Repositories:0:Repo=pytorch/pytorch \
  --TrunkExporter:Repositories:0:Team=dev-infra \
  --TrunkExporter:Repositories:0:ReplayFile=samples/trunk-p2.json \
  --TrunkExporter:Repositories:0:ShiftTimesToNow=true
