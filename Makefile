# hybridcheck: `make test` installs what the tests need (Go modules; moto in a local venv for the
# collector's emulator tests) and runs every gate CI runs.
SHELL := /bin/bash
GO ?= go
VENV ?= .venv
MOTO_VERSION ?= 5.2.5
MOTO_SERVER := $(VENV)/bin/moto_server
GO_DIRS := cmd internal policies snapshots

.PHONY: build release test vet rego unit example test-browser test-daemons test-realdata test-kernel references bench fuzz clean

build:
	$(GO) build -o bin/hybridcheck ./cmd/hybridcheck

## release: static, stripped binaries (no cgo, -trimpath, -s -w) for every RELEASE_PLATFORMS
## into DIST, named hybridcheck-OS-ARCH (.exe on Windows), with SHA256SUMS; VERSION and COMMIT
## are stamped into `hybridcheck version` (defaults: git describe and the HEAD commit).
## The Dockerfile builds with the same flags. A Go test runs this target for the host only.
MODULE := github.com/hybridcheck/hybridcheck
VERSION ?= $(shell git describe --tags --always --dirty 2>/dev/null || echo 0.1.0-dev)
COMMIT ?= $(shell git rev-parse HEAD 2>/dev/null || echo unknown)
DIST ?= dist
RELEASE_PLATFORMS ?= linux/amd64 linux/arm64 darwin/amd64 darwin/arm64 windows/amd64
RELEASE_LDFLAGS = -s -w -X $(MODULE)/internal/version.Version=$(VERSION) -X $(MODULE)/internal/version.Commit=$(COMMIT)

release:
	@set -e; rm -rf $(DIST); mkdir -p $(DIST); \
	for platform in $(RELEASE_PLATFORMS); do \
		os=$${platform%%/*}; arch=$${platform##*/}; ext=; [ "$$os" = windows ] && ext=.exe; \
		echo "release: hybridcheck-$$os-$$arch$$ext"; \
		CGO_ENABLED=0 GOOS=$$os GOARCH=$$arch $(GO) build -trimpath -ldflags "$(RELEASE_LDFLAGS)" \
			-o $(DIST)/hybridcheck-$$os-$$arch$$ext ./cmd/hybridcheck; \
	done; \
	cd $(DIST) && sha256sum hybridcheck-* > SHA256SUMS && cat SHA256SUMS

## test: every gate: go vet, staticcheck and gofmt, the Rego gates, and all Go tests (moto included)
test: vet rego unit

## vet: go vet; staticcheck (go tool, at the version in go.mod) over every build tag, for dead
## code and its usual bugs; its deprecation notices (SA1019) and the capitalised AWS API name
## that opens an error (ST1005) are not findings here
vet:
	$(GO) vet ./...
	$(GO) tool staticcheck -tags realdata,daemons,kernel,browser -checks 'inherit,-SA1019,-ST1005' ./...
	@out=$$(gofmt -l $(GO_DIRS)); if [ -n "$$out" ]; then echo "gofmt needed on:"; echo "$$out"; exit 1; fi

## rego: opa fmt, opa check --strict (with hybridcheck's capabilities) and the Rego unit tests,
## with the opa CLI built from the OPA version in go.mod (go tool opa)
rego:
	$(GO) tool opa fmt --list --fail policies
	$(GO) tool opa check --strict --capabilities policies/capabilities.json --schema policies/schemas policies
	$(GO) run ./cmd/hybridcheck policy test --quiet

## unit: the Go tests; installs xmllint (Debian's libxml2-utils) when missing, for the JUnit XSD test
unit: $(MOTO_SERVER)
	@command -v xmllint >/dev/null || { apt-get update -qq && apt-get install -y -qq --no-install-recommends libxml2-utils >/dev/null; }
	HYBRIDCHECK_MOTO_SERVER=$(abspath $(MOTO_SERVER)) $(GO) test -count=1 ./...

$(MOTO_SERVER):
	python3 -m venv $(VENV)
	$(VENV)/bin/pip install --quiet --disable-pip-version-check 'moto[server]==$(MOTO_VERSION)'

## example: the main job on the shipped example snapshot (no AWS account needed)
example:
	$(GO) run ./cmd/hybridcheck check snapshots/reference-broken.json

## test-browser: render the HTML report in headless Chromium (Debian's package, installed if
## missing) and check from the rendered page that every failing check ID is visible, and that
## the executive summary and the scope block are shown above the detail
## the path diagram draws each failing flow red at its stopping hop (screenshot kept in
## $HYBRIDCHECK_SCREENSHOT_DIR when set)
test-browser:
	@command -v chromium >/dev/null || { apt-get update -qq && apt-get install -y -qq --no-install-recommends chromium >/dev/null; }
	$(GO) test -count=1 -tags browser -run TestBrowser ./internal/report/

## test-daemons: load the Linux importer's strongSwan and FRR inputs into the real charon and
## bgpd (Debian's strongswan-swanctl, charon-systemd and frr, installed if missing), each in its
## own network namespace, read its Libreswan inputs with Libreswan's own readwriteconf (the
## libreswan package conflicts with charon, so it is unpacked, not installed), and compare what
## they loaded with what the importer read (needs root; what cannot be compared is listed in
## internal/collector/device/linux/daemons_test.go)
LIBRESWAN_ROOT ?= /tmp/hybridcheck-libreswan

## test-realdata: the tests that read real exports whose licence (GPL) keeps them out of this
## repository: ../shared/realdata beside the work tree (CI has it; a clone without it fails
## here plainly instead of skipping)
test-realdata:
	@test -d ../shared/realdata || { echo "test-realdata: ../shared/realdata is missing: these tests read GPL exports that the repository cannot ship"; exit 1; }
	$(GO) test -count=1 -tags realdata ./internal/collector/device/linux/ ./internal/collector/device/ciscoios/

