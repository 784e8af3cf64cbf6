package main

import (
	"encoding/json"
	"regexp"
	"strings"
	"testing"

	"github.com/hybridcheck/hybridcheck/internal/result"
	"github.com/hybridcheck/hybridcheck/internal/testkit"
)

func TestExplain(t *testing.T) {
	code, out, stderr := runCLI(t, "explain", "HN-VPC-02")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	order := []string{
		"HN-VPC-02  VPC DNS resolution enabled (high)",
		"\nRule\n  The cluster VPC's enableDnsSupport attribute is true.",
		"\nWhy it matters\n  EKS hybrid nodes need the VPC's DNS resolution",
		"\nWhat the seed says\n  prepare-network.md, section AWS network 2",
		"\nWhat it reads\n  input.aws\n  input.intent\n  lib.cluster_vpc\n",
		"\nHow to fix it\n  aws ec2 modify-vpc-attribute --vpc-id VPC_ID --enable-dns-support",
		"\nExample failure (snapshots/reference-broken.json)\n  VPC vpc-0518d3603257bf85d has enableDnsSupport false",
		"    enable_dns_support: false",
		"\nReferences\n  https://docs.aws.amazon.com/",
	}
	at := 0
	for _, want := range order {
		i := strings.Index(out[at:], want)
		if i < 0 {
			t.Fatalf("explanation lacks %q after offset %d:\n%s", want, at, out)
		}
		at += i + len(want)
	}
	// A check the reference estate passes points at its Rego tests; IDs are case-insensitive.
	if code, out, _ := runCLI(t, "explain", "hn-vpc-03"); code != 0 || !strings.Contains(out, "the deny tests in policies/aws/vpc/dns_hostnames_test.rego") {
		t.Errorf("explain hn-vpc-03: exit %d\n%s", code, out)
	}
	if code, _, stderr := runCLI(t, "explain", "HNVPC02"); code != 2 || !strings.Contains(stderr, "did you mean HN-VPC-02?") {
		t.Errorf("misspelt ID: exit %d, stderr %q", code, stderr)
	}
	if code, _, _ := runCLI(t, "explain"); code != 2 {
		t.Errorf("no ID: exit %d, want 2", code)
	}
}

func TestExplainJSON(t *testing.T) {
	code, out, stderr := runCLI(t, "explain", "HN-RT-01", "--format", "json")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	var got struct {
		result.Check
		ExampleFailure *result.Result `json:"example_failure"`
	}
	if err := json.Unmarshal([]byte(out), &got); err != nil {
		t.Fatal(err)
	}
	if got.Rationale == "" || got.Seed != "Inter-site 3" || len(got.Reads) == 0 || got.ExampleFailure == nil || got.ExampleFailure.Resource != "rtb-0c2d3e4f5a6b7c8d9" {
		t.Errorf("explain json: %+v", got)
	}
}

// policies --format json carries every check's full metadata.
func TestPoliciesJSONFullMetadata(t *testing.T) {
	code, out, stderr := runCLI(t, "policies", "--format", "json")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	var checks []result.Check
	if err := json.Unmarshal([]byte(out), &checks); err != nil {
		t.Fatal(err)
	}
	if len(checks) < 50 {
		t.Fatalf("%d checks listed", len(checks))
	}
	for _, c := range checks {
		if c.Title == "" || c.Severity == "" || c.Description == "" || c.Remediation == "" || c.AppliesWhen == "" ||
			c.Rationale == "" || len(c.References) == 0 || c.Area == "" || c.Package == "" || c.Source == "" || len(c.Reads) == 0 {
			t.Errorf("%s: metadata incomplete in policies --format json: %+v", c.ID, c)
		}
	}
}

// docs/intent.md names only checks that exist, so its "Read by" column cannot point at a
// renamed or removed check.
func TestIntentDocNamesExistingChecks(t *testing.T) {
	doc := testkit.ReadText(t, "../../docs/intent.md")
	_, out, _ := runCLI(t, "policies", "--format", "json")
	var checks []result.Check
	if err := json.Unmarshal([]byte(out), &checks); err != nil {
		t.Fatal(err)
	}
	known := map[string]bool{}
	prefixes := map[string]bool{}
	for _, c := range checks {
		known[c.ID] = true
		prefixes[c.ID[:strings.LastIndex(c.ID, "-")]] = true
	}
	for _, id := range regexp.MustCompile(`HN-[A-Z]+-[0-9]{2}`).FindAllString(doc, -1) {
		if !known[id] {
			t.Errorf("docs/intent.md names %s, which no check has", id)
		}
	}
	for _, p := range regexp.MustCompile(`(HN-[A-Z]+)-\*`).FindAllStringSubmatch(doc, -1) {
		if !prefixes[p[1]] {
			t.Errorf("docs/intent.md names %s-*, which no check has", p[1])
		}
	}
}

// HN-EGR-02 (issue 21) explains its rule, the seed's step and the Palette page it was read from.
func TestExplainPaletteEndpoints(t *testing.T) {
	code, out, stderr := runCLI(t, "explain", "HN-EGR-02")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	testkit.ContainsAll(t, "explain HN-EGR-02", out,
		"HN-EGR-02  Nodes reach the Palette SaaS endpoints (TCP 443) (high)",
		"prepare-network.md, section Remote network 5",
		"the intent says management palette-saas and a device is in the snapshot",
		"lib.endpoints.palette_saas_domains",
		"https://docs.spectrocloud.com/architecture/networking-ports/",
		"policies/onprem/egress/palette_endpoints_test.rego",
	)
}
