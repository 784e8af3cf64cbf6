package engine

import (
	"context"
	"fmt"
	"path/filepath"
	"slices"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/hybridcheck/hybridcheck/internal/awspath"
	"github.com/hybridcheck/hybridcheck/internal/fixture"
	"github.com/hybridcheck/hybridcheck/internal/result"
	"github.com/hybridcheck/hybridcheck/internal/snapshot"
	"github.com/hybridcheck/hybridcheck/internal/testkit"
)

// pathEstate is what the agreement test needs to know about a snapshot, derived in Go the way
// policies/lib/hybrid.rego derives it, so that the model's answers can be compared with the
// checks' verdicts without going through Rego.
type pathEstate struct {
	a            *snapshot.AWS
	vpcID        string
	nodes, pods  []string
	subnets      []snapshot.Subnet
	sgs          []awspath.SecurityGroup
	gateways     map[string]bool
	prefixLists  *awspath.PrefixLists
	routeTableOf map[string]snapshot.RouteTable
}

func newPathEstate(t *testing.T, s *snapshot.Snapshot) *pathEstate {
	a := s.AWS
	e := &pathEstate{a: a, gateways: map[string]bool{}, routeTableOf: map[string]snapshot.RouteTable{}}
	var subnetIDs, sgIDs []string
	if c := a.EKSCluster; c != nil {
		e.vpcID, e.nodes, e.pods, subnetIDs = c.VPCID, c.RemoteNodeNetworks, c.RemotePodNetworks, c.SubnetIDs
		sgIDs = append([]string{c.ClusterSecurityGroupID}, c.SecurityGroupIDs...)
	} else if s.Intent != nil {
		e.vpcID, e.nodes, e.pods, sgIDs = s.Intent.VPCID, s.Intent.RemoteNodeCIDRs, s.Intent.RemotePodCIDRs, s.Intent.HybridSecurityGroups
	}
	for _, sn := range a.Subnets {
		if slices.Contains(subnetIDs, sn.ID) || (len(subnetIDs) == 0 && sn.VPCID == e.vpcID) {
			e.subnets = append(e.subnets, sn)
		}
	}
	for _, g := range a.SecurityGroups {
		if slices.Contains(sgIDs, g.ID) {
			var x awspath.SecurityGroup
			fixture.Convert(t, g, &x)
			e.sgs = append(e.sgs, x)
		}
	}
	for _, g := range a.VPNGateways {
		for _, at := range g.VPCAttachments {
			if at.VPCID == e.vpcID && at.State == "attached" {
				e.gateways[g.ID] = true
			}
		}
	}
	for _, at := range a.TransitGatewayAttachments {
		if at.ResourceType == "vpc" && at.ResourceID == e.vpcID {
			e.gateways[at.TransitGatewayID] = true
		}
	}
	var lists *[]awspath.PrefixList
	if a.PrefixLists != nil {
		lists = &[]awspath.PrefixList{}
		fixture.Convert(t, a.PrefixLists, lists)
	}
	e.prefixLists = awspath.NewPrefixLists(lists)
	explicit, main := map[string]snapshot.RouteTable{}, map[string]snapshot.RouteTable{}
	for _, rt := range a.RouteTables {
		for _, as := range rt.Associations {
			if as.SubnetID != "" {
				explicit[as.SubnetID] = rt
			}
		}
		if rt.Main {
			main[rt.VPCID] = rt
		}
	}
	for _, sn := range e.subnets {
		if rt, ok := explicit[sn.ID]; ok {
			e.routeTableOf[sn.ID] = rt
		} else if rt, ok := main[sn.VPCID]; ok {
			e.routeTableOf[sn.ID] = rt
		}
	}
	return e
}

func (e *pathEstate) pieces(t *testing.T, routes any, cidr string, tgw bool) []awspath.Piece {
	t.Helper()
	var rs []awspath.Route
	fixture.Convert(t, routes, &rs)
	newTable := awspath.NewVPCTable
	if tgw {
		newTable = awspath.NewTGWTable
	}
	tb := testkit.Must(newTable(rs, e.prefixLists))(t)
	return testkit.Must(tb.Lookup(cidr))(t)
}

