package main

import (
	"bytes"
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/hybridcheck/hybridcheck/internal/testkit"
)

// runCLI runs hybridcheck in-process and returns exit code, stdout and stderr.
func runCLI(t *testing.T, args ...string) (int, string, string) {
	t.Helper()
	var out, errb bytes.Buffer
	code := run(context.Background(), &env{stdout: &out, stderr: &errb, stdin: strings.NewReader("")}, args)
	return code, out.String(), errb.String()
}

const (
	compliant = "../../snapshots/reference-compliant.json"
	broken    = "../../snapshots/reference-broken.json"
	asOf      = "--as-of=2026-11-21T00:00:00Z"
)

func TestCheckExitCodes(t *testing.T) {
	if code, out, errs := runCLI(t, "check", compliant, asOf); code != 0 || errs != "" {
		t.Fatalf("compliant: exit %d, stderr %q\n%s", code, errs, out)
	}
	code, out, _ := runCLI(t, "check", broken, asOf)
	if code != 1 {
		t.Fatalf("broken: exit %d, want 1\n%s", code, out)
	}
	if !strings.Contains(out, "HN-VPC-02") || !strings.Contains(out, "vpc-0518d3603257bf85d") {
		t.Fatalf("broken: the report does not name the defect's check and resource:\n%s", out)
	}
	if code, _, _ := runCLI(t, "check", broken, asOf, "--fail-on", "critical"); code != 1 {
		t.Fatalf("--fail-on critical with a critical failure (HN-RT-01): exit %d, want 1", code)
	}
	if code, _, _ := runCLI(t, "check", broken, asOf, "--only", "HN-VPC-10", "--fail-on", "medium"); code != 0 {
		t.Fatalf("--fail-on medium with only a low failure (HN-VPC-10): exit %d, want 0", code)
	}
	if code, _, _ := runCLI(t, "check", broken, asOf, "--fail-on", "none"); code != 0 {
		t.Fatalf("--fail-on none: exit %d, want 0", code)
	}
}

func TestCheckJSONShape(t *testing.T) {
	_, out, _ := runCLI(t, "check", broken, asOf, "--format", "json")
	var rep struct {
		Snapshot map[string]any   `json:"snapshot"`
		Summary  map[string]int   `json:"summary"`
		Results  []map[string]any `json:"results"`
	}
	if err := json.Unmarshal([]byte(out), &rep); err != nil {
		t.Fatalf("not JSON: %v\n%s", err, out)
	}
	for _, k := range []string{"pass", "fail", "not_applicable", "waived", "error"} {
		if _, ok := rep.Summary[k]; !ok {
			t.Errorf("summary lacks %q", k)
		}
	}
	if rep.Summary["fail"] == 0 || len(rep.Results) == 0 || rep.Snapshot["collected_at"] == nil {
		t.Fatalf("unexpected report %+v", rep)
	}
	for _, k := range []string{"id", "title", "severity", "status", "resource", "message"} {
		if _, ok := rep.Results[0][k]; !ok {
			t.Errorf("result lacks %q", k)
		}
	}
}

