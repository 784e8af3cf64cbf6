package main

import (
	"encoding/json"
	"encoding/xml"
	"path/filepath"
	"strings"
	"testing"

	"github.com/hybridcheck/hybridcheck/internal/testkit"
)

// policy test --format json|junit: every test of the run, pass and fail, in a form CI reads.
func TestPolicyTestFormats(t *testing.T) {
	dir := t.TempDir()
	src := "package acme.fmt_test\n\ntest_passes if {\n\t1 == 1\n}\n\ntest_fails if {\n\t1 == 2\n}\n"
	testkit.WriteFile(t, filepath.Join(dir, "fmt_test.rego"), []byte(src))
	args := []string{"policy", "test", "--policy-dir", dir, "--run", "acme.fmt_test"}

	code, out, errs := runCLI(t, append(args, "--format", "json")...)
	if code != 1 {
		t.Fatalf("json: exit %d, want 1 (a test fails): %s", code, errs)
	}
	var run struct {
		Summary struct{ Passed, Failed int }
		Results []struct{ Package, Name, Status, Location string }
	}
	if err := json.Unmarshal([]byte(out), &run); err != nil {
		t.Fatalf("json output does not parse: %v\n%s", err, out)
	}
	status := map[string]string{}
	for _, r := range run.Results {
		status[r.Name] = r.Status
		if r.Package != "data.acme.fmt_test" || !strings.HasSuffix(r.Location, "fmt_test.rego:3") && !strings.HasSuffix(r.Location, "fmt_test.rego:7") {
			t.Errorf("result %+v: want package data.acme.fmt_test and the rule's file:line", r)
		}
	}
	if run.Summary.Passed != 1 || run.Summary.Failed != 1 || status["test_passes"] != "PASS" || status["test_fails"] != "FAIL" {
		t.Fatalf("json run %+v", run)
	}

	code, out, errs = runCLI(t, append(args, "--format", "junit")...)
	if code != 1 {
		t.Fatalf("junit: exit %d, want 1: %s", code, errs)
	}
	var suites struct {
		Suites []struct {
			Name     string `xml:"name,attr"`
			Tests    int    `xml:"tests,attr"`
			Failures int    `xml:"failures,attr"`
			Cases    []struct {
				Name    string    `xml:"name,attr"`
				Failure *struct{} `xml:"failure"`
			} `xml:"testcase"`
		} `xml:"testsuite"`
	}
	if err := xml.Unmarshal([]byte(out), &suites); err != nil {
		t.Fatalf("junit output does not parse: %v\n%s", err, out)
	}
	if len(suites.Suites) != 1 || suites.Suites[0].Name != "data.acme.fmt_test" || suites.Suites[0].Tests != 2 || suites.Suites[0].Failures != 1 {
		t.Fatalf("junit suites %+v", suites)
	}
	for _, c := range suites.Suites[0].Cases {
		if (c.Failure != nil) != (c.Name == "test_fails") {
			t.Errorf("testcase %s: failure element %v", c.Name, c.Failure != nil)
		}
	}

	if code, _, errs := runCLI(t, append(args, "--format", "sarif")...); code != 2 || !strings.Contains(errs, `unknown format "sarif" (one of text, json, junit)`) {
		t.Fatalf("sarif: exit %d %s, want a usage error listing the formats", code, errs)
	}
	_, help, _ := runCLI(t, "policy", "test", "--help")
	if !strings.Contains(help, "output format: text, json, junit") {
		t.Fatalf("--help does not list the formats from the registry:\n%s", help)
	}
}
