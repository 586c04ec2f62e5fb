#!/usr/bin/env bash
# make demo: the whole local stack on the bundled P2 sample trunk (times shifted to now):
# the exporter, Prometheus with the shipped rules, Alertmanager with the shipped configuration,
# and a notification sink that prints every notification as the templates render it.
# HA=1 runs two of every server (make demo-ha).
# Every server listens on 127.0.0.1 on a free port; Ctrl-C stops them all.
set -euo pipefail
cd "$(dirname "$0")/.."
# Quiet on success; a compile error still prints (MSBuild writes errors to stdout, so no redirect).
dotnet build stack/TrunkExporter.Stack/TrunkExporter.Stack.csproj -c Release --nologo -v quiet -clp:ErrorsOnly
# HA=1 (make demo-ha): two exporters, two Prometheus servers, two clustered Alertmanagers.
ha=()
if [ "${HA:-0}" = "1" ]; then ha=(--ha); fi
exec dotnet stack/TrunkExporter.Stack/bin/Release/net10.0/trunk-stack.dll "${ha[@]}" "${1:-samples/trunk-p2.json}"