func TestBadInputIsOneLineExit2(t *testing.T) {
	dir := t.TempDir()
	write := func(name, content string) string {
		return testkit.WriteFile(t, filepath.Join(dir, name), []byte(content))
	}
	valid := testkit.ReadFile(t, compliant)
	cases := map[string][]string{
		"missing file":    {"check", filepath.Join(dir, "nope.json")},
		"not json":        {"check", write("garbage.json", "this is not json")},
		"empty":           {"check", write("empty.json", "")},
		"truncated":       {"check", write("trunc.json", string(valid[:len(valid)/2]))},
		"schema":          {"check", write("schema.json", strings.Replace(string(valid), `"10.100.0.0/16"`, `"10.100.0.0/33"`, 1))},
		"directory":       {"check", dir},
		"no args":         {"check"},
		"bad format":      {"check", compliant, "--format", "pdf"},
		"bad fail-on":     {"check", compliant, "--fail-on", "urgent"},
		"unknown flag":    {"check", compliant, "--frobnicate"},
		"unknown command": {"frobnicate"},
		"bad as-of":       {"check", compliant, "--as-of", "yesterday"},
		"bad policy dir":  {"check", compliant, "--policy-dir", filepath.Join(dir, "none")},
	}
	for name, args := range cases {
		t.Run(name, func(t *testing.T) {
			code, out, errs := runCLI(t, args...)
			if code != 2 {
				t.Fatalf("exit %d, want 2 (stdout %q, stderr %q)", code, out, errs)
			}
			lines := strings.Split(strings.TrimRight(errs, "\n"), "\n")
			if len(lines) != 1 || lines[0] == "" || strings.Contains(errs, "goroutine") {
				t.Fatalf("stderr should be one line, got %q", errs)
			}
			if len(args) > 1 && strings.HasPrefix(args[1], dir) && !strings.Contains(errs, args[1]) {
				t.Fatalf("stderr %q does not name the input %s", errs, args[1])
			}
		})
	}
}

func TestOutputFileIsWrittenAtomically(t *testing.T) {
	out := filepath.Join(t.TempDir(), "report.json")
	if code, _, errs := runCLI(t, "check", broken, asOf, "--format", "json", "-o", out); code != 1 || errs != "" {
		t.Fatalf("exit %d, stderr %q", code, errs)
	}
	st, err := os.Stat(out)
	if err != nil {
		t.Fatal(err)
	}
	if st.Mode().Perm() != 0o600 {
		t.Fatalf("report mode %v, want 0600 (it holds evidence)", st.Mode().Perm())
	}
	entries, _ := os.ReadDir(filepath.Dir(out))
	if len(entries) != 1 {
		t.Fatalf("temporary files left behind: %v", entries)
	}
}

func TestHelpAndVersion(t *testing.T) {
	for _, args := range [][]string{{"--help"}, {"check", "--help"}, {"collect", "--help"}, {"diff", "--help"}, {"policies", "--help"}, {"policy", "--help"}, {"version"}} {
		code, out, errs := runCLI(t, args...)
		if code != 0 || out == "" || errs != "" {
			t.Errorf("%v: exit %d, stdout %q, stderr %q", args, code, out, errs)
		}
		if n := strings.Count(out, "Usage:"); len(args) > 1 && args[1] == "--help" && n != 1 {
			t.Errorf("%v prints its usage %d times", args, n)
		}
	}
	if _, out, _ := runCLI(t, "check", "--help"); !strings.Contains(out, "--fail-on") || !strings.Contains(out, "sarif") && !strings.Contains(out, "json") {
		t.Errorf("check --help does not explain the flags:\n%s", out)
	}
}

func TestPoliciesJSONListsBuiltins(t *testing.T) {
	code, out, _ := runCLI(t, "policies", "--format", "json")
	if code != 0 {
		t.Fatalf("exit %d", code)
	}
	var list []map[string]any
	if err := json.Unmarshal([]byte(out), &list); err != nil {
		t.Fatal(err)
	}
	found := false
	for _, c := range list {
		if c["id"] == "HN-VPC-02" && c["source"] == "builtin" && c["severity"] == "high" && c["title"] != "" {
			found = true
		}
	}
	if !found {
		t.Fatalf("HN-VPC-02 missing or incomplete in %s", out)
	}
}

