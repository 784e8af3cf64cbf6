# hybridcheck: `make test` installs what the tests need (Go modules; moto in a local venv for the
# collector's emulator tests) and runs every gate CI runs.
SHELL := /bin/bash
GO ?= go
VENV ?= .venv
MOTO_VERSION ?= 5.2.5
MOTO_SERVER := $(VENV)/bin/moto_server
GO_DIRS := cmd collector internal policies snapshots

.PHONY: build test vet rego unit example bench fuzz test-browser references clean

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
	$(GO) tool opa check --strict --capabilities policies/capabilities.json --schema snapshots/snapshot.schema.json policies
	$(GO) run ./cmd/hybridcheck policy test --verbose=false

unit: $(MOTO_SERVER)
	HYBRIDCHECK_MOTO_SERVER=$(abspath $(MOTO_SERVER)) $(GO) test -count=1 ./...

$(MOTO_SERVER):
	python3 -m venv $(VENV)
	$(VENV)/bin/pip install --quiet --disable-pip-version-check 'moto[server]==$(MOTO_VERSION)'

## example: the main job on the shipped example snapshot (no AWS account needed)
example:
	$(GO) run ./cmd/hybridcheck check snapshots/reference-broken.json

clean:
	rm -rf bin $(VENV)