// verdicts are the keys of a check's results by status, built from each result's evidence.
func verdicts(rep []result.Result, id string, key func(map[string]any, string) string) map[string][]string {
	out := map[string][]string{}
	for _, r := range rep {
		if r.ID == id && (r.Status == result.Fail || r.Status == result.Unknown) {
			out[string(r.Status)] = append(out[string(r.Status)], key(r.Evidence, r.Resource))
		}
	}
	for k := range out {
		sort.Strings(out[k])
		out[k] = slices.Compact(out[k])
	}
	return out
}

func setKeys(m map[string]bool) []string {
	var out []string
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}

// modelRouting is what the path model says HN-RT-01 and HN-RT-02 must report.
func (e *pathEstate) modelRouting(t *testing.T) (rt01, rt02, unknown map[string]bool) {
	rt01, rt02, unknown = map[string]bool{}, map[string]bool{}, map[string]bool{}
	seen := map[string]bool{}
	for _, rt := range e.routeTableOf {
		if seen[rt.ID] {
			continue
		}
		seen[rt.ID] = true
		for _, cidr := range append(slices.Clone(e.nodes), e.pods...) {
			for _, p := range e.pieces(t, rt.Routes, cidr, false) {
				k := rt.ID + " " + p.CIDR
				switch p.Status {
				case "blackhole":
					rt02[k] = true
				case "no_route":
					rt01[k] = true
				case "unknown":
					unknown[k] = true
				case "routed":
					r := p.Routes[0]
					if r["state"] != "active" || !(r["target_type"] == "vgw" || r["target_type"] == "tgw") || !e.gateways[fmt.Sprint(r["target_id"])] {
						rt01[k] = true
					}
				}
			}
		}
	}
	return
}

var hybridLegs = []struct {
	flow, leg string
	egress    bool
	nodes     bool
	from, to  int
}{
	{"hybrid nodes to the EKS control plane", "request", false, true, 443, 443},
	{"hybrid nodes to the EKS control plane", "return traffic", true, true, 1024, 65535},
	{"hybrid pods to the EKS control plane", "request", false, false, 443, 443},
	{"hybrid pods to the EKS control plane", "return traffic", true, false, 1024, 65535},
	{"the EKS control plane to kubelet", "request", true, true, 10250, 10250},
	{"the EKS control plane to kubelet", "return traffic", false, true, 1024, 65535},
	{"the EKS control plane to pod webhooks", "request", true, false, 443, 443},
	{"the EKS control plane to pod webhooks", "return traffic", false, false, 1024, 65535},
}

// modelNACL is what the path model says HN-NACL-01 must report: subnet, flow and leg denied.
func (e *pathEstate) modelNACL(t *testing.T) map[string]bool {
	out := map[string]bool{}
	if e.a.NetworkACLs == nil {
		return out
	}
	for _, sn := range e.subnets {
		var acl *snapshot.NetworkACL
		for i, a := range *e.a.NetworkACLs {
			for _, as := range a.Associations {
				if as.SubnetID == sn.ID {
					acl = &(*e.a.NetworkACLs)[i]
				}
			}
		}
		if acl == nil {
			continue
		}
		var entries []awspath.NACLEntry
		fixture.Convert(t, acl.Entries, &entries)
		for _, l := range hybridLegs {
			peers := e.pods
			if l.nodes {
				peers = e.nodes
			}
			if len(peers) == 0 {
				continue
			}
			res, err := awspath.EvaluateNACL(entries, awspath.Traffic{Egress: l.egress, Protocol: "tcp", Peers: peers, FromPort: l.from, ToPort: l.to})
			if err != nil {
				t.Fatal(err)
			}
			if !res.Allowed {
				out[sn.ID+" "+l.flow+" "+l.leg] = true
			}
		}
	}
	return out
}

