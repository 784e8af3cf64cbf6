package engine

import (
	"bytes"
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/open-policy-agent/opa/v1/ast"

	"github.com/hybridcheck/hybridcheck/internal/fixture"
	"github.com/hybridcheck/hybridcheck/internal/result"
	"github.com/hybridcheck/hybridcheck/internal/snapshot"
)

func newEngine(t *testing.T, opts Options) *Engine {
	t.Helper()
	e, err := New(context.Background(), opts)
	if err != nil {
		t.Fatal(err)
	}
	return e
}

func loadRef(t *testing.T, name string) *snapshot.Loaded {
	t.Helper()
	l, err := snapshot.Load(filepath.Join("..", "..", "snapshots", name))
	if err != nil {
		t.Fatal(err)
	}
	return l
}

// Every check package declares a unique ID and all metadata fields, and has a test file with
// at least one passing and one failing case.
func TestBuiltinCheckMetadataAndTests(t *testing.T) {
	set, err := loadPolicies(nil)
	if err != nil {
		t.Fatal(err)
	}
	if len(set.checks) == 0 {
		t.Fatal("no built-in checks found")
	}
	testRules := map[string][]string{} // tested package -> test rule names
	for _, m := range set.tests {
		pkg := strings.TrimSuffix(m.Package.Path.String(), "_test")
		for _, r := range m.Rules {
			testRules[pkg] = append(testRules[pkg], r.Head.Name.String())
		}
	}
	for _, c := range set.checks {
		if !declaresSnapshotSchema(set.modules[c.file]) {
			t.Errorf("%s (%s): METADATA needs schemas: - input: schema.snapshot", c.ID, c.file)
		}
		if c.Description == "" || c.Remediation == "" || c.AppliesWhen == "" || len(c.References) == 0 {
			t.Errorf("%s (%s): METADATA needs description, related_resources and custom remediation and applies_when", c.ID, c.file)
		}
		var pass, fail bool
		for _, name := range testRules[c.path.String()] {
			pass = pass || strings.HasPrefix(name, "test_pass")
			fail = fail || strings.HasPrefix(name, "test_fail")
		}
		if !pass || !fail {
			t.Errorf("%s (%s): needs a test file with test_pass_* and test_fail_* rules", c.ID, c.file)
		}
	}
}

func TestDuplicateIDMissingMetadataAndCompileErrorsAreRefused(t *testing.T) {
	cases := map[string]struct{ rego, want string }{
		"duplicate id": {`# METADATA
# title: Mine
# custom:
#   id: HN-VPC-02
#   severity: low
package acme.dup

deny contains "x" if false
`, "duplicateid.rego:1: check id HN-VPC-02 is already declared in policies/aws/vpc/dns_support.rego"},
		"no metadata":     {"package acme.nometa\n\ndeny contains \"x\" if false\n", "no package METADATA"},
		"bad severity":    {"# METADATA\n# title: T\n# custom:\n#   id: ACME-1\n#   severity: urgent\npackage acme.sev\n", "severity \"urgent\""},
		"compile error":   {"package acme.broken\n\ndeny contains x if {\n", "broken.rego:"},
		"network builtin": {"# METADATA\n# title: T\n# custom:\n#   id: ACME-2\n#   severity: low\npackage acme.net\n\ndeny contains x if {\n\tx := http.send({\"method\": \"get\", \"url\": \"http://127.0.0.1\"})\n}\n", "http.send"},
	}
	for name, c := range cases {
		t.Run(name, func(t *testing.T) {
			dir := t.TempDir()
			file := strings.ReplaceAll(name, " ", "") + ".rego"
			if name == "compile error" {
				file = "broken.rego"
			}
			if err := os.WriteFile(filepath.Join(dir, file), []byte(c.rego), 0o644); err != nil {
				t.Fatal(err)
			}
			_, err := New(context.Background(), Options{PolicyDirs: []string{dir}})
			if err == nil {
				t.Fatal("accepted")
			}
			if !strings.Contains(err.Error(), c.want) || strings.Contains(err.Error(), "\n") {
				t.Fatalf("error %q should be one line containing %q", err, c.want)
			}
		})
	}
}

