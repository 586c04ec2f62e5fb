#!/usr/bin/env bash
# make hud-screenshot: regenerates docs/hud.png, the README's picture of the HUD page, from the bundled
# P2 sample, with its times as recorded (only the refresh time in the page's header is today's).
# The exporter and a headless Debian Chromium run on 127.0.0.1 only; both stop when the script ends.
set -euo pipefail
cd "$(dirname "$0")/.."
chromium=${CHROMIUM:-/usr/bin/chromium}
[ -x "$chromium" ] || { echo "error: $chromium is missing: run 'make deps' (apt-get install chromium)" >&2; exit 1; }
dotnet build exporter/TrunkExporter.csproj -c Release --nologo -v quiet -clp:ErrorsOnly
port=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
profile=$(mktemp -d)
log=$(mktemp)
dotnet exporter/bin/Release/net10.0/trunk-exporter.dll serve --urls "http://127.0.0.1:$port" \
  --TrunkExporter:RefreshInterval=01:00:00 \
  --TrunkExporter:Repositories:0:Repo=pytorch/pytorch \
  --TrunkExporter:Repositories:0:ReplayFile=samples/trunk-p2.json >"$log" 2>&1 &
exporter=$!
trap 'kill "$exporter" 2>/dev/null || true; rm -rf "$profile" "$log"' EXIT
for _ in $(seq 1 60); do
  curl -fsS "http://127.0.0.1:$port/readyz" >/dev/null 2>&1 && break
  kill -0 "$exporter" 2>/dev/null || { cat "$log" >&2; exit 1; }
  sleep 0.5
done
curl -fsS "http://127.0.0.1:$port/readyz" >/dev/null || { echo "error: the exporter did not become ready" >&2; cat "$log" >&2; exit 1; }
mkdir -p docs
timeout 60 "$chromium" --headless --no-sandbox --disable-gpu --disable-quic --no-first-run --disable-background-networking \
  --disable-component-update --disable-sync --user-data-dir="$profile" --hide-scrollbars --window-size=1600,900 \
  --screenshot="$PWD/docs/hud.png" "http://127.0.0.1:$port/hud/pytorch/pytorch/main" >/dev/null 2>&1
echo "wrote docs/hud.png"
