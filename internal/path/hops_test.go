package path

import (
	"strings"
	"testing"

	"github.com/hybridcheck/hybridcheck/internal/fixture"
	"github.com/hybridcheck/hybridcheck/internal/snapshot"
)

// traceOne follows one seed flow after mutate changed the snapshot.
func traceOne(t *testing.T, file, flowName string, mutate func(*snapshot.Snapshot)) *Trace {
	t.Helper()
	s := loadSnapshot(t, file)
	mutate(s)
	return traceSeed(t, network(t, s), flowName)
}

func wantStop(t *testing.T, tr *Trace, v Verdict, kind, dir, evidence string) {
	t.Helper()
	h := tr.Stop()
	if tr.Verdict != v || h == nil || h.Kind != kind || h.Direction != dir || !strings.Contains(h.Evidence, evidence) {
		t.Errorf("want %s at %s (%s) citing %q:\n%s", v, kind, dir, evidence, describe(tr))
	}
}

func TestTGWBlackholeStopsAtTheGateway(t *testing.T) {
	tr := traceOne(t, variantFile("tgw_bgp"), FlowKubelet, func(s *snapshot.Snapshot) {
		rt := &s.AWS.TransitGatewayRouteTables[0]
		rt.Routes = append(rt.Routes, snapshot.TransitGatewayRoute{DestinationCIDR: "10.200.1.0/24", Type: "static", State: "blackhole"})
	})
	wantStop(t, tr, Drop, KindAWSGateway, "forward", "route 10.200.1.0/24 is a blackhole")
	if h := tr.Stop(); h != nil && len(h.Pieces) != 2 {
		t.Errorf("the TGW hop should split the node CIDR into the routed and the blackholed piece: %+v", h.Pieces)
	}
}

func TestTGWReturnWithoutVPCRouteStopsAtTheGateway(t *testing.T) {
	tr := traceOne(t, variantFile("tgw_bgp"), FlowNodeAPI, withoutTGWRoute("10.100.0.0/16"))
	wantStop(t, tr, Drop, KindAWSGateway, "forward", "no route in tgw-rtb-0a1b2c3d4e5f60789")
}

func TestTGWWithoutRouteBackStopsTheKubeletReply(t *testing.T) {
	tr := traceOne(t, variantFile("tgw_bgp"), FlowKubelet, withoutTGWRoute("10.100.0.0/16"))
	wantStop(t, tr, Drop, KindAWSGateway, "return", "no route in tgw-rtb-0a1b2c3d4e5f60789")
}

func TestDirectConnectWithoutBGPStopsAtDX(t *testing.T) {
	tr := traceOne(t, variantFile("direct_connect"), FlowKubelet, func(s *snapshot.Snapshot) {
		for i := range s.AWS.DirectConnect.VirtualInterfaces {
			for j := range s.AWS.DirectConnect.VirtualInterfaces[i].BGPPeers {
				s.AWS.DirectConnect.VirtualInterfaces[i].BGPPeers[j].Status = "down"
			}
		}
	})
	wantStop(t, tr, Drop, KindAWSDX, "forward", "BGP peer up")
}

func TestPodNetworkWithoutRouteStopsAtTheDeviceRoute(t *testing.T) {
	tr := traceOne(t, repoFile("snapshots", "reference-compliant.json"), FlowWebhook, func(s *snapshot.Snapshot) {
		fixture.One(t, s.Devices, "device eks-hybrid-remote-gateway-1", func(d *snapshot.Device) bool { return d.Name == "eks-hybrid-remote-gateway-1" }).StaticRoutes = nil
	})
	wantStop(t, tr, Drop, KindDeviceRoute, "forward", "no connected network or static route")
}

func TestCredentialsWithoutInternetNATStopAtNAT(t *testing.T) {
	tr := traceOne(t, repoFile("snapshots", "reference-compliant.json"), FlowCredentials, func(s *snapshot.Snapshot) {
		fixture.One(t, s.Devices, "device eks-hybrid-remote-gateway-1", func(d *snapshot.Device) bool { return d.Name == "eks-hybrid-remote-gateway-1" }).NAT.OutboundMode = "disabled"
	})
	wantStop(t, tr, Drop, KindDeviceNAT, "forward", "untranslated")
}

func TestBothTunnelsDownStopAtTheVPN(t *testing.T) {
	tr := traceOne(t, repoFile("snapshots", "reference-compliant.json"), FlowKubelet, func(s *snapshot.Snapshot) {
		vpn := fixture.One(t, s.AWS.VPNConnections, "vpn-0c3568c2303ac18df", func(v *snapshot.VPNConnection) bool { return v.ID == "vpn-0c3568c2303ac18df" })
		for i := range vpn.Tunnels {
			vpn.Tunnels[i].Status = "DOWN"
		}
	})
	wantStop(t, tr, Drop, KindAWSVPN, "forward", "has no tunnel UP")
}

func TestSchema10WithoutNACLsIsUnknownAtTheNACL(t *testing.T) {
	tr := traceOne(t, repoFile("snapshots", "reference-compliant.json"), FlowKubelet, func(s *snapshot.Snapshot) {
		s.AWS.NetworkACLs = nil
	})
	wantStop(t, tr, Unknown, KindAWSNACL, "forward", "not collected")
}

