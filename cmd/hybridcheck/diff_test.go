package main

import (
	"encoding/json"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/hybridcheck/hybridcheck/internal/fixture"
	"github.com/hybridcheck/hybridcheck/internal/testkit"
)

// seededDefects is the set of checks the broken reference fails, from the defect list it was
// built from.
func seededDefects(t *testing.T) []string {
	t.Helper()
	// The defects also break four seed flows end to end: kubelet, nodes and pods to the
	// control plane and the webhooks (internal/path's tests say at which hop).
	set := map[string]bool{"HN-PATH-01": true, "HN-PATH-02": true, "HN-PATH-03": true, "HN-PATH-04": true}
	for _, d := range fixture.ReadDefects(t, "../../testdata/reference/defects.json") {
		set[d.Check] = true
	}
	return slices.Sorted(maps.Keys(set))
}

type diffOutput struct {
	NewFailures []struct{ ID, Resource string } `json:"new_failures"`
	Resolved    []struct{ ID, Resource string } `json:"resolved"`
	Unchanged   []struct{ ID, Resource string } `json:"unchanged"`
}

func ids(list []struct{ ID, Resource string }) []string {
	set := map[string]bool{}
	for _, f := range list {
		set[f.ID] = true
	}
	return slices.Sorted(maps.Keys(set))
}

// TestDiffReferenceDefects is the acceptance test: compliant -> broken lists exactly the
// seeded defects as new and exits 1 with --fail-on high; swapped, they are resolved and it
// exits 0.
func TestDiffReferenceDefects(t *testing.T) {
	want := strings.Join(seededDefects(t), " ")
	tests := []struct {
		name       string
		old, new   string
		wantCode   int
		wantNew    string
		wantSolved string
	}{
		{"compliant to broken", compliant, broken, 1, want, ""},
		{"broken to compliant", broken, compliant, 0, "", want},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			code, out, errs := runCLI(t, "diff", tt.old, tt.new, "--fail-on", "high", "--format", "json", asOf)
			if code != tt.wantCode || errs != "" {
				t.Fatalf("exit %d (want %d), stderr %q", code, tt.wantCode, errs)
			}
			var d diffOutput
			if err := json.Unmarshal([]byte(out), &d); err != nil {
				t.Fatalf("not JSON: %v\n%s", err, out)
			}
			if got := strings.Join(ids(d.NewFailures), " "); got != tt.wantNew {
				t.Errorf("new failures %q, want %q", got, tt.wantNew)
			}
			if got := strings.Join(ids(d.Resolved), " "); got != tt.wantSolved {
				t.Errorf("resolved %q, want %q", got, tt.wantSolved)
			}
			if len(d.Unchanged) != 0 {
				t.Errorf("unchanged failures %v, want none", d.Unchanged)
			}
		})
	}
}

func TestDiffFormatsAreDeterministic(t *testing.T) {
	for _, format := range []string{"text", "json", "markdown"} {
		_, a, _ := runCLI(t, "diff", compliant, broken, "--format", format, asOf)
		_, b, _ := runCLI(t, "diff", compliant, broken, "--format", format, asOf)
		if a == "" || a != b {
			t.Errorf("%s: two runs differ or are empty", format)
		}
	}
}

func TestDiffFailOn(t *testing.T) {
	tests := []struct {
		failOn   string
		wantCode int
	}{
		{"critical", 0}, // raised to 1 below when a seeded defect is critical
		{"none", 0},
		{"info", 1},
	}
	_, out, _ := runCLI(t, "diff", compliant, broken, "--format", "json", asOf)
	var d struct {
		NewFailures []struct{ Severity string } `json:"new_failures"`
	}
	if err := json.Unmarshal([]byte(out), &d); err != nil {
		t.Fatal(err)
	}
	for _, f := range d.NewFailures {
		if f.Severity == "critical" {
			tests[0].wantCode = 1
		}
	}
	for _, tt := range tests {
		if code, _, errs := runCLI(t, "diff", compliant, broken, "--fail-on", tt.failOn, asOf); code != tt.wantCode {
			t.Errorf("--fail-on %s: exit %d, want %d (%s)", tt.failOn, code, tt.wantCode, errs)
		}
	}
}

