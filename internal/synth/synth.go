// Package synth generates synthetic estates for benchmarks: the reference hybrid cluster VPC set
// among many other VPCs, security groups, VPNs and transit gateways, and an edge device with
// thousands of rules, as a large account really looks. Deterministic for a given scale and seed.
package synth

import (
	"fmt"
	"math/rand"
	"sort"

	"github.com/hybridcheck/hybridcheck/internal/snapshot"
)

// Sizes are the object counts at a scale; scale 100 meets the performance issue's floor.
type Sizes struct {
	VPCs, Subnets, RoutesPerTable, SecurityGroups, RulesPerGroup int
	VPNConnections, TransitGateways                              int
	FirewallRules, Aliases, NATRules, Phase2                     int
}

// SizesAt returns the counts for a scale (1 = the reference architecture alone).
func SizesAt(scale int) Sizes {
	return Sizes{
		VPCs: 2 * scale, Subnets: 20 * scale, RoutesPerTable: 10,
		SecurityGroups: 50 * scale, RulesPerGroup: 10,
		VPNConnections: scale, TransitGateways: max(1, scale/5),
		FirewallRules: 50 * scale, Aliases: 5 * scale, NATRules: 2 * scale, Phase2: 2 * scale,
	}
}

// Generate grows base (the compliant reference, which it does not modify) to the given scale.
// The hybrid cluster's own resources stay exactly as in base, so the results for them are the
// reference's; everything added belongs to other VPCs, VPNs and networks.
func Generate(base *snapshot.Snapshot, scale int, seed int64) (*snapshot.Snapshot, error) {
	if base.AWS == nil {
		return nil, fmt.Errorf("synth: the base snapshot has no AWS part")
	}
	if scale <= 1 {
		s := clone(base)
		return s, nil
	}
	g := &gen{rng: rand.New(rand.NewSource(seed)), s: clone(base), sz: SizesAt(scale)}
	g.awsEstate()
	g.device()
	return g.s, nil
}

type gen struct {
	rng *rand.Rand
	s   *snapshot.Snapshot
	sz  Sizes
	n   int
}

// id makes a unique, plausible AWS ID.
func (g *gen) id(prefix string) string {
	g.n++
	return fmt.Sprintf("%s-%017x", prefix, 0x5000000000000+g.n)
}

// otherVPCCIDRs are the networks of the other VPCs: none overlaps the reference VPC
// (10.100/16), the node CIDR (10.200/16), the pod CIDR (192.168/16) or the service CIDR
// (172.20/16).
var otherVPCCIDRs = func() []string {
	var free []string
	for x := 0; x < 256; x++ {
		if x != 100 && x != 200 {
			free = append(free, fmt.Sprintf("10.%d.0.0/16", x))
		}
	}
	for x := 16; x < 32; x++ {
		if x != 20 {
			for y := 0; y < 256; y++ {
				free = append(free, fmt.Sprintf("172.%d.%d.0/24", x, y))
			}
		}
	}
	return free
}()

func otherVPCCIDR(i int) string { return otherVPCCIDRs[i%len(otherVPCCIDRs)] }