// modelSG is what the path model says an SG check (direction, port, CIDRs) must fail.
func (e *pathEstate) modelSG(t *testing.T, egress bool, port int, cidrs []string) (fail, unknown map[string]bool) {
	fail, unknown = map[string]bool{}, map[string]bool{}
	for _, c := range cidrs {
		res, err := awspath.EvaluateSGs(e.sgs, awspath.Traffic{Egress: egress, Protocol: "tcp", Peers: []string{c}, FromPort: port, ToPort: port}, e.prefixLists)
		if err != nil {
			t.Fatal(err)
		}
		switch {
		case res.Unknown:
			unknown[c] = true
		case !res.Allowed:
			fail[c] = true
		}
	}
	return
}

// agreementSnapshots are every reference and variant snapshot the checks are documented on.
func agreementSnapshots(t *testing.T) map[string]*snapshot.Snapshot {
	out := map[string]*snapshot.Snapshot{}
	for name, doc := range variantDocuments(t) {
		out["variant "+name] = fixture.Parse(t, name, doc).Snapshot
	}
	for _, p := range []string{"snapshots/reference-compliant.json", "snapshots/reference-broken.json",
		"testdata/schema-1.0/reference-compliant.json", "testdata/schema-1.0/reference-broken.json"} {
		l, err := snapshot.Load(filepath.Join("..", "..", p))
		if err != nil {
			t.Fatal(err)
		}
		out[p] = l.Snapshot
	}
	return out
}

// Every AWS-side check that answers from the path model agrees with the model itself, asked
// directly in Go, on every reference and variant snapshot: the same pieces of the same CIDRs
// fail, the same flows are denied, the same CIDRs lack a security group rule.
func TestChecksAgreeWithThePathModel(t *testing.T) {
	e := newEngine(t, Options{Now: time.Date(2026, 11, 21, 0, 0, 0, 0, time.UTC)})
	nonTrivial := map[string]bool{}
	for name, s := range agreementSnapshots(t) {
		t.Run(name, func(t *testing.T) {
			rep, err := e.Check(context.Background(), fixture.Parse(t, name, s))
			if err != nil {
				t.Fatal(err)
			}
			m := newPathEstate(t, s)
			pieceKey := func(ev map[string]any, _ string) string {
				return fmt.Sprint(ev["route_table_id"]) + " " + fmt.Sprint(ev["piece"])
			}
			rt01, rt02, unknown := m.modelRouting(t)
			compare(t, "HN-RT-01", verdicts(rep.Results, "HN-RT-01", pieceKey), rt01, unknown)
			compare(t, "HN-RT-02", verdicts(rep.Results, "HN-RT-02", pieceKey), rt02, unknown)
			naclKey := func(ev map[string]any, res string) string {
				return res + " " + fmt.Sprint(ev["flow"]) + " " + fmt.Sprint(ev["leg"])
			}
			nacl := verdicts(rep.Results, "HN-NACL-01", naclKey)
			compare(t, "HN-NACL-01", map[string][]string{string(result.Fail): nacl[string(result.Fail)]}, m.modelNACL(t), nil)
			if (s.AWS.NetworkACLs == nil) != (len(nacl[string(result.Unknown)]) > 0) {
				t.Errorf("HN-NACL-01: unknown %v, but network ACLs collected: %v", nacl[string(result.Unknown)], s.AWS.NetworkACLs != nil)
			}
			resKey := func(_ map[string]any, res string) string { return res }
			for _, c := range []struct {
				id     string
				egress bool
				port   int
				cidrs  []string
			}{
				{"HN-SG-01", false, 443, m.nodes}, {"HN-SG-02", false, 443, m.pods},
				{"HN-SG-03", true, 10250, m.nodes}, {"HN-SG-04", true, 443, m.pods},
			} {
				fail, unk := m.modelSG(t, c.egress, c.port, c.cidrs)
				compare(t, c.id, verdicts(rep.Results, c.id, resKey), fail, unk)
				if len(fail) > 0 {
					nonTrivial[c.id] = true
				}
			}
			tgwKey := func(ev map[string]any, res string) string { return res + " " + fmt.Sprint(ev["piece"]) }
			tgw08, tgw10 := m.modelTGW(t)
			compareDecided(t, "HN-TGW-08", verdicts(rep.Results, "HN-TGW-08", tgwKey), tgw08)
			compareDecided(t, "HN-TGW-10", verdicts(rep.Results, "HN-TGW-10", tgwKey), tgw10)
			for id, set := range map[string]map[string]bool{"HN-RT-01": rt01, "HN-RT-02": rt02, "HN-NACL-01": m.modelNACL(t)} {
				if len(set) > 0 {
					nonTrivial[id] = true
				}
			}
		})
	}
	// The comparison is not vacuous: the broken reference makes each of these fail somewhere.
	for _, id := range []string{"HN-RT-01", "HN-RT-02", "HN-NACL-01", "HN-SG-02"} {
		if !nonTrivial[id] {
			t.Errorf("%s never failed on any snapshot, so the agreement was not tested", id)
		}
	}
}