func TestDiffLatest(t *testing.T) {
	dir := t.TempDir()
	write := func(name string, doc map[string]any, at string) {
		doc["collected_at"] = at
		data, _ := json.MarshalIndent(doc, "", "  ")
		if err := os.WriteFile(filepath.Join(dir, name), data, 0o600); err != nil {
			t.Fatal(err)
		}
	}
	// Week 1 and 3 compliant, week 2 broken: the newest two are broken -> compliant.
	write("2026-11-06T093000Z.json", fixture.LoadDoc(t, compliant), "2026-11-06T09:30:00Z")
	write("2026-11-13T093000Z.json", fixture.LoadDoc(t, broken), "2026-11-13T09:30:00Z")
	write("2026-11-20T093000Z.json", fixture.LoadDoc(t, compliant), "2026-11-20T09:30:00Z")
	code, out, errs := runCLI(t, "diff", "--latest", dir, "--format", "json", "--as-of=2026-11-21T00:00:00Z")
	if code != 0 || errs != "" {
		t.Fatalf("exit %d, stderr %q", code, errs)
	}
	var d diffOutput
	if err := json.Unmarshal([]byte(out), &d); err != nil {
		t.Fatal(err)
	}
	if len(d.NewFailures) != 0 || strings.Join(ids(d.Resolved), " ") != strings.Join(seededDefects(t), " ") {
		t.Errorf("latest diff: new %v, resolved %v", d.NewFailures, d.Resolved)
	}
	if !strings.Contains(out, `"path": "`+filepath.Join(dir, "2026-11-13T093000Z.json")+`"`) {
		t.Errorf("old side is not the second newest snapshot:\n%s", out[:min(len(out), 400)])
	}
}

func TestDiffUsageErrors(t *testing.T) {
	empty := t.TempDir()
	tests := []struct {
		name    string
		args    []string
		wantErr string
	}{
		{"no arguments", []string{"diff"}, "want OLD and NEW snapshot files"},
		{"one argument", []string{"diff", compliant}, "got 1 arguments"},
		{"latest and files", []string{"diff", "--latest", ".", compliant, broken}, "not both"},
		{"bad format", []string{"diff", compliant, broken, "--format", "sarif"}, `--format "sarif"`},
		{"bad severity", []string{"diff", compliant, broken, "--fail-on", "severe"}, `--fail-on "severe"`},
		{"missing file", []string{"diff", compliant, "nope.json"}, "nope.json: no such file or directory"},
		{"latest on an empty folder", []string{"diff", "--latest", empty}, "needs at least two snapshots"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			code, _, errs := runCLI(t, tt.args...)
			if code != 2 || !strings.Contains(errs, tt.wantErr) || strings.Count(errs, "\n") != 1 {
				t.Errorf("exit %d, stderr %q; want 2 and one line with %q", code, errs, tt.wantErr)
			}
		})
	}
}

// TestDiffPolicyDir: user checks from --policy-dir run on both sides, so a user check failing
// on both snapshots is an unchanged failure, not a new one.
func TestDiffPolicyDir(t *testing.T) {
	dir := t.TempDir()
	policy := `# METADATA
# title: VPC has an owner tag
# description: Every VPC carries an owner tag, so an auditor knows whom to ask.
# custom:
#   id: ACME-TAG-01
#   severity: low
#   remediation: Tag the VPC with owner=TEAM.
package acme.vpc_owner

checked contains vpc.id if some vpc in input.aws.vpcs

deny contains {"resource": vpc.id, "message": sprintf("%s has no owner tag", [vpc.id])} if {
	some vpc in input.aws.vpcs
	not vpc.tags.owner
}
`
	testkit.WriteFile(t, filepath.Join(dir, "vpc_owner.rego"), []byte(policy))
	code, out, errs := runCLI(t, "diff", compliant, broken, "--policy-dir", dir, "--format", "json", "--fail-on", "high", asOf)
	if code != 1 || errs != "" {
		t.Fatalf("exit %d, stderr %q", code, errs)
	}
	var d diffOutput
	if err := json.Unmarshal([]byte(out), &d); err != nil {
		t.Fatal(err)
	}
	if got := strings.Join(ids(d.Unchanged), " "); got != "ACME-TAG-01" {
		t.Errorf("unchanged %q, want the user check failing on both sides", got)
	}
	if got := strings.Join(ids(d.NewFailures), " "); got != strings.Join(seededDefects(t), " ") {
		t.Errorf("new failures %q", got)
	}
}

// A failure waived in the new snapshot is not a new failure.
func TestDiffWaivers(t *testing.T) {
	w := filepath.Join(t.TempDir(), "waivers.yaml")
	var b strings.Builder
	b.WriteString("waivers:\n")
	for _, id := range seededDefects(t) {
		b.WriteString("  - {id: " + id + ", justification: accepted for the test, approved_by: auditor, expires: 2030-01-01}\n")
	}
	testkit.WriteFile(t, w, []byte(b.String()))
	code, out, errs := runCLI(t, "diff", compliant, broken, asOf, "--fail-on", "low", "--waivers", w)
	if code != 0 {
		t.Fatalf("every new failure is waived: exit %d, want 0\n%s\n%s", code, out, errs)
	}
	if code, _, _ := runCLI(t, "diff", compliant, broken, asOf, "--fail-on", "low"); code != 1 {
		t.Fatalf("without waivers: exit %d, want 1", code)
	}
}
