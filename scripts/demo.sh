#!/usr/bin/env bash
# make demo: the whole local stack on the bundled P2 sample trunk (times shifted to now):
# the exporter, Prometheus with the shipped rules, Alertmanager with the shipped configuration,
# and a notification sink that prints every notification as the templates render it.
# HA=1 runs two of every server (make demo-ha); ISSUES=1 adds the issue bridge, which files the
# alert's GitHub issue in the project's fake GitHub and prints it.
# Every server listens on 127.0.0.1 on a free port; Ctrl-C stops them all.
set -euo pipefail
cd "$(dirname "$0")/.."
# Quiet on success; a compile error still prints (MSBuild writes errors to stdout, so no redirect).
dotnet build stack/TrunkExporter.Stack/TrunkExporter.Stack.csproj -c Release --nologo -v quiet -clp:ErrorsOnly
# HA=1 (make demo-ha): two exporters, two Prometheus servers, two clustered Alertmanagers.
ha=()
if [ "${HA:-0}" = "1" ]; then ha=(--ha); fi
if [ "${ISSUES:-0}" = "1" ]; then ha=(--issues); fi
exec dotnet stack/TrunkExporter.Stack/bin/Release/net10.0/trunk-stack.dll "${ha[@]}" "${1:-samples/trunk-p2.json}"
