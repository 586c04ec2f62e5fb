#!/usr/bin/env bash
# make rules: writes the generated rule pack (alert-rules/prometheus/*.rules.yml,
# alert-rules/alertmanager/{alertmanager,snippet}.yml, grafana-dashboards/*.json) from the mixin in
# alert-rules/mixin with its defaults. A test renders the same into a scratch folder and fails when the
# committed files differ. Usage: scripts/rules.sh [output root, default the repository] [settings]
# where settings is a JSON object merged into the mixin's _config (the demo and the tests pass their
# own base URLs this way), e.g. '{"hudBaseUrl": "http://127.0.0.1:9473"}'.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
out="${1:-$root}"
settings="${2:-{\}}"
command -v jsonnet >/dev/null 2>&1 || { echo "error: jsonnet is not installed: run 'make deps' (Debian package jsonnet)" >&2; exit 1; }
# jsonnet -m writes into existing folders only.
mkdir -p "$out/alert-rules/prometheus" "$out/alert-rules/alertmanager" "$out/grafana-dashboards"
jsonnet -S -m "$out" --tla-code "config=$settings" "$root/alert-rules/mixin/render.jsonnet" >/dev/null
jsonnet -m "$out" --tla-code "config=$settings" "$root/alert-rules/mixin/render-dashboards.jsonnet" >/dev/null
