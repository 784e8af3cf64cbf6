package synth

import (
	"bytes"
	"slices"
	"testing"

	"github.com/hybridcheck/hybridcheck/internal/snapshot"
)

func base(t testing.TB) *snapshot.Snapshot {
	l, err := snapshot.Load("../../snapshots/reference-compliant.json")
	if err != nil {
		t.Fatal(err)
	}
	return l.Snapshot
}

func TestGenerateIsDeterministicValidAndSized(t *testing.T) {
	a := deterministicValid(t, "scale10", func() (*snapshot.Snapshot, error) { return Generate(base(t), 10, 7) })
	sz := SizesAt(10)
	got := countsOf(a)
	for _, c := range []struct {
		what      string
		got, want int
	}{
		{"VPCs", got.VPCs, sz.VPCs},
		{"subnets", got.Subnets, sz.Subnets},
		{"security groups", got.SecurityGroups, sz.SecurityGroups},
		{"VPN connections", got.VPNConnections, sz.VPNConnections},
		{"transit gateways", got.TransitGateways, sz.TransitGateways},
		{"firewall rules", got.FirewallRules, sz.FirewallRules},
		{"aliases", got.Aliases, sz.Aliases},
		{"NAT rules", got.NATRules, sz.NATRules},
		{"phase 2 entries", got.Phase2, sz.Phase2},
	} {
		if c.got != c.want {
			t.Errorf("%s: %d, want %d", c.what, c.got, c.want)
		}
	}
	// Every subnet has its own route table and each VPC a main one; every table holds
	// RoutesPerTable routes (the reference's own tables may hold fewer).
	if got.RouteTables < sz.Subnets || got.Routes < sz.Subnets*sz.RoutesPerTable {
		t.Errorf("route tables %d with %d routes, want at least %d with %d", got.RouteTables, got.Routes, sz.Subnets, sz.Subnets*sz.RoutesPerTable)
	}
	if got.SGRules != sz.SecurityGroups*sz.RulesPerGroup {
		t.Errorf("security group rules: %d, want %d", got.SGRules, sz.SecurityGroups*sz.RulesPerGroup)
	}
	seen := map[string]bool{}
	for _, v := range a.AWS.VPCs {
		for _, c := range v.CIDRBlocks {
			if seen[c] {
				t.Errorf("VPC CIDR %s used twice", c)
			}
			seen[c] = true
		}
	}
	if !seen["10.100.0.0/16"] {
		t.Error("the hybrid cluster VPC is missing from the estate")
	}
}

func TestScaleOneIsTheReference(t *testing.T) {
	b := base(t)
	s, err := Generate(b, 1, 1)
	if err != nil {
		t.Fatal(err)
	}
	x, _ := snapshot.Marshal(b)
	y, _ := snapshot.Marshal(s)
	if !bytes.Equal(x, y) {
		t.Fatal("scale 1 differs from the reference")
	}
}

// counts are what a generated estate holds.
type counts struct {
	VPCs, Subnets, RouteTables, Routes, SecurityGroups, SGRules, VPNConnections, TransitGateways int
	FirewallRules, Aliases, NATRules, Phase2                                                     int
}

func countsOf(s *snapshot.Snapshot) counts {
	a := s.AWS
	c := counts{VPCs: len(a.VPCs), Subnets: len(a.Subnets), RouteTables: len(a.RouteTables),
		SecurityGroups: len(a.SecurityGroups), VPNConnections: len(a.VPNConnections), TransitGateways: len(a.TransitGateways)}
	for _, rt := range a.RouteTables {
		c.Routes += len(rt.Routes)
	}
	for _, sg := range a.SecurityGroups {
		c.SGRules += len(sg.Ingress) + len(sg.Egress)
	}
	for _, d := range s.Devices {
		for _, ch := range d.Firewall.Chains {
			c.FirewallRules += len(ch.Rules)
		}
		c.Aliases += len(d.Aliases)
		c.NATRules += len(d.NAT.Rules)
		c.Phase2 += len(d.IPsec.Phase2)
	}
	return c
}