func (g *gen) awsEstate() {
	a := g.s.AWS
	extraVPCs := g.sz.VPCs - len(a.VPCs)
	// The added subnets and groups are spread over the other VPCs so that the totals are exactly
	// the sizes (the first VPCs take the remainder): scale 100 must meet the floor, not come
	// close to it.
	subnetsFor := spread(g.sz.Subnets-len(a.Subnets), extraVPCs)
	sgsFor := spread(g.sz.SecurityGroups-len(a.SecurityGroups), extraVPCs)
	var tgws []string
	for i := 0; i < g.sz.TransitGateways; i++ {
		tgw := snapshot.TransitGateway{ID: g.id("tgw"), State: "available", AmazonSideASN: int64(64600 + i),
			DNSSupport: true, VPNECMPSupport: true, DefaultRouteTableAssociation: true, DefaultRouteTablePropagation: true}
		rt := snapshot.TransitGatewayRouteTable{ID: g.id("tgw-rtb"), TransitGatewayID: tgw.ID, State: "available",
			DefaultAssociationRouteTable: true, DefaultPropagationRouteTable: true}
		tgw.AssociationDefaultRouteTableID, tgw.PropagationDefaultRouteTableID = rt.ID, rt.ID
		a.TransitGateways = append(a.TransitGateways, tgw)
		a.TransitGatewayRouteTables = append(a.TransitGatewayRouteTables, rt)
		tgws = append(tgws, tgw.ID)
	}
	for v := 0; v < extraVPCs; v++ {
		cidr := otherVPCCIDR(v)
		vpc := snapshot.VPC{ID: g.id("vpc"), State: "available", CIDRBlocks: []string{cidr},
			EnableDNSSupport: ptr(true), EnableDNSHostnames: ptr(g.rng.Intn(4) > 0), Tags: snapshot.Tags{"Name": fmt.Sprintf("workload-%03d", v)}}
		a.VPCs = append(a.VPCs, vpc)
		igw := snapshot.InternetGateway{ID: g.id("igw"), Attachments: []snapshot.GatewayVPCAttachment{{VPCID: vpc.ID, State: "available"}}}
		a.InternetGateways = append(a.InternetGateways, igw)
		tgw := tgws[v%len(tgws)]
		att := snapshot.TransitGatewayAttachment{ID: g.id("tgw-attach"), TransitGatewayID: tgw, ResourceType: "vpc", ResourceID: vpc.ID,
			State: "available", DNSSupport: ptr(true), SecurityGroupReferencingSupport: ptr(false)}
		mainRT := snapshot.RouteTable{ID: g.id("rtb"), VPCID: vpc.ID, Main: true,
			Associations: []snapshot.RouteTableAssociation{{ID: g.id("rtbassoc"), Main: true, State: "associated"}},
			Routes:       []snapshot.Route{{DestinationCIDR: cidr, TargetType: "local", TargetID: "local", State: "active", Origin: "CreateRouteTable"}}}
		a.RouteTables = append(a.RouteTables, mainRT)
		for s := 0; s < subnetsFor(v); s++ {
			sub := snapshot.Subnet{ID: g.id("subnet"), VPCID: vpc.ID, CIDRBlock: subnetOf(cidr, s),
				AvailabilityZone: fmt.Sprintf("us-east-1%c", 'a'+rune(s%6)), State: "available", MapPublicIPOnLaunch: s == 0}
			a.Subnets = append(a.Subnets, sub)
			att.SubnetIDs = append(att.SubnetIDs, sub.ID)
			rt := snapshot.RouteTable{ID: g.id("rtb"), VPCID: vpc.ID,
				Associations: []snapshot.RouteTableAssociation{{ID: g.id("rtbassoc"), SubnetID: sub.ID, State: "associated"}}}
			rt.Routes = append(rt.Routes, snapshot.Route{DestinationCIDR: cidr, TargetType: "local", TargetID: "local", State: "active", Origin: "CreateRouteTable"})
			if s == 0 {
				rt.Routes = append(rt.Routes, snapshot.Route{DestinationCIDR: "0.0.0.0/0", TargetType: "igw", TargetID: igw.ID, State: "active", Origin: "CreateRoute"})
			} else {
				rt.Routes = append(rt.Routes, snapshot.Route{DestinationCIDR: "0.0.0.0/0", TargetType: "tgw", TargetID: tgw, State: "active", Origin: "CreateRoute"})
			}
			for r := len(rt.Routes); r < g.sz.RoutesPerTable; r++ {
				state := "active"
				if g.rng.Intn(50) == 0 {
					state = "blackhole"
				}
				rt.Routes = append(rt.Routes, snapshot.Route{DestinationCIDR: otherVPCCIDR(g.rng.Intn(extraVPCs + 1)), TargetType: "tgw", TargetID: tgw, State: state, Origin: "CreateRoute"})
			}
			a.RouteTables = append(a.RouteTables, rt)
		}
		a.TransitGatewayAttachments = append(a.TransitGatewayAttachments, att)
		for k := 0; k < sgsFor(v); k++ {
			a.SecurityGroups = append(a.SecurityGroups, g.securityGroup(vpc.ID, cidr, k))
		}
		if g.rng.Intn(3) == 0 {
			a.ElasticIPs = append(a.ElasticIPs, snapshot.ElasticIP{AllocationID: g.id("eipalloc"), PublicIP: fmt.Sprintf("54.%d.%d.%d", v%256, g.rng.Intn(256), 1+g.rng.Intn(250)),
				AssociationID: g.id("eipassoc"), Domain: "vpc"})
		}
	}
	g.topUpSGRules(a)
	for i := len(a.VPNConnections); i < g.sz.VPNConnections; i++ {
		cgw := snapshot.CustomerGateway{ID: g.id("cgw"), State: "available", Type: "ipsec.1", BGPASN: int64(65100 + i),
			IPAddress: fmt.Sprintf("198.51.%d.%d", i/250, 1+i%250)}
		a.CustomerGateways = append(a.CustomerGateways, cgw)
		tgw := tgws[i%len(tgws)]
		vpn := snapshot.VPNConnection{ID: g.id("vpn"), State: "available", Type: "ipsec.1", CustomerGatewayID: cgw.ID, TransitGatewayID: tgw,
			TunnelInsideIPVersion: "ipv4", OutsideIPAddressType: "PublicIpv4",
			Routes: []snapshot.VPNRoute{}}
		for t := 0; t < 2; t++ {
			vpn.Tunnels = append(vpn.Tunnels, snapshot.VPNTunnel{OutsideIPAddress: fmt.Sprintf("35.%d.%d.%d", 150+t, i/250, 1+i%250),
				Status: "UP", AcceptedRouteCount: 3, IKEVersions: []string{"ikev2"}})
		}
		a.VPNConnections = append(a.VPNConnections, vpn)
		att := snapshot.TransitGatewayAttachment{ID: g.id("tgw-attach"), TransitGatewayID: tgw, ResourceType: "vpn", ResourceID: vpn.ID, State: "available"}
		a.TransitGatewayAttachments = append(a.TransitGatewayAttachments, att)
		for k := range a.TransitGatewayRouteTables {
			if a.TransitGatewayRouteTables[k].TransitGatewayID == tgw {
				a.TransitGatewayRouteTables[k].Routes = append(a.TransitGatewayRouteTables[k].Routes, snapshot.TransitGatewayRoute{
					DestinationCIDR: fmt.Sprintf("172.31.%d.0/24", i%256), Type: "propagated", State: "active",
					Attachments: []snapshot.TransitGatewayRouteAttachment{{AttachmentID: att.ID, ResourceType: "vpn", ResourceID: vpn.ID}}})
				break
			}
		}
	}
	sortAWS(a)
}