test-daemons:
	@{ command -v swanctl >/dev/null && test -x /usr/sbin/charon-systemd && test -x /usr/lib/frr/bgpd && command -v openssl >/dev/null && \
		test -e /usr/lib/x86_64-linux-gnu/libunbound.so.8 && test -e /usr/lib/x86_64-linux-gnu/libevent-2.1.so.7; } || \
		{ apt-get update -qq && apt-get install -y -qq --no-install-recommends strongswan-swanctl charon-systemd frr openssl libunbound8 libevent-2.1-7 >/dev/null; }
	@test -x $(LIBRESWAN_ROOT)/usr/libexec/ipsec/readwriteconf || { \
		d=$$(mktemp -d) && (cd $$d && apt-get download -qq libreswan 2>/dev/null || { apt-get update -qq && apt-get download -qq libreswan; }) && \
		dpkg -x $$d/libreswan_*.deb $(LIBRESWAN_ROOT) && rm -rf $$d; }
	HYBRIDCHECK_LIBRESWAN=$(LIBRESWAN_ROOT) timeout 300 $(GO) test -count=1 -tags daemons -run Daemon ./internal/collector/device/linux/

## test-kernel: the real kernel as the evaluator's oracle (root and network namespaces): nft
## and iptables-restore (Debian's packages, installed if missing) load real exports and 500
## seeded random rulesets of each format into a firewall namespace; real TCP/UDP/ICMP between
## four host namespaces must arrive exactly where the evaluator says, with the source translated
## exactly where the NAT model says (a few minutes; cleans up after itself)
test-kernel:
	@command -v nft >/dev/null || { apt-get update -qq && apt-get install -y -qq --no-install-recommends nftables >/dev/null; }
	@command -v iptables-restore >/dev/null || { apt-get update -qq && apt-get install -y -qq --no-install-recommends iptables >/dev/null; }
	$(GO) test -count=1 -tags kernel -run '^TestKernelOracle$$' -timeout 15m -v ./internal/flow/

## references: regenerate every reference from its inputs in testdata/, with no manual step:
## the AWS part and the intent (from the AWS describe JSON and intent.yaml; lists come out
## sorted by ID), the device (the pfSense export), the Rego fixture and the variants derived
## from it (testdata/variants), then the broken reference
## (the seeded defects of testdata/reference/defects.json). Tests and defects name the elements
## they patch by ID or description (policies/test/locate_test.rego, internal/fixture), never by
## index, so a re-sorted list breaks none of them. Tests fail when any reference drifts.
references:
	$(GO) test ./internal/collector -run Reference -update
	$(GO) test ./snapshots -run TestReferenceDevice -update
	$(GO) test ./internal/engine -run Fixture -update
	$(GO) test ./internal/path -run VariantFiles -update
	$(GO) test ./snapshots -update

## fuzz: every fuzz target for FUZZTIME each (make test replays their seeds and testdata/fuzz);
## FUZZ_TARGETS lists them as PACKAGE:FUNCTION, and a Go test fails when one is missing here
FUZZTIME ?= 30s
FUZZ_TARGETS := \
	./internal/collector:FuzzParseIntent \
	./internal/collector:FuzzParseIPRanges \
	./internal/collector/aws:FuzzImportData \
	./internal/collector/device/ciscoios:FuzzImport \
	./internal/collector/device/generic:FuzzImport \
	./internal/collector/device/iptables:FuzzImport \
	./internal/collector/device/linux:FuzzFRR \
	./internal/collector/device/linux:FuzzImport \
	./internal/collector/device/linux:FuzzIPsecConf \
	./internal/collector/device/linux:FuzzIPsecSecrets \
	./internal/collector/device/linux:FuzzSwanctl \
	./internal/collector/device/nftables:FuzzImport \
	./internal/collector/device/pfsense:FuzzImport \
	./internal/awspath:FuzzModel \
	./internal/securityhub:FuzzDecode \
	./internal/diff:FuzzCollectedAt \
	./internal/engine:FuzzParsePolicy \
	./internal/flow:FuzzEvaluate \
	./internal/path:FuzzTrace \
	./internal/snapshot:FuzzDecoderAgreesWithValidator \
	./internal/snapshot:FuzzParse \
	./internal/waiver:FuzzParse

fuzz:
	@set -e; for target in $(FUZZ_TARGETS); do \
		pkg=$${target%%:*}; fn=$${target##*:}; \
		echo "fuzz: $$fn in $$pkg for $(FUZZTIME)"; \
		$(GO) test -run '^$$' -fuzz "^$$fn\$$" -fuzztime $(FUZZTIME) $$pkg; \
	done

## bench: the Go benchmarks (snapshot load, Rego input, the whole policy set, each check at
## scale 10 and 100, the device flow built-in, report rendering, `collect --aws` against a
## 50 ms/call fake as wall time over the longest call chain), then `hybridcheck check` against
## `opa eval` of the engine's own query (results asserted equal) and a Go JSON decode, as whole
## processes on both estate shapes at scales 10, 100 and 300, BENCH_RUNS runs each, each check
## alone at scale 300 (the costliest one's share of a whole run), with the targets; figures and
## machine in BENCHMARKS.md
BENCH_RUNS ?= 5

bench:
	$(GO) test -run '^$$' -bench . -benchmem -benchtime 3x ./internal/engine
	$(GO) test -run '^$$' -bench . -benchmem -benchtime 1s ./internal/flow ./internal/report
	$(GO) test -run '^$$' -bench 'Scale10Delayed' -benchtime 3x ./internal/collector/aws
	$(GO) run ./internal/tools/bench -runs $(BENCH_RUNS)

clean:
	rm -rf bin dist $(VENV)
