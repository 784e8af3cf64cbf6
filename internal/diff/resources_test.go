package diff

import (
	"strings"
	"testing"

	"github.com/hybridcheck/hybridcheck/internal/snapshot"
)

func ptr[T any](v T) *T { return &v }

// baseSnapshot is a small hybrid estate: a VPC with a VGW-attached VPN, and a pfSense device
// with the firewall rules, NAT exemption and phase 2s that go with it.
func baseSnapshot() *snapshot.Snapshot {
	return &snapshot.Snapshot{
		SchemaVersion: "1.0", ToolVersion: "0.1.0", CollectedAt: "2026-11-20T09:30:00Z",
		Sources: []snapshot.Source{{ID: "ec2:DescribeVpcs", Kind: "aws-file", Location: "aws/Vpcs.json", Status: "ok", Items: 1}},
		AWS: &snapshot.AWS{
			Region: "us-east-1",
			VPCs:   []snapshot.VPC{{ID: "vpc-1", State: "available", CIDRBlocks: []string{"10.0.0.0/16"}, EnableDNSSupport: ptr(true), EnableDNSHostnames: ptr(true)}},
			Subnets: []snapshot.Subnet{
				{ID: "subnet-a", VPCID: "vpc-1", CIDRBlock: "10.0.1.0/24", AvailabilityZone: "us-east-1a", State: "available"},
				{ID: "subnet-b", VPCID: "vpc-1", CIDRBlock: "10.0.2.0/24", AvailabilityZone: "us-east-1b", State: "available"},
			},
			RouteTables: []snapshot.RouteTable{{ID: "rtb-1", VPCID: "vpc-1", Associations: []snapshot.RouteTableAssociation{{SubnetID: "subnet-a"}, {SubnetID: "subnet-b"}},
				Routes: []snapshot.Route{
					{DestinationCIDR: "10.0.0.0/16", TargetType: "local", TargetID: "local", State: "active"},
					{DestinationCIDR: "10.200.0.0/16", TargetType: "vgw", TargetID: "vgw-1", State: "active"},
					{DestinationCIDR: "192.168.0.0/16", TargetType: "vgw", TargetID: "vgw-1", State: "active"},
				}}},
			SecurityGroups: []snapshot.SecurityGroup{{ID: "sg-1", Name: "eks-cluster-sg", VPCID: "vpc-1",
				Ingress: []snapshot.SGRule{
					{Protocol: "tcp", FromPort: 443, ToPort: 443, CIDRIPv4: "10.200.0.0/16", Description: "nodes"},
					{Protocol: "tcp", FromPort: 443, ToPort: 443, CIDRIPv4: "192.168.0.0/16", Description: "pods"},
				},
				Egress: []snapshot.SGRule{{Protocol: "all", FromPort: -1, ToPort: -1, CIDRIPv4: "0.0.0.0/0"}},
			}},
			CustomerGateways: []snapshot.CustomerGateway{{ID: "cgw-1", State: "available", Type: "ipsec.1", BGPASN: 65000, IPAddress: "203.0.113.10"}},
			VPNConnections: []snapshot.VPNConnection{{ID: "vpn-1", State: "available", Type: "ipsec.1", CustomerGatewayID: "cgw-1", VPNGatewayID: "vgw-1", StaticRoutesOnly: true,
				Routes: []snapshot.VPNRoute{{DestinationCIDR: "10.200.0.0/16", State: "available"}, {DestinationCIDR: "192.168.0.0/16", State: "available"}},
				Tunnels: []snapshot.VPNTunnel{
					{OutsideIPAddress: "3.214.22.9", InsideCIDR: "169.254.10.0/30", Status: "UP", PSKFingerprint: strings.Repeat("a", 64)},
					{OutsideIPAddress: "34.226.12.77", InsideCIDR: "169.254.11.0/30", Status: "UP", PSKFingerprint: strings.Repeat("b", 64)},
				}}},
		},
		Devices: []snapshot.Device{{
			Name: "edge-fw", Format: "pfsense", Source: "exports/config.xml", WANAddresses: []string{"203.0.113.10"},
			Firewall: snapshot.Firewall{Model: "pf", DefaultAction: "block", Chains: []snapshot.Chain{{Name: "filter", Rules: []snapshot.FirewallRule{
				{Index: 0, Action: "pass", Direction: "in", IPVersion: "inet", Protocol: "tcp", Interfaces: []string{"ipsec"}, Tracker: "1700000001",
					Source: snapshot.Endpoint{CIDRs: []string{"10.0.0.0/16"}}, Destination: snapshot.Endpoint{CIDRs: []string{"10.200.0.0/16"}, Ports: []snapshot.PortRange{{From: 10250, To: 10250}}},
					Location: &snapshot.Location{File: "exports/config.xml", Line: 120}},
				{Index: 1, Action: "pass", Direction: "in", IPVersion: "inet", Protocol: "udp", Interfaces: []string{"wan"},
					Source: snapshot.Endpoint{CIDRs: []string{"3.214.22.9/32"}}, Destination: snapshot.Endpoint{Self: true, Ports: []snapshot.PortRange{{From: 500, To: 500}}}},
				{Index: 2, Action: "block", Direction: "in", IPVersion: "inet", Protocol: "any", Interfaces: []string{"wan"},
					Source: snapshot.Endpoint{Any: true}, Destination: snapshot.Endpoint{Any: true}, Description: "default deny"},
			}}}},
			NAT: snapshot.NAT{OutboundMode: "hybrid", Rules: []snapshot.NATRule{
				{Index: 0, Kind: "outbound", Interface: "wan", NoNAT: true, Protocol: "any", Source: snapshot.Endpoint{CIDRs: []string{"10.200.0.0/16"}}, Destination: snapshot.Endpoint{CIDRs: []string{"10.0.0.0/16"}}},
				{Index: 1, Kind: "outbound", Interface: "wan", Protocol: "any", Source: snapshot.Endpoint{CIDRs: []string{"10.200.0.0/16"}}, Destination: snapshot.Endpoint{Any: true}, Translation: "interface-address"},
			}},
			IPsec: snapshot.IPsec{
				Phase1: []snapshot.IPsecPhase1{{ID: "1", RemoteGateway: "3.214.22.9", IKEVersion: "ikev2", AuthMethod: "pre_shared_key", LifetimeSeconds: 28800, DPDEnabled: true,
					Proposals: []snapshot.IPsecProposal{{Encryption: "aes", KeyLength: 128, Hash: "sha256", DHGroup: 14}}, PSKFingerprint: strings.Repeat("c", 64)}},
				Phase2: []snapshot.IPsecPhase2{{ID: "p2-1", Phase1ID: "1", Mode: "tunnel", LocalNetworks: []string{"10.200.0.0/16"}, RemoteNetworks: []string{"10.0.0.0/16"}, Protocol: "esp", PFSGroup: 14, LifetimeSeconds: 3600,
					Proposals: []snapshot.IPsecProposal{{Encryption: "aes", KeyLength: 128, Hash: "sha256"}}}},
			},
			StaticRoutes: []snapshot.StaticRoute{{Destination: "192.168.0.0/16", GatewayAddress: "10.200.0.5"}},
		}},
	}
}