func compare(t *testing.T, id string, got map[string][]string, wantFail, wantUnknown map[string]bool) {
	t.Helper()
	if g, w := strings.Join(got[string(result.Fail)], "; "), strings.Join(setKeys(wantFail), "; "); g != w {
		t.Errorf("%s fails on [%s], the model on [%s]", id, g, w)
	}
	if wantUnknown == nil {
		return
	}
	if g, w := strings.Join(got[string(result.Unknown)], "; "), strings.Join(setKeys(wantUnknown), "; "); g != w {
		t.Errorf("%s is unknown on [%s], the model on [%s]", id, g, w)
	}
}

// modelTGW is, for HN-TGW-08 (node and pod CIDRs from the cluster VPC attachment's table) and
// HN-TGW-10 (VPC CIDRs from the VPN attachments' tables), each piece with its model status.
func (e *pathEstate) modelTGW(t *testing.T) (tgw08, tgw10 map[string]string) {
	tgw08, tgw10 = map[string]string{}, map[string]string{}
	tables := map[string]snapshot.TransitGatewayRouteTable{}
	for _, rt := range e.a.TransitGatewayRouteTables {
		tables[rt.ID] = rt
	}
	var vpcCIDRs []string
	for _, v := range e.a.VPCs {
		if v.ID == e.vpcID {
			vpcCIDRs = v.CIDRBlocks
		}
	}
	for _, at := range e.a.TransitGatewayAttachments {
		rt, ok := tables[at.AssociatedRouteTableID]
		if !ok || !e.gateways[at.TransitGatewayID] {
			continue
		}
		switch {
		case at.ResourceType == "vpc" && at.ResourceID == e.vpcID:
			for _, c := range append(slices.Clone(e.nodes), e.pods...) {
				for _, p := range e.pieces(t, rt.Routes, c, true) {
					tgw08[at.ID+" "+p.CIDR] = p.Status
				}
			}
		case at.ResourceType == "vpn":
			for _, c := range vpcCIDRs {
				for _, p := range e.pieces(t, rt.Routes, c, true) {
					tgw10[at.ID+" "+p.CIDR] = p.Status
				}
			}
		}
	}
	return
}

// compareDecided: every piece the model cannot route (no route, blackhole) is a failure of the
// check, every unknown piece an unknown result, and the check fails or is unknown on no piece
// the model does not know of.
func compareDecided(t *testing.T, id string, got map[string][]string, model map[string]string) {
	t.Helper()
	for k, st := range model {
		switch st {
		case "no_route", "blackhole":
			if !slices.Contains(got[string(result.Fail)], k) {
				t.Errorf("%s: the model says %s is %s, the check does not fail it (fails: %v)", id, k, st, got[string(result.Fail)])
			}
		case "unknown":
			if !slices.Contains(got[string(result.Unknown)], k) {
				t.Errorf("%s: the model says %s is unknown, the check does not", id, k)
			}
		}
	}
	for _, status := range []string{string(result.Fail), string(result.Unknown)} {
		for _, k := range got[status] {
			if _, ok := model[k]; !ok {
				t.Errorf("%s: %s on %s, a piece the model does not have", id, status, k)
			}
		}
	}
}