func TestOutputIsDeterministic(t *testing.T) {
	e := newEngine(t, Options{Now: time.Date(2026, 11, 21, 0, 0, 0, 0, time.UTC)})
	var outs [][]byte
	for i := 0; i < 3; i++ {
		rep, err := e.Check(context.Background(), loadRef(t, "reference-compliant.json"))
		if err != nil {
			t.Fatal(err)
		}
		b, _ := json.Marshal(rep)
		outs = append(outs, b)
	}
	if !bytes.Equal(outs[0], outs[1]) || !bytes.Equal(outs[1], outs[2]) {
		t.Fatal("same snapshot and policies gave different results")
	}
}

func TestUserPolicyResultsAndOnly(t *testing.T) {
	dir := writePolicy(t, "name.rego", userCheck("No VPC named test", "ACME-VPC-01", "medium", "acme.vpc_name", `checked contains v.id if some v in input.aws.vpcs

deny contains {"resource": v.id, "message": "named test", "evidence": {"name": v.tags.Name}} if {
	some v in input.aws.vpcs
	v.tags.Name == "eks-hybrid-vpc"
}
`))
	e := newEngine(t, Options{PolicyDirs: []string{dir}, Only: []string{"ACME-VPC-01"}})
	if got := len(e.Checks()); got != 1 {
		t.Fatalf("--only kept %d checks, want 1", got)
	}
	rep, err := e.Check(context.Background(), loadRef(t, "reference-compliant.json"))
	if err != nil {
		t.Fatal(err)
	}
	if len(rep.Results) != 1 {
		t.Fatalf("got %d results, want 1: %+v", len(rep.Results), rep.Results)
	}
	r := rep.Results[0]
	if r.Status != result.Fail || r.Resource != "vpc-0518d3603257bf85d" || r.Evidence["name"] != "eks-hybrid-vpc" || r.Source != filepath.Join(dir, "name.rego") {
		t.Fatalf("unexpected result %+v", r)
	}
	if _, err := New(context.Background(), Options{Only: []string{"HN-NOPE-01"}}); err == nil || !strings.Contains(err.Error(), "HN-NOPE-01") {
		t.Fatalf("unknown --only id: got %v", err)
	}
}

// Issue 13.6: a user check that loops is stopped after --policy-timeout and reported as its
// own error; the built-in checks evaluated beside it keep their results.
func TestLoopingPolicyIsStoppedAndReportedAsError(t *testing.T) {
	dir := writePolicy(t, "slow.rego", userCheck("Slow", "ACME-SLOW-01", "low", "acme.slow", `deny contains "never" if {
	some i in numbers.range(1, 1000)
	some j in numbers.range(1, 1000)
	some k in numbers.range(1, 1000)
	some l in numbers.range(1, 1000)
	i + j + k + l < 0
}
`))
	e := newEngine(t, Options{PolicyDirs: []string{dir}, Only: []string{"ACME-SLOW-01", "HN-SG-05", "HN-VPC-02"},
		PolicyTimeout: 300 * time.Millisecond, PolicyMemory: 64 << 20})
	start := time.Now()
	rep, err := e.Check(context.Background(), loadRef(t, "reference-broken.json"))
	if err != nil {
		t.Fatal(err)
	}
	if time.Since(start) > 20*time.Second {
		t.Fatal("evaluation was not cut off")
	}
	byID := map[string][]result.Result{}
	for _, r := range rep.Results {
		byID[r.ID] = append(byID[r.ID], r)
	}
	slow := byID["ACME-SLOW-01"]
	if len(slow) != 1 || slow[0].Status != result.Error || !strings.Contains(slow[0].Message, "stopped after 300ms (--policy-timeout)") {
		t.Fatalf("want one error result naming the timeout, got %+v", slow)
	}
	for _, id := range []string{"HN-SG-05", "HN-VPC-02"} {
		if len(byID[id]) == 0 {
			t.Fatalf("%s has no results", id)
		}
		for _, r := range byID[id] {
			if r.Status == result.Error {
				t.Fatalf("built-in %s became an error beside a looping user check: %+v", id, r)
			}
		}
	}
	if byID["HN-SG-05"][0].Status != result.Fail {
		t.Fatalf("HN-SG-05 should still fail the broken reference: %+v", byID["HN-SG-05"])
	}
}

