package engine

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io/fs"
	"net/netip"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/open-policy-agent/opa/v1/ast"

	"github.com/hybridcheck/hybridcheck/internal/result"
	"github.com/hybridcheck/hybridcheck/internal/snapshot"
	"github.com/hybridcheck/hybridcheck/internal/synth"
)

// straightforwardDir keeps the original form of every policy rewritten for speed, at the path
// it has under policies/, with the same package and METADATA.
var straightforwardDir = filepath.Join("testdata", "straightforward")

// straightforwardModules parses the kept originals, keyed by the built-in module each replaces.
func straightforwardModules(t *testing.T) map[string]*ast.Module {
	t.Helper()
	out := map[string]*ast.Module{}
	err := filepath.WalkDir(straightforwardDir, func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(path, ".rego") {
			return err
		}
		src, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		rel, err := filepath.Rel(straightforwardDir, path)
		if err != nil {
			return err
		}
		m, err := ast.ParseModuleWithOpts(path, string(src), ast.ParserOptions{ProcessAnnotation: true, RegoVersion: ast.RegoV1})
		if err != nil {
			return err
		}
		out[builtinPrefix+filepath.ToSlash(rel)] = m
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if len(out) == 0 {
		t.Fatalf("no straightforward policies in %s", straightforwardDir)
	}
	return out
}

// straightforwardEngine is the built-in policy set with each rewritten module swapped for its
// original, compiled and prepared as New does.
func straightforwardEngine(t *testing.T, originals map[string]*ast.Module) *Engine {
	t.Helper()
	set, err := loadPolicies(nil)
	if err != nil {
		t.Fatal(err)
	}
	for name, m := range originals {
		current, ok := set.modules[name]
		if !ok {
			t.Fatalf("%s replaces %s, which is not a built-in policy", m.Package.Location.File, name)
		}
		if current.Package.Path.Compare(m.Package.Path) != 0 {
			t.Fatalf("%s: package %s, but %s is package %s", m.Package.Location.File, m.Package.Path, name, current.Package.Path)
		}
		if current.Equal(m) {
			t.Fatalf("%s is identical to the built-in %s: nothing is compared", m.Package.Location.File, name)
		}
		set.modules[name] = m
	}
	compiler, err := compile(set.modules)
	if err != nil {
		t.Fatal(err)
	}
	e := &Engine{set: set, checks: set.checks, builtin: set.checks, compiler: compiler, timeout: 2 * time.Minute, now: benchNow}
	if err := e.prepareGroups(context.Background(), 1); err != nil {
		t.Fatal(err)
	}
	return e
}

// TestOptimisedPoliciesMatchStraightforward holds every policy rewritten for speed to its
// original: on the scale-10 estates grown from both shipped references (compliant, and broken so
// that failures and their evidence are compared too) and on one in which the cluster's pod CIDR
// moved away from the device's, the whole report as JSON must be byte-identical. The
// straightforward engine also evaluates every check in one query on one goroutine, the
// optimised one in parallel groups (parallel_test.go holds the groups to one query alone).
func TestOptimisedPoliciesMatchStraightforward(t *testing.T) {
	originals := straightforwardModules(t)
	optimised, err := New(context.Background(), Options{Now: benchNow})
	if err != nil {
		t.Fatal(err)
	}
	straightforward := straightforwardEngine(t, originals)
	for _, c := range []struct {
		name string
		data []byte
		// findings the estate must produce ("ID status"), so that they are compared at all
		findings []string
	}{
		{"reference-compliant@scale10/cluster", estate(t, 10), nil},
		{"reference-compliant@scale10/account", estateFrom(t, "reference-compliant", 10, synth.ShapeAccount), nil},
		{"reference-broken@scale10/account", estateFrom(t, "reference-broken", 10, synth.ShapeAccount), nil},
		{"reference-broken@scale10/cluster", estateFrom(t, "reference-broken", 10, synth.ShapeCluster), nil},
		// Neither reference makes AWS and the device disagree on the pod CIDRs, so HN-X-02's
		// findings (the rewritten check's own evidence) would go uncompared without this one.
		{"pod-cidr-moved@scale10", podCIDRMoved(t, estate(t, 10)), []string{"HN-X-02 fail"}},
		// Neither reference leaves a node or pod CIDR without a route, undecidable for an
		// unresolved prefix list or without propagation, nor gives cluster subnets ACLs of their
		// own: the rewritten route and network ACL checks' findings need this one.
		{"aws-paths-broken@scale10/cluster", awsPathsBroken(t, estate(t, 10)), []string{
			"HN-RT-01 fail", "HN-RT-01 unknown", "HN-RT-02 fail", "HN-RT-02 unknown",
			"HN-RT-03 fail", "HN-RT-03 unknown", "HN-NACL-01 fail",
		}},
	} {
		t.Run(c.name, func(t *testing.T) {
			l, err := snapshot.Parse(c.name, c.data)
			if err != nil {
				t.Fatal(err)
			}
			want := reportJSON(t, straightforward, l)
			got := reportJSON(t, optimised, l)
			if !bytes.Equal(got, want) {
				t.Fatalf("optimised policies give different results from the straightforward ones:\n%s", firstDifference(got, want))
			}
			var rep struct {
				Results []struct{ ID, Status string }
			}
			if err := json.Unmarshal(got, &rep); err != nil {
				t.Fatal(err)
			}
			seen := map[string]bool{}
			for _, r := range rep.Results {
				seen[r.ID+" "+r.Status] = true
			}
			for _, f := range c.findings {
				if !seen[f] {
					t.Errorf("the estate gives no %q result: those findings go uncompared", f)
				}
			}
		})
	}
}

func reportJSON(t *testing.T, e *Engine, l *snapshot.Loaded) []byte {
	t.Helper()
	rep, err := e.Check(context.Background(), l)
	if err != nil {
		t.Fatal(err)
	}
	// The two policy sets differ by construction, and so do their digests; the results must not.
	rep.Scope.PolicyVersion = ""
	data, err := json.MarshalIndent(rep, "", " ")
	if err != nil {
		t.Fatal(err)
	}
	return data
}

// firstDifference shows the first line where two JSON reports part.
func firstDifference(got, want []byte) string {
	g, w := strings.Split(string(got), "\n"), strings.Split(string(want), "\n")
	for i := 0; i < min(len(g), len(w)); i++ {
		if g[i] != w[i] {
			return fmt.Sprintf("line %d:\n  optimised:       %s\n  straightforward: %s", i+1, g[i], w[i])
		}
	}
	return fmt.Sprintf("one report is a prefix of the other (%d vs %d lines)", len(g), len(w))
}

// podCIDRMoved is the estate with the cluster's remote pod network moved to a range the device
// does not use, as when one side is re-addressed and the other is not.
func podCIDRMoved(t *testing.T, data []byte) []byte {
	t.Helper()
	l, err := snapshot.Parse("scale10", data)
	if err != nil {
		t.Fatal(err)
	}
	s := l.Snapshot
	if s.AWS == nil || s.AWS.EKSCluster == nil || len(s.Devices) == 0 {
		t.Fatal("the scale-10 estate has no EKS cluster or no device")
	}
	s.AWS.EKSCluster.RemotePodNetworks = []string{"10.250.0.0/16"}
	out, err := snapshot.Marshal(s)
	if err != nil {
		t.Fatal(err)
	}
	return out
}

// The cluster-shaped estate grows exactly what the hybrid checks walk, without changing a
// verdict: grown from the compliant reference, nothing fails, errors or is unknown, and the
// grown parts are checked (more passing results than the reference alone).
func TestClusterShapeKeepsTheReferenceVerdicts(t *testing.T) {
	eng := newEngine(t, Options{Now: benchNow})
	ref, err := eng.Check(context.Background(), loadRef(t, "reference-compliant.json"))
	if err != nil {
		t.Fatal(err)
	}
	l, err := snapshot.Parse("cluster10", estate(t, 10))
	if err != nil {
		t.Fatal(err)
	}
	rep, err := eng.Check(context.Background(), l)
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range rep.Results {
		if r.Status == result.Fail || r.Status == result.Error || r.Status == result.Unknown {
			t.Errorf("%s %s: %s: %s", r.Status, r.ID, r.Resource, r.Message)
		}
	}
	if rep.Summary.Pass <= ref.Summary.Pass {
		t.Errorf("%d passing results on the grown estate, %d on the reference: the grown parts were not checked", rep.Summary.Pass, ref.Summary.Pass)
	}
}

// awsPathsBroken is the cluster-shaped estate with the cluster route tables and network ACLs
// broken in every way the route and ACL checks tell apart: one table without propagation and
// without any route for the node CIDR, one with a blackhole and one with an internet gateway
// inside the node and pod CIDRs, one routing through a prefix list the snapshot lacks, and an
// ACL of its own for three cluster subnets that denies HTTPS from the pod CIDR and the return
// traffic to the node CIDR.
func awsPathsBroken(t *testing.T, data []byte) []byte {
	t.Helper()
	l, err := snapshot.Parse("scale10", data)
	if err != nil {
		t.Fatal(err)
	}
	a := l.Snapshot.AWS
	node, pod := a.EKSCluster.RemoteNodeNetworks[0], a.EKSCluster.RemotePodNetworks[0]
	cluster := map[string]bool{}
	for _, id := range a.EKSCluster.SubnetIDs {
		cluster[id] = true
	}
	var tables []*snapshot.RouteTable
	for i := range a.RouteTables {
		for _, as := range a.RouteTables[i].Associations {
			if cluster[as.SubnetID] {
				tables = append(tables, &a.RouteTables[i])
				break
			}
		}
	}
	if len(tables) < 4 {
		t.Fatalf("the scale-10 estate has %d cluster route tables, want 4 or more", len(tables))
	}
	gateway := tables[0].Routes[slices.IndexFunc(tables[0].Routes, func(r snapshot.Route) bool { return r.DestinationCIDR == node })]
	route := func(dst, kind, id, state string) snapshot.Route {
		return snapshot.Route{DestinationCIDR: dst, TargetType: kind, TargetID: id, State: state, Origin: "CreateRoute"}
	}
	tables[0].PropagatingVGWs = []string{}
	tables[0].Routes = slices.DeleteFunc(tables[0].Routes, func(r snapshot.Route) bool { return inside(t, r.DestinationCIDR, node) })
	tables[1].Routes = append(tables[1].Routes, route(quarter(t, pod, 3), gateway.TargetType, gateway.TargetID, "blackhole"))
	tables[2].Routes = append(tables[2].Routes, route(quarter(t, node, 2), "igw", "igw-0ddc77da7524bf133", "active"))
	tables[3].PropagatingVGWs = []string{}
	tables[3].Routes = append(tables[3].Routes, snapshot.Route{DestinationPrefixListID: "pl-0000000000000dead", TargetType: gateway.TargetType, TargetID: gateway.TargetID, State: "active", Origin: "CreateRoute"})

	acl := snapshot.NetworkACL{ID: "acl-0000000000000beef", VPCID: a.EKSCluster.VPCID, Entries: []snapshot.NetworkACLEntry{
		{RuleNumber: 10, Protocol: "tcp", RuleAction: "deny", CIDRBlock: pod, FromPort: 443, ToPort: 443},
		{RuleNumber: 20, Egress: true, Protocol: "tcp", RuleAction: "deny", CIDRBlock: quarter(t, node, 1), FromPort: 1024, ToPort: 65535},
		{RuleNumber: 100, Protocol: "all", RuleAction: "allow", CIDRBlock: "0.0.0.0/0", FromPort: -1, ToPort: -1},
		{RuleNumber: 100, Egress: true, Protocol: "all", RuleAction: "allow", CIDRBlock: "0.0.0.0/0", FromPort: -1, ToPort: -1},
	}}
	for _, id := range a.EKSCluster.SubnetIDs[len(a.EKSCluster.SubnetIDs)-3:] {
		for i := range *a.NetworkACLs {
			x := &(*a.NetworkACLs)[i]
			x.Associations = slices.DeleteFunc(x.Associations, func(as snapshot.NetworkACLAssociation) bool { return as.SubnetID == id })
		}
		acl.Associations = append(acl.Associations, snapshot.NetworkACLAssociation{SubnetID: id})
	}
	*a.NetworkACLs = append(*a.NetworkACLs, acl)
	out, err := snapshot.Marshal(l.Snapshot)
	if err != nil {
		t.Fatal(err)
	}
	return out
}

// inside: the CIDR c lies within (or is) the CIDR of; an empty c (a prefix-list route) is not.
func inside(t *testing.T, c, of string) bool {
	t.Helper()
	if c == "" {
		return false
	}
	p, q := netip.MustParsePrefix(c), netip.MustParsePrefix(of)
	return q.Bits() <= p.Bits() && q.Contains(p.Addr())
}

// quarter is the i-th quarter (0-3) of an IPv4 CIDR.
func quarter(t *testing.T, c string, i int) string {
	t.Helper()
	p := netip.MustParsePrefix(c)
	a := p.Addr().As4()
	n := uint32(a[0])<<24 | uint32(a[1])<<16 | uint32(a[2])<<8 | uint32(a[3])
	n += uint32(i) << (32 - p.Bits() - 2)
	return netip.PrefixFrom(netip.AddrFrom4([4]byte{byte(n >> 24), byte(n >> 16), byte(n >> 8), byte(n)}), p.Bits()+2).String()
}
