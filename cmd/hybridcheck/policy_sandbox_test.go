package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/hybridcheck/hybridcheck/internal/testkit"
)

// The policy sandbox seen from the command line (issue 13 items 1, 2, 5, 6): every refusal is
// exit 2 with one line naming file:line, no secret of a linked file is printed by check,
// policies or policy test, and a hostile user check is one error result, not a crash.

func policyDir(t *testing.T, files map[string]string) string {
	t.Helper()
	dir := t.TempDir()
	for name, src := range files {
		testkit.WriteFile(t, filepath.Join(dir, name), []byte(src))
	}
	return dir
}

func TestCLIRefusesUserPolicyInBuiltinNamespace(t *testing.T) {
	dir := policyDir(t, map[string]string{"sg.rego": "package hybridcheck.aws.sg.admin_access\n\nnot_applicable := \"x\"\n"})
	for _, args := range [][]string{
		{"check", broken, asOf, "--policy-dir", dir},
		{"policies", "--policy-dir", dir},
		{"policy", "test", "--policy-dir", dir},
	} {
		code, out, stderr := runCLI(t, args...)
		want := filepath.Join(dir, "sg.rego") + ":1: package hybridcheck.aws.sg.admin_access is in the built-in namespace"
		if code != 2 || !strings.Contains(stderr, want) || strings.Count(stderr, "\n") != 1 || out != "" {
			t.Errorf("%v: exit %d, stdout %q, stderr %q; want exit 2 and one line %q", args[0], code, out, stderr, want)
		}
	}
}

func TestCLINeverPrintsALinkedPolicyFile(t *testing.T) {
	secret := filepath.Join(t.TempDir(), "environ")
	if err := os.WriteFile(secret, []byte("AWS_SECRET_ACCESS_KEY=CANARY_wJalrXUtnFEMI\x00"), 0o600); err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	if err := os.Symlink(secret, filepath.Join(dir, "x.rego")); err != nil {
		t.Fatal(err)
	}
	for _, args := range [][]string{
		{"check", compliant, asOf, "--policy-dir", dir},
		{"policies", "--policy-dir", dir},
		{"policy", "test", "--policy-dir", dir},
	} {
		code, out, stderr := runCLI(t, args...)
		if code != 2 || strings.Contains(out+stderr, "CANARY") || !strings.Contains(stderr, "leads out of the policy folder") || strings.Count(stderr, "\n") != 1 {
			t.Errorf("%v: exit %d, stdout %q, stderr %q", args[0], code, out, stderr)
		}
	}
}

func TestCLIHostileUserPolicyIsOneErrorResult(t *testing.T) {
	dir := policyDir(t, map[string]string{"big.rego": `# METADATA
# title: Big
# custom:
#   id: ACME-BIG-01
#   severity: low
package acme.big

deny contains "x" if {
	some ip in net.cidr_expand("10.0.0.0/11")
	ip == "x"
}
`})
	code, out, stderr := runCLI(t, "check", broken, asOf, "--policy-dir", dir, "--policy-memory", "32", "--format", "json", "--only", "ACME-BIG-01,HN-SG-05")
	if code != 1 || stderr != "" {
		t.Fatalf("exit %d, stderr %q", code, stderr)
	}
	var rep struct {
		Results []struct{ ID, Status, Message string }
	}
	if err := json.Unmarshal([]byte(out), &rep); err != nil {
		t.Fatal(err)
	}
	var big, sg int
	for _, r := range rep.Results {
		switch {
		case r.ID == "ACME-BIG-01" && r.Status == "error" && strings.Contains(r.Message, "more than 32 MiB of memory (--policy-memory)"):
			big++
		case r.ID == "HN-SG-05" && r.Status == "fail":
			sg++
		}
	}
	if big != 1 || sg == 0 {
		t.Fatalf("want ACME-BIG-01 one memory error and HN-SG-05 still failing: %+v", rep.Results)
	}
	for _, v := range []string{"0s", "-1s", "x"} {
		if code, _, stderr := runCLI(t, "check", compliant, "--policy-timeout", v); code != 2 || !strings.Contains(stderr, "--policy-timeout") {
			t.Errorf("--policy-timeout %s: exit %d, stderr %q", v, code, stderr)
		}
	}
	if code, _, stderr := runCLI(t, "check", compliant, "--policy-memory", "0"); code != 2 || !strings.Contains(stderr, "--policy-memory") {
		t.Errorf("--policy-memory 0: exit %d, stderr %q", code, stderr)
	}
}
