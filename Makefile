# The two commands a newcomer needs: `make demo` and `make test`.
SHELL := /bin/bash
.DEFAULT_GOAL := help
DOTNET ?= dotnet
CONFIGURATION ?= Release

# `make publish` puts the self-contained single-file binary here (git-ignored).
PUBLISH_DIR ?= publish/linux-x64

.PHONY: help deps build test test-ha demo demo-ha bench samples rules publish check-published hud-screenshot clean

help:
	@echo "make demo   - the whole local stack (exporter, Prometheus, Alertmanager, sink) on the bundled P2 sample"
	@echo "make test   - install what is missing (promtool, amtool) and run every test but the HA suite"
	@echo "make test-ha - the high-availability suite: two exporters, Prometheus servers and Alertmanagers under faults (~6 min)"
	@echo "make demo-ha - the HA stack (two of everything) on the bundled P2 sample"
	@echo "make bench  - benchmarks (engine, /metrics render)"
	@echo "make samples - regenerate samples/trunk-p2.json and samples/trunk-p1.json (default seeds)"
	@echo "make rules  - regenerate the rule pack and dashboards from the jsonnet mixin in alert-rules/mixin (maintainers)"
	@echo "make publish - the self-contained single-file binary for linux-x64 in $(PUBLISH_DIR)/trunk-exporter"
	@echo "make check-published - publish, then start that binary, scrape it and stop it (CI runs it after make test)"
	@echo "make hud-screenshot - regenerate docs/hud.png (the README's picture of the HUD page) with headless Chromium"

# Installs the real Prometheus tools from Debian when they are missing (CI starts from a clean machine).
deps:
	@./scripts/install-deps.sh

build:
	$(DOTNET) build TrunkExporter.sln -c $(CONFIGURATION) --nologo -warnaserror

test: deps
	CONFIGURATION=$(CONFIGURATION) ./scripts/test.sh

# Kept out of `make test` for its length; .ci/run runs both.
test-ha: deps
	HA=1 CONFIGURATION=$(CONFIGURATION) ./scripts/test.sh

# SAMPLE=samples/trunk-p1.json make demo shows the P1 case; ISSUES=1 make demo adds the issue bridge and prints the issue it files.
demo: deps
	./scripts/demo.sh $(SAMPLE)

# The same with two of everything (HA=1 make demo does the same).
demo-ha: deps
	HA=1 ./scripts/demo.sh $(SAMPLE)

bench:
	$(DOTNET) run -c Release --project bench/TrunkExporter.Benchmarks -- --filter '*'

# The committed samples are reproducible byte for byte; a test fails when they drift from the generator.
samples:
	$(DOTNET) build tools/TrunkExporter.Samples/TrunkExporter.Samples.csproj -c $(CONFIGURATION) --nologo -warnaserror
	tools/TrunkExporter.Samples/bin/$(CONFIGURATION)/net10.0/trunk-samples --scenario p2 --out samples/trunk-p2.json
	tools/TrunkExporter.Samples/bin/$(CONFIGURATION)/net10.0/trunk-samples --scenario p1 --out samples/trunk-p1.json

# The shipped rule pack, Alertmanager files and dashboards are generated from alert-rules/mixin
# with its defaults; a test fails when the committed files differ from what this writes.
rules: deps
	./scripts/rules.sh

# Self-contained (no .NET needed on the target) and one file; not trimmed: the configuration check and
# Octokit's JSON reach types through reflection, and the trimmer warns about both (README.md, "Install").
# Always Release, whatever CONFIGURATION says.
publish:
	$(DOTNET) publish exporter/TrunkExporter.csproj -c Release -r linux-x64 --self-contained \
	  -p:PublishSingleFile=true -p:StaticWebAssetsEnabled=false --nologo -o $(PUBLISH_DIR)

check-published: deps publish
	./scripts/check-published.sh $(PUBLISH_DIR)/trunk-exporter

# The README's picture of the HUD page: the P2 sample served by the exporter, photographed by headless Chromium.
hud-screenshot: deps
	./scripts/hud-screenshot.sh

clean:
	$(DOTNET) clean TrunkExporter.sln --nologo
	rm -rf publish
