package engine

import (
	"context"
	"path/filepath"
	"reflect"
	"regexp"
	"testing"
	"time"

	"github.com/hybridcheck/hybridcheck/internal/result"
)

// TestReportScope: the engine fills the report's scope from the snapshot, so every format can
// say when, with what and over what the check ran.
func TestReportScope(t *testing.T) {
	now := time.Date(2026, 11, 21, 8, 0, 0, 0, time.UTC)
	rep, err := newEngine(t, Options{Now: now}).Check(context.Background(), loadRef(t, "reference-broken.json"))
	if err != nil {
		t.Fatal(err)
	}
	sc := rep.Scope
	if !regexp.MustCompile(`^.+\+sha256:[0-9a-f]{12}$`).MatchString(sc.PolicyVersion) {
		t.Errorf("policy version %q is not RELEASE+sha256:DIGEST", sc.PolicyVersion)
	}
	sc.PolicyVersion, sc.ToolVersion = "", ""
	want := result.Scope{
		CheckedAt: "2026-11-21T08:00:00Z", AccountID: "111122223333", Region: "us-east-1", Cluster: "eks-hybrid",
		VPCID: "vpc-0518d3603257bf85d", VPCCIDRs: []string{"10.100.0.0/16"},
		NodeCIDRs: []string{"10.200.0.0/16"}, PodCIDRs: []string{"192.168.0.0/16"},
		Devices: []result.ScopeDevice{{Name: "eks-hybrid-remote-gateway-1", Format: "pfsense", File: "testdata/reference/edge-fw.xml"}},
	}
	if !reflect.DeepEqual(sc, want) {
		t.Errorf("scope\n got %+v\nwant %+v", sc, want)
	}
}

// TestPolicyDigest: the digest names the policy set: the same for the same policies, another
// one when a user policy is added, and the user policy's folder is listed.
func TestPolicyDigest(t *testing.T) {
	builtin, _ := newEngine(t, Options{}).policyDigest()
	again, _ := newEngine(t, Options{}).policyDigest()
	if builtin != again {
		t.Errorf("digest differs between two loads of the same policies: %s, %s", builtin, again)
	}
	dir := writePolicy(t, "t.rego", userCheck("t", "ACME-T-01", "low", "acme.t", "deny contains \"x\" if false\n"))
	withUser, dirs := newEngine(t, Options{PolicyDirs: []string{dir}}).policyDigest()
	if withUser == builtin {
		t.Error("a user policy does not change the digest")
	}
	if !reflect.DeepEqual(dirs, []string{filepath.Clean(dir)}) {
		t.Errorf("policy folders %v, want [%s]", dirs, dir)
	}
}