// TestBaseSnapshotIsValid keeps the fixture honest: it must pass the snapshot schema.
func TestBaseSnapshotIsValid(t *testing.T) {
	data, err := snapshot.Marshal(baseSnapshot())
	if err != nil {
		t.Fatal(err)
	}
	if _, err := snapshot.Parse("base.json", data); err != nil {
		t.Fatalf("fixture is not a valid snapshot: %v", err)
	}
}

func TestResourceChanges(t *testing.T) {
	tests := []struct {
		name   string
		mutate func(s *snapshot.Snapshot)
		want   []string // kind|resource|item|change
	}{
		{"identical", func(*snapshot.Snapshot) {}, nil},
		{"PSK fingerprints differ (salted per snapshot)", func(s *snapshot.Snapshot) {
			s.AWS.VPNConnections[0].Tunnels[0].PSKFingerprint = strings.Repeat("d", 64)
			s.Devices[0].IPsec.Phase1[0].PSKFingerprint = strings.Repeat("e", 64)
			s.CollectedAt = "2026-11-27T09:30:00Z"
		}, nil},
		{"rule moves in the file only", func(s *snapshot.Snapshot) {
			s.Devices[0].Firewall.Chains[0].Rules[0].Location.Line = 180
		}, nil},
		{"security group rule removed", func(s *snapshot.Snapshot) {
			s.AWS.SecurityGroups[0].Ingress = s.AWS.SecurityGroups[0].Ingress[:1]
		}, []string{"security-group-rule|sg-1|ingress tcp port 443 from 192.168.0.0/16|removed"}},
		{"security group rule added and described", func(s *snapshot.Snapshot) {
			g := &s.AWS.SecurityGroups[0]
			g.Egress = append(g.Egress, snapshot.SGRule{Protocol: "tcp", FromPort: 10250, ToPort: 10250, CIDRIPv4: "10.200.0.0/16"})
			g.Ingress[0].Description = "hybrid nodes"
		}, []string{"security-group-rule|sg-1|egress tcp port 10250 to 10.200.0.0/16|added", "security-group-rule|sg-1|ingress tcp port 443 from 10.200.0.0/16|changed"}},
		{"source stops answering", func(s *snapshot.Snapshot) {
			s.Sources[0].Status, s.Sources[0].Items, s.Sources[0].Error = "error", 0, "UnauthorizedOperation"
		}, []string{"source|sources|ec2:DescribeVpcs aws/Vpcs.json|changed"}},
		{"route to a blackhole", func(s *snapshot.Snapshot) {
			s.AWS.RouteTables[0].Routes[1].State = "blackhole"
		}, []string{"route|rtb-1|10.200.0.0/16|changed"}},
		{"route removed", func(s *snapshot.Snapshot) {
			s.AWS.RouteTables[0].Routes = s.AWS.RouteTables[0].Routes[:2]
		}, []string{"route|rtb-1|192.168.0.0/16|removed"}},
		{"tunnel down", func(s *snapshot.Snapshot) {
			s.AWS.VPNConnections[0].Tunnels[1].Status = "DOWN"
			s.AWS.VPNConnections[0].Tunnels[1].StatusMessage = "IPSEC IS DOWN"
		}, []string{"vpn-tunnel|vpn-1|34.226.12.77|changed"}},
		{"VPN static route removed", func(s *snapshot.Snapshot) {
			s.AWS.VPNConnections[0].Routes = s.AWS.VPNConnections[0].Routes[:1]
		}, []string{"vpn-route|vpn-1|192.168.0.0/16|removed"}},
		{"DNS hostnames turned off", func(s *snapshot.Snapshot) {
			s.AWS.VPCs[0].EnableDNSHostnames = ptr(false)
		}, []string{"vpc|vpcs|vpc-1|changed"}},
		{"tracked firewall rule changed", func(s *snapshot.Snapshot) {
			s.Devices[0].Firewall.Chains[0].Rules[0].Action = "block"
		}, []string{"firewall-rule|device edge-fw chain filter|tracker 1700000001|changed"}},
		{"untracked firewall rule replaced", func(s *snapshot.Snapshot) {
			s.Devices[0].Firewall.Chains[0].Rules[1].Destination.Ports[0] = snapshot.PortRange{From: 4500, To: 4500}
		}, []string{
			"firewall-rule|device edge-fw chain filter|pass in on wan inet udp from 3.214.22.9/32 to self port 4500|added",
			"firewall-rule|device edge-fw chain filter|pass in on wan inet udp from 3.214.22.9/32 to self port 500|removed",
		}},
		{"firewall rules reordered", func(s *snapshot.Snapshot) {
			r := s.Devices[0].Firewall.Chains[0].Rules
			r[1], r[2] = r[2], r[1]
			r[1].Index, r[2].Index = 1, 2
		}, []string{"firewall-rule|device edge-fw chain filter||reordered"}},
		{"NAT exemption removed", func(s *snapshot.Snapshot) {
			s.Devices[0].NAT.Rules = s.Devices[0].NAT.Rules[1:]
		}, []string{"nat-rule|device edge-fw|outbound no-nat on wan any from 10.200.0.0/16 to 10.0.0.0/16 translate none|removed"}},
		{"phase 2 selectors changed", func(s *snapshot.Snapshot) {
			s.Devices[0].IPsec.Phase2[0].RemoteNetworks = []string{"10.1.0.0/16"}
		}, []string{"ipsec-phase2|device edge-fw|p2-1|changed"}},
		{"phase 2 added", func(s *snapshot.Snapshot) {
			s.Devices[0].IPsec.Phase2 = append(s.Devices[0].IPsec.Phase2, snapshot.IPsecPhase2{Phase1ID: "1", Mode: "tunnel", LocalNetworks: []string{"192.168.0.0/16"}, RemoteNetworks: []string{"10.0.0.0/16"}, Protocol: "esp"})
		}, []string{"ipsec-phase2|device edge-fw|phase1 1 tunnel 192.168.0.0/16 -> 10.0.0.0/16|added"}},
		{"device static route removed", func(s *snapshot.Snapshot) {
			s.Devices[0].StaticRoutes = nil
		}, []string{"device-route|device edge-fw|192.168.0.0/16|removed"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			n := baseSnapshot()
			tt.mutate(n)
			var got []string
			for _, c := range ResourceChanges(baseSnapshot(), n) {
				got = append(got, strings.Join([]string{c.Kind, c.Resource, c.Item, c.Change}, "|"))
			}
			if strings.Join(got, "\n") != strings.Join(tt.want, "\n") {
				t.Errorf("changes:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(tt.want, "\n"))
			}
		})
	}
}

func TestResourceChangesDeviceRemoved(t *testing.T) {
	n := baseSnapshot()
	n.Devices = nil
	n.AWS = nil
	counts := map[string]int{}
	for _, c := range ResourceChanges(baseSnapshot(), n) {
		if c.Change != Removed {
			t.Errorf("unexpected %s %s %s", c.Change, c.Kind, c.Item)
		}
		counts[c.Kind]++
	}
	want := map[string]int{"device": 1, "firewall-chain": 1, "firewall-rule": 3, "nat-rule": 2, "ipsec-phase1": 1, "ipsec-phase2": 1, "device-route": 1,
		"vpc": 1, "subnet": 2, "security-group": 1, "security-group-rule": 3, "route-table": 1, "route": 3, "customer-gateway": 1, "vpn-connection": 1, "vpn-tunnel": 2, "vpn-route": 2}
	for k, v := range want {
		if counts[k] != v {
			t.Errorf("%s: %d removed, want %d", k, counts[k], v)
		}
	}
}

func TestChangedCarriesBothSides(t *testing.T) {
	n := baseSnapshot()
	n.AWS.RouteTables[0].Routes[1].TargetType, n.AWS.RouteTables[0].Routes[1].TargetID = "tgw", "tgw-9"
	cs := ResourceChanges(baseSnapshot(), n)
	if len(cs) != 1 || cs[0].Old != "vgw vgw-1 (active)" || cs[0].New != "tgw tgw-9 (active)" {
		t.Errorf("changes %+v", cs)
	}
}

// Gateways, attachments and Elastic IPs are resources whose changes explain new results
// (HN-VPC-06, HN-VPC-07, HN-VPC-10, HN-VGW-01, HN-TGW-05).
func TestGatewayAndAddressChanges(t *testing.T) {
	o := &snapshot.Snapshot{AWS: &snapshot.AWS{
		ElasticIPs:  []snapshot.ElasticIP{{AllocationID: "eipalloc-1", PublicIP: "3.3.3.3", AssociationID: "eipassoc-1"}},
		VPNGateways: []snapshot.VPNGateway{{ID: "vgw-1", State: "available", VPCAttachments: []snapshot.GatewayVPCAttachment{{VPCID: "vpc-1", State: "attached"}}}},
	}}
	n := &snapshot.Snapshot{AWS: &snapshot.AWS{
		ElasticIPs:  []snapshot.ElasticIP{{AllocationID: "eipalloc-1", PublicIP: "3.3.3.3", AssociationID: "eipassoc-1"}, {AllocationID: "eipalloc-2", PublicIP: "4.4.4.4"}},
		VPNGateways: []snapshot.VPNGateway{{ID: "vgw-1", State: "available", VPCAttachments: []snapshot.GatewayVPCAttachment{{VPCID: "vpc-1", State: "detached"}}}},
		NATGateways: []snapshot.NATGateway{{ID: "nat-1", State: "available", ConnectivityType: "public", SubnetID: "subnet-1"}},
	}}
	got := map[string]string{}
	for _, c := range ResourceChanges(o, n) {
		got[c.Kind] = c.Change
	}
	for kind, want := range map[string]string{"elastic-ip": Added, "vpn-gateway": Changed, "nat-gateway": Added} {
		if got[kind] != want {
			t.Errorf("%s: got %q, want %q (all: %v)", kind, got[kind], want, got)
		}
	}
}
