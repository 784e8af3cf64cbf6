# hybridcheck: `make test` installs what the tests need (Go modules; moto in a local venv for the
# collector's emulator tests) and runs every gate CI runs.
SHELL := /bin/bash
GO ?= go
VENV ?= .venv
MOTO_VERSION ?= 5.2.5
MOTO_SERVER := $(VENV)/bin/moto_server
GO_DIRS := cmd collector internal policies snapshots

.PHONY: build test vet rego unit example test-browser references bench fuzz clean

build:
	$(GO) build -o bin/hybridcheck ./cmd/hybridcheck

## test: every gate: go vet and gofmt, the Rego gates, and all Go tests (moto included)
test: vet rego unit

vet:
	$(GO) vet ./...
	@out=$$(gofmt -l $(GO_DIRS)); if [ -n "$$out" ]; then echo "gofmt needed on:"; echo "$$out"; exit 1; fi

## rego: opa fmt, opa check --strict (with hybridcheck's capabilities) and the Rego unit tests,
## with the opa CLI built from the OPA version in go.mod (go tool opa)
rego:
	$(GO) tool opa fmt --list --fail policies
	$(GO) tool opa check --strict --capabilities policies/capabilities.json --schema policies/schemas policies
	$(GO) run ./cmd/hybridcheck policy test --quiet

unit: $(MOTO_SERVER)
	HYBRIDCHECK_MOTO_SERVER=$(abspath $(MOTO_SERVER)) $(GO) test -count=1 ./...

$(MOTO_SERVER):
	python3 -m venv $(VENV)
	$(VENV)/bin/pip install --quiet --disable-pip-version-check 'moto[server]==$(MOTO_VERSION)'

## example: the main job on the shipped example snapshot (no AWS account needed)
example:
	$(GO) run ./cmd/hybridcheck check snapshots/reference-broken.json

## test-browser: render the HTML report in headless Chromium (Debian's package, installed if
## missing) and check from the rendered page that every failing check ID is visible, and that
## the path diagram draws each failing flow red at its stopping hop (screenshot kept in
## $HYBRIDCHECK_SCREENSHOT_DIR when set)
test-browser:
	@command -v chromium >/dev/null || { apt-get update -qq && apt-get install -y -qq --no-install-recommends chromium >/dev/null; }
	$(GO) test -count=1 -tags browser -run TestBrowser ./internal/report/

## references: regenerate the reference snapshots from their collector inputs in testdata/
## (the pfSense export; with REFERENCE_AWS=1 also the AWS describe JSON and the intent, which
## re-sorts their lists by ID: re-index the seeded defects and the Rego tests that patch by
## index before committing), then the Rego fixture and the broken reference. Tests fail when
## any of them drifts from its inputs.
references:
	@if [ -n "$(REFERENCE_AWS)" ]; then $(GO) test ./collector -run Reference -update; fi
	$(GO) test ./snapshots -run TestReferenceDevice -update
	$(GO) test ./internal/engine -run Fixture -update
	$(GO) test ./snapshots -update

## fuzz: every fuzz target for FUZZTIME each (make test replays their seeds and testdata/fuzz);
## FUZZ_TARGETS lists them as PACKAGE:FUNCTION, and a Go test fails when one is missing here
FUZZTIME ?= 30s
FUZZ_TARGETS := \
	./collector:FuzzParseIntent \
	./collector:FuzzParseIPRanges \
	./collector/aws:FuzzImportData \
	./collector/device/generic:FuzzImport \
	./collector/device/iptables:FuzzImport \
	./collector/device/nftables:FuzzImport \
	./collector/device/pfsense:FuzzImport \
	./internal/awspath:FuzzModel \
	./internal/diff:FuzzCollectedAt \
	./internal/flow:FuzzEvaluate \
	./internal/path:FuzzTrace \
	./internal/snapshot:FuzzParse \
	./internal/waiver:FuzzParse

fuzz:
	@set -e; for target in $(FUZZ_TARGETS); do \
		pkg=$${target%%:*}; fn=$${target##*:}; \
		echo "fuzz: $$fn in $$pkg for $(FUZZTIME)"; \
		$(GO) test -run '^$$' -fuzz "^$$fn\$$" -fuzztime $(FUZZTIME) $$pkg; \
	done

## bench: the Go benchmarks (snapshot load, Rego input, the whole policy set, each check at
## scale 10 and 100, the device flow built-in, report rendering), then `hybridcheck check` against
## `opa eval` as whole processes, BENCH_RUNS runs each; figures and machine in BENCHMARKS.md
BENCH_RUNS ?= 5

bench:
	$(GO) test -run '^$$' -bench . -benchmem -benchtime 3x ./internal/engine
	$(GO) test -run '^$$' -bench . -benchmem -benchtime 1s ./internal/flow ./internal/report
	$(GO) run ./internal/tools/bench -runs $(BENCH_RUNS)

clean:
	rm -rf bin $(VENV)