// spread shares total objects among n VPCs: every VPC gets at least one, the first total%n one
// more than the rest.
func spread(total, n int) func(v int) int {
	n = max(1, n)
	each, rest := total/n, total%n
	return func(v int) int {
		if v < rest {
			return max(1, each+1)
		}
		return max(1, each)
	}
}

// topUpSGRules gives the last generated group the rules the reference's hand-sized groups
// lack, so the estate holds exactly SecurityGroups x RulesPerGroup rules.
func (g *gen) topUpSGRules(a *snapshot.AWS) {
	total := 0
	for _, sg := range a.SecurityGroups {
		total += len(sg.Ingress) + len(sg.Egress)
	}
	last := &a.SecurityGroups[len(a.SecurityGroups)-1]
	for i := total; i < g.sz.SecurityGroups*g.sz.RulesPerGroup; i++ {
		p := 30000 + i%1000
		last.Ingress = append(last.Ingress, snapshot.SGRule{Protocol: "tcp", FromPort: p, ToPort: p, CIDRIPv4: "172.31.0.0/16"})
	}
}

func (g *gen) securityGroup(vpcID, vpcCIDR string, k int) snapshot.SecurityGroup {
	sg := snapshot.SecurityGroup{ID: g.id("sg"), Name: fmt.Sprintf("app-%d", k), VPCID: vpcID}
	ports := []int{22, 80, 443, 3306, 5432, 6379, 8080, 8443, 9090, 10250}
	for r := 0; r < g.sz.RulesPerGroup; r++ {
		p := ports[g.rng.Intn(len(ports))]
		rule := snapshot.SGRule{Protocol: "tcp", FromPort: p, ToPort: p, CIDRIPv4: vpcCIDR}
		if r%2 == 0 {
			sg.Ingress = append(sg.Ingress, rule)
		} else {
			sg.Egress = append(sg.Egress, rule)
		}
	}
	return sg
}

// subnetOf returns the i-th /24 (or smaller) inside a VPC CIDR.
func subnetOf(vpcCIDR string, i int) string {
	var a, b, c, d, bits int
	fmt.Sscanf(vpcCIDR, "%d.%d.%d.%d/%d", &a, &b, &c, &d, &bits)
	if bits == 16 {
		return fmt.Sprintf("%d.%d.%d.0/24", a, b, i%256)
	}
	return fmt.Sprintf("%d.%d.%d.%d/28", a, b, c, (i*16)%256)
}