func TestNoDeviceIsUnknown(t *testing.T) {
	tr := traceOne(t, repoFile("snapshots", "reference-compliant.json"), FlowKubelet, func(s *snapshot.Snapshot) {
		s.Devices = nil
	})
	wantStop(t, tr, Unknown, KindDeviceFirewall, "forward", "no device export")
}

func TestFlowsThatDoNotCrossAreNotApplicable(t *testing.T) {
	n := network(t, loadSnapshot(t, repoFile("snapshots", "reference-compliant.json")))
	tr, err := n.Trace(Flow{Protocol: "tcp", Port: 443, Sources: []string{"10.100.0.0/24"}, Destinations: []string{"10.100.1.5"}})
	if err != nil {
		t.Fatal(err)
	}
	if tr.NotApplicable == "" || tr.Verdict != Unknown {
		t.Errorf("a flow inside the VPC should not be traced: %+v", tr)
	}
}

func TestValidate(t *testing.T) {
	one := 1
	for _, c := range []struct {
		f    Flow
		want string
	}{
		{Flow{Protocol: "sctp", Port: 1, Sources: []string{"10.0.0.0/8"}, Destinations: []string{"10.0.0.1"}}, "not tcp, udp or icmp"},
		{Flow{Protocol: "tcp", Sources: []string{"10.0.0.0/8"}, Destinations: []string{"10.0.0.1"}}, "needs a port"},
		{Flow{Protocol: "icmp", Port: 5, Sources: []string{"10.0.0.0/8"}, Destinations: []string{"10.0.0.1"}}, "no port"},
		{Flow{Protocol: "udp", Port: 53, ICMPType: &one, Sources: []string{"10.0.0.0/8"}, Destinations: []string{"10.0.0.1"}}, "ICMP type"},
		{Flow{Protocol: "tcp", Port: 1, Sources: []string{"fd00::/8"}, Destinations: []string{"10.0.0.1"}}, "not an IPv4"},
		{Flow{Protocol: "tcp", Port: 1, Destinations: []string{"10.0.0.1"}}, "no source"},
		{Flow{Protocol: "tcp", Port: 1, Sources: []string{"10.0.0.1"}}, "no destination"},
	} {
		err := c.f.Validate()
		if err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%+v: got %v, want %q", c.f, err, c.want)
		}
	}
}

func TestUncovered(t *testing.T) {
	got := gaps([]string{"10.200.0.0/16"}, []string{"10.200.0.0/17", "10.200.128.0/18"})
	if strings.Join(got, ",") != "10.200.192.0/18" {
		t.Errorf("gaps = %v", got)
	}
	if !within([]string{"10.200.0.0/16"}, []string{"10.200.0.0/17", "10.200.128.0/17"}) {
		t.Error("two /17s hold the /16")
	}
}

// The NAT hop is the device evaluator's NAT model. A masquerade to everything but the VPC
// (the classic exemption written as one rule) translates the nodes' internet traffic: the
// path engine's own NAT copy read the negated destination as never holding the internet.
func TestNATHopNegatedDestinationTranslatesInternetTraffic(t *testing.T) {
	tr := traceOne(t, variantFile("tgw_bgp"), FlowCredentials, func(s *snapshot.Snapshot) {
		d := &s.Devices[0]
		d.NAT.OutboundMode = "advanced"
		masq := *fixture.One(t, d.NAT.Rules, "NAT rule", func(r *snapshot.NATRule) bool { return r.Description == "Hybrid nodes to the internet" })
		masq.Destination = snapshot.Endpoint{Not: true, CIDRs: []string{"10.100.0.0/16"}}
		d.NAT.Rules = []snapshot.NATRule{masq}
	})
	for _, h := range tr.Hops {
		if h.Kind == KindDeviceNAT && (h.Verdict != Pass || !strings.Contains(h.Evidence, "translated to")) {
			t.Errorf("the NAT hop should pass, translated by the negated rule:\n%s", describe(tr))
		}
	}
}

// Toward the VPC the NAT hop judges each part on the interface the device routes it out of:
// on the route-based VPN the VPC leaves by a VTI, which the WAN rules never see.
func TestNATHopVTISkipsWANMasquerade(t *testing.T) {
	tr := traceOne(t, variantFile("tgw_vti_bgp"), FlowNodeAPI, func(s *snapshot.Snapshot) {
		d := &s.Devices[0]
		var keep []snapshot.NATRule
		for _, r := range d.NAT.Rules {
			if !r.NoNAT {
				keep = append(keep, r)
			}
		}
		d.NAT.Rules = keep
	})
	for _, h := range tr.Hops {
		if h.Kind == KindDeviceNAT && h.Verdict != Pass {
			t.Errorf("the NAT hop should pass without exemptions on the VTI design:\n%s", describe(tr))
		}
	}
}

// withoutTGWRoute drops the routes to cidr from the snapshot's first transit gateway route table.
func withoutTGWRoute(cidr string) func(*snapshot.Snapshot) {
	return func(s *snapshot.Snapshot) {
		rt := &s.AWS.TransitGatewayRouteTables[0]
		var keep []snapshot.TransitGatewayRoute
		for _, r := range rt.Routes {
			if r.DestinationCIDR != cidr {
				keep = append(keep, r)
			}
		}
		rt.Routes = keep
	}
}
