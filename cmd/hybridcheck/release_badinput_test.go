package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/hybridcheck/hybridcheck/internal/testkit"
)

// Bad input to the commands and formats of issue 19: one line naming the problem, exit 2.
func TestReleaseCommandsBadInput(t *testing.T) {
	dir := t.TempDir()
	var snap map[string]any
	data := testkit.ReadFile(t, compliant)
	if err := json.Unmarshal(data, &snap); err != nil {
		t.Fatal(err)
	}
	delete(snap["aws"].(map[string]any), "account_id")
	noAccount := filepath.Join(dir, "no-account.json")
	b, _ := json.Marshal(snap)
	os.WriteFile(noAccount, b, 0o600)
	notASFF := filepath.Join(dir, "not-asff.json")
	os.WriteFile(notASFF, []byte(`{"findings": []}`), 0o600)

	for _, tc := range []struct {
		args []string
		want string
	}{
		{[]string{"check", noAccount, "--format", "asff"}, "ASFF needs the snapshot's AWS account and region (aws.account_id and aws.region)"},
		{[]string{"publish"}, "give exactly one of --securityhub FILE and --snapshot SNAPSHOT"},
		{[]string{"publish", "--securityhub", notASFF, "--snapshot", compliant}, "give exactly one of"},
		{[]string{"publish", "--securityhub", filepath.Join(dir, "missing.json")}, "missing.json: no such file or directory"},
		{[]string{"publish", "--securityhub", notASFF}, `not-asff.json: no "Findings" array`},
		{[]string{"completion", "tcsh"}, `unknown shell "tcsh"`},
		{[]string{"completion"}, "want one shell"},
		{[]string{"version", "--format", "xml"}, `--format "xml": want text or json`},
		{[]string{"collect", "--role-arn", "arn:aws:iam::1:role/r", "--device", "pfsense:x.xml"}, "--role-arn needs --aws"},
		{[]string{"collect", "--aws", "--external-id", "x"}, "--external-id needs --role-arn"},
		{[]string{"collect", "--aws", "--region", "us-east-1,eu-west-1"}, "2 regions give 2 snapshots: -o must name a folder or s3://BUCKET/PREFIX/"},
		{[]string{"check", "s3://"}, "want s3://BUCKET/PREFIX/"},
	} {
		code, _, errs := runCLI(t, tc.args...)
		if code != exitError || !strings.Contains(errs, tc.want) || strings.Count(strings.TrimSpace(errs), "\n") != 0 {
			t.Errorf("%v: exit %d, stderr %q; want exit 2 and one line with %q", tc.args, code, errs, tc.want)
		}
	}
}

// The Dockerfile builds like make release (static, stripped, stamped), on the Go of go.mod, and
// runs as non-root from distroless/static with hybridcheck as the entrypoint. (CI has no
// Docker daemon; the README documents `docker build` and `docker run`.)
func TestDockerfile(t *testing.T) {
	df := testkit.ReadFile(t, "../../Dockerfile")
	mod := testkit.ReadFile(t, "../../go.mod")
	goVersion := ""
	for _, l := range strings.Split(string(mod), "\n") {
		if v, ok := strings.CutPrefix(l, "go "); ok {
			parts := strings.Split(strings.TrimSpace(v), ".")
			goVersion = parts[0] + "." + parts[1]
		}
	}
	for _, want := range []string{
		"FROM golang:" + goVersion + " AS build",
		"CGO_ENABLED=0 go build -trimpath",
		`-ldflags "-s -w -X github.com/hybridcheck/hybridcheck/internal/version.Version=${VERSION} -X github.com/hybridcheck/hybridcheck/internal/version.Commit=${COMMIT}"`,
		"FROM gcr.io/distroless/static-debian12:nonroot",
		"USER nonroot:nonroot",
		`ENTRYPOINT ["hybridcheck"]`,
		"COPY --from=build /out/hybridcheck /usr/local/bin/hybridcheck",
	} {
		if !strings.Contains(string(df), want) {
			t.Errorf("Dockerfile lacks %q", want)
		}
	}
	mk := testkit.ReadFile(t, "../../Makefile")
	if !strings.Contains(string(mk), "CGO_ENABLED=0 GOOS=$$os GOARCH=$$arch $(GO) build -trimpath") ||
		!strings.Contains(string(mk), "RELEASE_LDFLAGS = -s -w -X $(MODULE)/internal/version.Version=$(VERSION) -X $(MODULE)/internal/version.Commit=$(COMMIT)") {
		t.Error("the Makefile's release flags changed: keep the Dockerfile's build line the same")
	}
}