// TestScale100MeetsTheFloor holds the sizes to the performance issue's minimum estate. The
// generator's totals equal the sizes (TestGenerateIsDeterministicValidAndSized), so checking
// the sizes is enough and keeps this test fast.
func TestScale100MeetsTheFloor(t *testing.T) {
	sz := SizesAt(100)
	for _, c := range []struct {
		what      string
		got, want int
	}{
		{"VPCs", sz.VPCs, 200},
		{"subnets", sz.Subnets, 2000},
		{"routes", sz.Subnets * sz.RoutesPerTable, 20000},
		{"security groups", sz.SecurityGroups, 5000},
		{"security group rules", sz.SecurityGroups * sz.RulesPerGroup, 50000},
		{"VPN connections", sz.VPNConnections, 100},
		{"transit gateways", sz.TransitGateways, 20},
		{"firewall rules", sz.FirewallRules, 5000},
		{"aliases", sz.Aliases, 500},
		{"NAT rules", sz.NATRules, 200},
		{"phase 2 entries", sz.Phase2, 200},
	} {
		if c.got < c.want {
			t.Errorf("scale 100 %s: %d, below the floor of %d", c.what, c.got, c.want)
		}
	}
}

func TestClusterShapeIsDeterministicValidAndSized(t *testing.T) {
	a := deterministicValid(t, "cluster10", func() (*snapshot.Snapshot, error) { return GenerateShape(base(t), 10, 3, ShapeCluster) })
	acct, _ := Generate(base(t), 10, 3)
	sz := ClusterSizesAt(10)
	if got, want := len(a.AWS.EKSCluster.SubnetIDs), len(acct.AWS.EKSCluster.SubnetIDs)+sz.Subnets; got != want {
		t.Errorf("cluster subnets %d, want %d", got, want)
	}
	if got, want := len(a.AWS.RouteTables), len(acct.AWS.RouteTables)+sz.RouteTables; got != want {
		t.Errorf("route tables %d, want %d", got, want)
	}
	dev, acctDev := a.Devices[0], acct.Devices[0]
	// The added rules, plus each new node VLAN's copy of the device's own node-VLAN rules.
	own := 0
	for _, r := range acctDev.Firewall.Chains[0].Rules {
		if r.Location != nil && slices.ContainsFunc(r.Interfaces, func(n string) bool { return n == "lan" || n == "opt1" }) {
			own++
		}
	}
	if own == 0 {
		t.Fatal("the reference device has no node-VLAN rules to copy")
	}
	if got, want := len(dev.Firewall.Chains[0].Rules), len(acctDev.Firewall.Chains[0].Rules)+sz.DeviceRules+own*sz.NodeVLANs; got != want {
		t.Errorf("device rules %d, want %d", got, want)
	}
	floatingFirst := 0
	for _, r := range dev.Firewall.Chains[0].Rules {
		if !r.Floating {
			break
		}
		floatingFirst++
	}
	if floatingFirst < sz.DeviceRules*4/10 {
		t.Errorf("%d floating rules lead the chain, want at least %d (40%% of the added rules)", floatingFirst, sz.DeviceRules*4/10)
	}
	if got, want := len(dev.Interfaces), len(acctDev.Interfaces)+sz.NodeVLANs; got != want {
		t.Errorf("interfaces %d, want %d", got, want)
	}
	if got, want := len(dev.StaticRoutes), len(acctDev.StaticRoutes)+sz.PodRoutes; got != want {
		t.Errorf("static routes %d, want %d", got, want)
	}
	if _, err := GenerateShape(base(t), 10, 3, "nope"); err == nil {
		t.Error("an unknown shape was accepted")
	}
}

// deterministicValid generates an estate twice and returns the first, failing the test when
// generating fails, when the two differ or when the estate is not a valid snapshot.
func deterministicValid(t *testing.T, name string, generate func() (*snapshot.Snapshot, error)) *snapshot.Snapshot {
	t.Helper()
	a, err := generate()
	if err != nil {
		t.Fatal(err)
	}
	b, _ := generate()
	da, err := snapshot.Marshal(a)
	if err != nil {
		t.Fatal(err)
	}
	db, _ := snapshot.Marshal(b)
	if !bytes.Equal(da, db) {
		t.Fatal("same scale and seed gave different estates")
	}
	if _, err := snapshot.Parse(name, da); err != nil {
		t.Fatalf("generated snapshot is invalid: %v", err)
	}
	return a
}