func sortAWS(a *snapshot.AWS) {
	sort.Slice(a.VPCs, func(i, j int) bool { return a.VPCs[i].ID < a.VPCs[j].ID })
	sort.Slice(a.Subnets, func(i, j int) bool { return a.Subnets[i].ID < a.Subnets[j].ID })
	sort.Slice(a.RouteTables, func(i, j int) bool { return a.RouteTables[i].ID < a.RouteTables[j].ID })
	sort.Slice(a.SecurityGroups, func(i, j int) bool { return a.SecurityGroups[i].ID < a.SecurityGroups[j].ID })
	sort.Slice(a.VPNConnections, func(i, j int) bool { return a.VPNConnections[i].ID < a.VPNConnections[j].ID })
	sort.Slice(a.TransitGatewayAttachments, func(i, j int) bool {
		return a.TransitGatewayAttachments[i].ID < a.TransitGatewayAttachments[j].ID
	})
}

// device grows the first device of the base (or, without one, adds none: the device part of
// the benchmark then measures nothing) with rules, aliases, NAT rules and phase 2 entries for
// other sites, placed after the hybrid rules so the hybrid verdicts stay the reference's.
func (g *gen) device() {
	if len(g.s.Devices) == 0 {
		return
	}
	d := &g.s.Devices[0]
	for i := len(d.Aliases); i < g.sz.Aliases; i++ {
		d.Aliases = append(d.Aliases, snapshot.Alias{Name: fmt.Sprintf("site_%03d", i), Type: "network",
			CIDRs: []string{fmt.Sprintf("172.%d.%d.0/24", 16+i%4, i%256)}})
	}
	if len(d.Firewall.Chains) == 0 {
		d.Firewall.Chains = []snapshot.Chain{{Name: "filter"}}
	}
	ch := &d.Firewall.Chains[0]
	ifname := "lan"
	if len(d.Interfaces) > 1 {
		ifname = d.Interfaces[1].Name
	}
	for i := len(ch.Rules); i < g.sz.FirewallRules; i++ {
		alias := d.Aliases[g.rng.Intn(len(d.Aliases))]
		action := "pass"
		if g.rng.Intn(5) == 0 {
			action = "block"
		}
		p := 1024 + g.rng.Intn(60000)
		ch.Rules = append(ch.Rules, snapshot.FirewallRule{Index: i, Action: action, Quick: true, Interfaces: []string{ifname},
			Direction: "in", IPVersion: "inet", Protocol: "tcp",
			Source:      snapshot.Endpoint{CIDRs: alias.CIDRs, Alias: alias.Name},
			Destination: snapshot.Endpoint{CIDRs: []string{fmt.Sprintf("172.%d.%d.0/24", 24+i%4, i%256)}, Ports: []snapshot.PortRange{{From: p, To: p}}},
			Description: fmt.Sprintf("site rule %d", i)})
	}
	for i := len(d.NAT.Rules); i < g.sz.NATRules; i++ {
		d.NAT.Rules = append(d.NAT.Rules, snapshot.NATRule{Index: i, Kind: "port-forward", Interface: "wan", Protocol: "tcp",
			Source:      snapshot.Endpoint{Any: true},
			Destination: snapshot.Endpoint{Self: true, Ports: []snapshot.PortRange{{From: 20000 + i, To: 20000 + i}}},
			Translation: fmt.Sprintf("172.28.%d.10", i%256)})
	}
	for i := len(d.IPsec.Phase2); i < g.sz.Phase2; i++ {
		d.IPsec.Phase2 = append(d.IPsec.Phase2, snapshot.IPsecPhase2{ID: fmt.Sprintf("site-%d", i), Phase1ID: fmt.Sprintf("site-p1-%d", i%50),
			Mode: "tunnel", Protocol: "esp", LocalNetworks: []string{fmt.Sprintf("172.%d.%d.0/24", 16+i%4, i%256)},
			RemoteNetworks: []string{fmt.Sprintf("172.%d.%d.0/24", 24+i%4, i%256)}, LifetimeSeconds: 3600,
			Proposals: []snapshot.IPsecProposal{{Encryption: "aes", KeyLength: 256, Hash: "sha256"}}})
	}
}

func ptr[T any](v T) *T { return &v }

func clone(s *snapshot.Snapshot) *snapshot.Snapshot {
	data, err := snapshot.Marshal(s)
	if err != nil {
		panic(err) // a snapshot that marshalled once always marshals
	}
	l, err := snapshot.Parse("synth", data)
	if err != nil {
		panic(err)
	}
	return l.Snapshot
}