func TestBuiltinPolicyUnitTestsPass(t *testing.T) {
	var out bytes.Buffer
	sum, err := RunPolicyTests(context.Background(), nil, "", false, &out)
	if err != nil {
		t.Fatal(err)
	}
	if sum.Failed+sum.Errored > 0 || sum.Passed == 0 {
		t.Fatalf("Rego tests: %d passed, %d failed, %d errors\n%s", sum.Passed, sum.Failed, sum.Errored, out.String())
	}
}

func TestCapabilitiesExcludeNetwork(t *testing.T) {
	caps := Capabilities()
	for _, name := range []string{"http.send", "net.lookup_ip_addr", "opa.runtime"} {
		if caps.ContainsBuiltin(name) {
			t.Errorf("capabilities still contain %s", name)
		}
	}
	if !caps.ContainsBuiltin("net.cidr_contains") {
		t.Error("capabilities lost net.cidr_contains")
	}
	seen := map[string]int{}
	for _, b := range caps.Builtins {
		seen[b.Name]++
	}
	if seen["hybridcheck.device_allows"] != 1 {
		t.Errorf("hybridcheck.device_allows is listed %d times, want once", seen["hybridcheck.device_allows"])
	}
}

// The catalog IDs a check declares must follow the HN-AREA-NN form.
func TestBuiltinIDsFollowTheCatalogForm(t *testing.T) {
	re := regexp.MustCompile(`^HN-[A-Z]+-[0-9]{2}$`)
	for _, c := range newEngine(t, Options{}).Checks() {
		if !re.MatchString(c.ID) {
			t.Errorf("%s: built-in ID does not follow HN-AREA-NN", c.ID)
		}
	}
}

func TestRequiredEndpointsComeFromThePolicyTable(t *testing.T) {
	got, err := RequiredEndpoints(context.Background(), "us-east-1", "ssm")
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]bool{
		"hybrid-assets.eks.amazonaws.com": true, "eks.us-east-1.amazonaws.com": true, "api.ecr.us-east-1.amazonaws.com": true,
		"602401143452.dkr.ecr.us-east-1.amazonaws.com": true, "amazon-ssm-us-east-1.s3.us-east-1.amazonaws.com": true,
		"ssm.us-east-1.amazonaws.com": true,
	}
	for _, e := range got {
		delete(want, e)
	}
	if len(want) != 0 {
		t.Fatalf("the SSM list for us-east-1 lacks %v (got %v)", want, got)
	}
	ra, err := RequiredEndpoints(context.Background(), "us-east-1", "iam-roles-anywhere")
	if err != nil {
		t.Fatal(err)
	}
	if strings.Contains(strings.Join(ra, ","), "ssm.us-east-1") || !strings.Contains(strings.Join(ra, ","), "rolesanywhere.us-east-1.amazonaws.com") {
		t.Fatalf("IAM Roles Anywhere list is wrong: %v", ra)
	}
}

// probe's Palette list is HN-EGR-02's table: the domains and the published addresses, on 443;
// other management kinds add nothing.
func TestManagementEndpointsComeFromThePolicyTable(t *testing.T) {
	got, err := ManagementEndpoints(context.Background(), "palette-saas")
	if err != nil {
		t.Fatal(err)
	}
	hosts := map[string]int{}
	for _, e := range got {
		hosts[e.Host] = e.Port
	}
	for _, h := range []string{"api1.spectrocloud.com", "message3.spectrocloud.com", "saas-repo.console.spectrocloud.com",
		"415789037893.dkr.ecr.us-west-2.amazonaws.com", "44.232.106.120", "54.80.29.137"} {
		if hosts[h] != 443 {
			t.Errorf("palette-saas: %s on port %d, want 443 (got %v)", h, hosts[h], got)
		}
	}
	if len(got) != 27 {
		t.Errorf("palette-saas: %d endpoints, want 19 domains and 8 addresses", len(got))
	}
	for _, kind := range []string{"none", "self-hosted", ""} {
		if none, err := ManagementEndpoints(context.Background(), kind); err != nil || len(none) != 0 {
			t.Errorf("management %q: %v, %v; want none", kind, none, err)
		}
	}
}