func TestWaiversWaiveAndAreReported(t *testing.T) {
	w := filepath.Join(t.TempDir(), "waivers.yaml")
	src := `waivers:
  - id: HN-VPC-02
    resource: vpc-0518*
    justification: DNS handled by an on-prem resolver during migration
    approved_by: jane@example.com
    expires: 2027-01-31
`
	testkit.WriteFile(t, w, []byte(src))
	code, out, errs := runCLI(t, "check", broken, asOf, "--waivers", w, "--format", "json", "--only", "HN-VPC-02")
	if code != 0 {
		t.Fatalf("a waived failure must not fail the run: exit %d, stderr %q", code, errs)
	}
	var rep struct {
		Results []struct {
			Status string            `json:"status"`
			Waiver map[string]string `json:"waiver"`
		} `json:"results"`
	}
	if err := json.Unmarshal([]byte(out), &rep); err != nil {
		t.Fatal(err)
	}
	if len(rep.Results) != 1 || rep.Results[0].Status != "waived" || rep.Results[0].Waiver["approved_by"] != "jane@example.com" {
		t.Fatalf("waived result not in the JSON with its paper trail: %s", out)
	}
	code, _, errs = runCLI(t, "check", broken, "--as-of=2027-02-01T00:00:00Z", "--waivers", w, "--only", "HN-VPC-02")
	if code != 1 || !strings.Contains(errs, "expired on 2027-01-31") {
		t.Fatalf("expired waiver: exit %d, stderr %q", code, errs)
	}
}

func TestOnlyWithWaiversForOtherChecksAndRepeatedIDs(t *testing.T) {
	w := filepath.Join(t.TempDir(), "waivers.yaml")
	src := "waivers:\n  - {id: HN-SG-05, justification: j, approved_by: a, expires: 2030-01-01}\n"
	testkit.WriteFile(t, w, []byte(src))
	code, _, errs := runCLI(t, "check", broken, asOf, "--only", "HN-VPC-02", "--waivers", w)
	if code != 1 || errs != "" {
		t.Fatalf("a waiver for a check --only leaves out is valid and idle: exit %d, stderr %q", code, errs)
	}
	_, out, _ := runCLI(t, "check", broken, asOf, "--only", "HN-VPC-02,HN-VPC-02", "--format", "json")
	var rep struct {
		Results []any `json:"results"`
	}
	if err := json.Unmarshal([]byte(out), &rep); err != nil || len(rep.Results) != 1 {
		t.Fatalf("--only with a repeated ID: %d results, want 1 (%v)", len(rep.Results), err)
	}
}

// An unknown result is reported in the summary and fails the run only with --fail-on-unknown.
func TestFailOnUnknown(t *testing.T) {
	dir := t.TempDir()
	src := `# METADATA
# title: Always undecided
# description: A test check that cannot decide.
# custom:
#   id: ACME-UNK-01
#   severity: medium
package acme.undecided

unknown contains {"resource": "vpc", "message": "the attribute was not collected"} if true
`
	testkit.WriteFile(t, filepath.Join(dir, "u.rego"), []byte(src))
	args := []string{"check", compliant, asOf, "--policy-dir", dir, "--only", "ACME-UNK-01"}
	code, out, _ := runCLI(t, args...)
	if code != 0 || !strings.Contains(out, "UNKNOWN ACME-UNK-01") || !strings.Contains(out, "0 failed, 1 unknown,") {
		t.Fatalf("without --fail-on-unknown: exit %d, want 0 and the unknown reported:\n%s", code, out)
	}
	if code, _, _ := runCLI(t, append(args, "--fail-on-unknown")...); code != 1 {
		t.Fatalf("--fail-on-unknown: exit %d, want 1", code)
	}
	if code, _, _ := runCLI(t, append(args, "--fail-on-unknown", "--fail-on", "high")...); code != 0 {
		t.Fatalf("--fail-on-unknown --fail-on high with a medium unknown: exit %d, want 0", code)
	}
	code, out, _ = runCLI(t, append(args, "--format", "json")...)
	var rep struct {
		Summary map[string]int `json:"summary"`
	}
	if err := json.Unmarshal([]byte(out), &rep); err != nil || code != 0 || rep.Summary["unknown"] != 1 {
		t.Fatalf("json summary %v (exit %d, %v), want unknown 1", rep.Summary, code, err)
	}
}