// A user policy that reads a field the snapshot does not have is a compile error naming the
// file and line (the snapshot schema is the type checker's input schema).
func TestPolicyReadingAnUnknownFieldIsRefused(t *testing.T) {
	dir := writePolicy(t, "typo.rego", userCheck("T", "ACME-TYPO-01", "low", "acme.typo", "deny contains v.id if {\n\tsome v in input.aws.vpc\n}\n"))
	_, err := New(context.Background(), Options{PolicyDirs: []string{dir}})
	if err == nil || !strings.Contains(err.Error(), "typo.rego:9") || !strings.Contains(err.Error(), "input.aws.vpc") {
		t.Fatalf("want a compile error at typo.rego:9 naming input.aws.vpc, got %v", err)
	}
}

func declaresSnapshotSchema(m *ast.Module) bool {
	for _, a := range m.Annotations {
		for _, sa := range a.Schemas {
			if sa.Path.String() == "input" && sa.Schema.String() == "schema.snapshot" {
				return true
			}
		}
	}
	return false
}

// A check's unknown entries become unknown results: not a pass, not a failure, and a resource
// both checked and unknown is only unknown.
func TestUnknownEntriesBecomeUnknownResults(t *testing.T) {
	dir := writePolicy(t, "dns.rego", userCheck("VPC DNS attribute known", "ACME-VPC-02", "high", "acme.vpc_dns", `checked contains v.id if some v in input.aws.vpcs

unknown contains {"resource": v.id, "message": "enableDnsSupport was not collected", "evidence": {"missing": "ec2:DescribeVpcAttribute"}} if {
	some v in input.aws.vpcs
	object.get(v, "enable_dns_support", null) == null
}
`))
	e := newEngine(t, Options{PolicyDirs: []string{dir}, Only: []string{"ACME-VPC-02"}})
	l := loadRef(t, "reference-compliant.json")
	rep, err := e.Check(context.Background(), l)
	if err != nil {
		t.Fatal(err)
	}
	if len(rep.Results) != 1 || rep.Results[0].Status != result.Pass {
		t.Fatalf("collected attribute: got %+v, want one pass", rep.Results)
	}
	// The same snapshot with the attribute missing.
	for i := range l.Snapshot.AWS.VPCs {
		l.Snapshot.AWS.VPCs[i].EnableDNSSupport = nil
	}
	l = fixture.Parse(t, "reference-compliant.json", l.Snapshot)
	rep, err = e.Check(context.Background(), l)
	if err != nil {
		t.Fatal(err)
	}
	if len(rep.Results) != 1 {
		t.Fatalf("got %d results, want 1: %+v", len(rep.Results), rep.Results)
	}
	r := rep.Results[0]
	if r.Status != result.Unknown || r.Resource != "vpc-0518d3603257bf85d" || r.Evidence["missing"] != "ec2:DescribeVpcAttribute" {
		t.Fatalf("unexpected result %+v", r)
	}
	if rep.Summary.Unknown != 1 || rep.Summary.Pass != 0 || rep.Summary.Fail != 0 {
		t.Fatalf("summary %+v, want one unknown", rep.Summary)
	}
	if result.Failing(rep.Results, "info") {
		t.Error("an unknown result fails the run without --fail-on-unknown")
	}
	if !result.FailingWith(rep.Results, "high", true) || result.FailingWith(rep.Results, "critical", true) {
		t.Error("--fail-on-unknown does not follow the severity threshold")
	}
}
