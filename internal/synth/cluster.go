package synth

import (
	"fmt"
	"strings"

	"github.com/hybridcheck/hybridcheck/internal/snapshot"
)

// Shape says which part of an estate grows with the scale.
type Shape string

const (
	// ShapeAccount grows the account around the hybrid cluster (other VPCs, groups, VPNs,
	// TGWs) and appends rules for other sites after the device's hybrid rules.
	ShapeAccount Shape = "account"
	// ShapeCluster grows what the hybrid checks walk: the cluster VPC's own subnets and route
	// tables (with more-specific routes inside the node and pod CIDRs), the hybrid security
	// groups (port ranges, all-protocol rules, group references), a hub TGW route table, and
	// the device (floating quick rules ahead of the hybrid rules, node VLANs, pod routes), on
	// top of the account shape. Every hybrid verdict stays the reference's.
	ShapeCluster Shape = "cluster"
)

// Shapes lists the shapes in the order benchmarks run them.
var Shapes = []Shape{ShapeAccount, ShapeCluster}

// ClusterSizes are the counts the cluster shape adds at a scale S: 4S cluster subnets, 2S
// route tables, 20S hub TGW routes, 50S device rules (40% of them floating quick rules that the
// hybrid flows must walk past), S node VLANs and S pod routes.
type ClusterSizes struct {
	Subnets, RouteTables, TGWRoutes, DeviceRules, NodeVLANs, PodRoutes, SGRules int
}

// ClusterSizesAt returns the cluster shape's counts at a scale.
func ClusterSizesAt(scale int) ClusterSizes {
	return ClusterSizes{
		Subnets: 4 * scale, RouteTables: 2 * scale, TGWRoutes: 20 * scale,
		DeviceRules: 50 * scale, NodeVLANs: scale, PodRoutes: scale, SGRules: 10 * scale,
	}
}

// GenerateShape grows base to a scale in the given shape.
func GenerateShape(base *snapshot.Snapshot, scale int, seed int64, shape Shape) (*snapshot.Snapshot, error) {
	s, err := Generate(base, scale, seed)
	if err != nil || shape == ShapeAccount || scale <= 1 {
		return s, err
	}
	if shape != ShapeCluster {
		return nil, fmt.Errorf("synth: unknown shape %q (want %s or %s)", shape, ShapeAccount, ShapeCluster)
	}
	g := &gen{s: s, n: 1 << 20}
	if err := g.cluster(ClusterSizesAt(scale)); err != nil {
		return nil, err
	}
	return g.s, nil
}

// hybridView is what the cluster shape needs to know about the reference estate.
type hybridView struct {
	vpc      *snapshot.VPC
	gateway  snapshot.Route // the route that carries the node CIDR today
	nat      snapshot.Route // the private subnets' default route
	nodeCIDR string
	podCIDR  string
}

func (g *gen) hybrid() (hybridView, error) {
	a := g.s.AWS
	var h hybridView
	if a.EKSCluster == nil || len(a.EKSCluster.RemoteNodeNetworks) == 0 || len(a.EKSCluster.RemotePodNetworks) == 0 {
		return h, fmt.Errorf("synth: the cluster shape needs a base with an EKS cluster and its remote networks")
	}
	h.nodeCIDR, h.podCIDR = a.EKSCluster.RemoteNodeNetworks[0], a.EKSCluster.RemotePodNetworks[0]
	for i := range a.VPCs {
		if a.VPCs[i].ID == a.EKSCluster.VPCID {
			h.vpc = &a.VPCs[i]
		}
	}
	for _, rt := range a.RouteTables {
		if rt.VPCID != a.EKSCluster.VPCID {
			continue
		}
		for _, r := range rt.Routes {
			switch {
			case r.DestinationCIDR == h.nodeCIDR:
				h.gateway = r
			case r.DestinationCIDR == "0.0.0.0/0" && r.TargetType == "nat":
				h.nat = r
			}
		}
	}
	if h.vpc == nil || h.gateway.TargetID == "" || h.nat.TargetID == "" {
		return h, fmt.Errorf("synth: the cluster shape needs the cluster VPC with a gateway route for %s and a NAT default route", h.nodeCIDR)
	}
	return h, nil
}

func (g *gen) cluster(sz ClusterSizes) error {
	h, err := g.hybrid()
	if err != nil {
		return err
	}
	g.clusterSubnets(h, sz)
	g.hybridGroupRules(h, sz)
	g.hubTGWRoutes(sz)
	if len(g.s.Devices) > 0 {
		if err := g.clusterDevice(h, sz); err != nil {
			return err
		}
	}
	sortAWS(g.s.AWS)
	return nil
}

// clusterSubnets adds /27 subnets to the cluster VPC (a /16 holds 2,048), two to a route table.
// Each table routes the node and pod CIDRs to the gateway, plus more-specific routes inside
// them to the same gateway, so that longest-prefix matching has real work to do.
func (g *gen) clusterSubnets(h hybridView, sz ClusterSizes) {
	a := g.s.AWS
	var base [4]int
	fmt.Sscanf(h.vpc.CIDRBlocks[0], "%d.%d.%d.%d/", &base[0], &base[1], &base[2], &base[3])
	var rt *snapshot.RouteTable
	for i := 0; i < sz.Subnets; i++ {
		// Skip the first /24s: the reference's own subnets live there.
		n := i + 64
		cidr := fmt.Sprintf("%d.%d.%d.%d/27", base[0], base[1], n/8, (n%8)*32)
		sub := snapshot.Subnet{ID: g.id("subnet"), VPCID: h.vpc.ID, CIDRBlock: cidr,
			AvailabilityZone: fmt.Sprintf("us-east-1%c", 'a'+rune(i%3)), State: "available"}
		a.Subnets = append(a.Subnets, sub)
		a.EKSCluster.SubnetIDs = append(a.EKSCluster.SubnetIDs, sub.ID)
		if i%2 == 0 && i/2 < sz.RouteTables {
			a.RouteTables = append(a.RouteTables, g.clusterRouteTable(h, i/2))
			rt = &a.RouteTables[len(a.RouteTables)-1]
		}
		rt.Associations = append(rt.Associations, snapshot.RouteTableAssociation{ID: g.id("rtbassoc"), SubnetID: sub.ID, State: "associated"})
	}
	for t := sz.Subnets / 2; t < sz.RouteTables; t++ {
		a.RouteTables = append(a.RouteTables, g.clusterRouteTable(h, t))
	}
}

func (g *gen) clusterRouteTable(h hybridView, t int) snapshot.RouteTable {
	gw := func(dst string) snapshot.Route {
		r := h.gateway
		r.DestinationCIDR = dst
		return r
	}
	rt := snapshot.RouteTable{ID: g.id("rtb"), VPCID: h.vpc.ID, Associations: []snapshot.RouteTableAssociation{},
		PropagatingVGWs: []string{}, Routes: []snapshot.Route{
			{DestinationCIDR: h.vpc.CIDRBlocks[0], TargetType: "local", TargetID: "local", State: "active", Origin: "CreateRouteTable"},
			h.nat, gw(h.nodeCIDR), gw(h.podCIDR),
		}}
	if h.gateway.TargetType == "vgw" {
		rt.PropagatingVGWs = []string{h.gateway.TargetID}
	}
	// More-specific routes inside the node and pod CIDRs, to the same gateway.
	for k := 0; k < 4; k++ {
		rt.Routes = append(rt.Routes, gw(subnetOf(h.nodeCIDR, (t*4+k)%256)), gw(subnetOf(h.podCIDR, (t*4+k)%256)))
	}
	return rt
}

// hybridGroupRules adds rules of every kind the SG checks must read to the hybrid groups:
// port ranges, all-protocol rules (from inside the node CIDRs) and group references, none of
// them widening what the checks forbid.
func (g *gen) hybridGroupRules(h hybridView, sz ClusterSizes) {
	a := g.s.AWS
	hybrid := map[string]bool{a.EKSCluster.ClusterSecurityGroupID: true}
	for _, id := range a.EKSCluster.SecurityGroupIDs {
		hybrid[id] = true
	}
	var idx []int
	for i := range a.SecurityGroups {
		if hybrid[a.SecurityGroups[i].ID] {
			idx = append(idx, i)
		}
	}
	for r := 0; r < sz.SGRules; r++ {
		sg := &a.SecurityGroups[idx[r%len(idx)]]
		src := subnetOf(h.vpc.CIDRBlocks[0], 64+r%192)
		switch r % 4 {
		case 0:
			sg.Ingress = append(sg.Ingress, snapshot.SGRule{Protocol: "tcp", FromPort: 30000 + r%1000, ToPort: 31000 + r%1000, CIDRIPv4: src})
		case 1:
			// All traffic, but only from inside the node CIDRs (HN-SG-05 allows that much).
			sg.Ingress = append(sg.Ingress, snapshot.SGRule{Protocol: "all", FromPort: -1, ToPort: -1, CIDRIPv4: subnetOf(h.nodeCIDR, r%256)})
		case 2:
			sg.Ingress = append(sg.Ingress, snapshot.SGRule{Protocol: "tcp", FromPort: 8443, ToPort: 8443, ReferencedGroupID: sg.ID})
		default:
			sg.Egress = append(sg.Egress, snapshot.SGRule{Protocol: "udp", FromPort: 1024, ToPort: 65535, CIDRIPv4: src})
		}
	}
}

// hubTGWRoutes gives the first transit gateway's route table 20S routes to other networks.
func (g *gen) hubTGWRoutes(sz ClusterSizes) {
	a := g.s.AWS
	if len(a.TransitGatewayRouteTables) == 0 || len(a.TransitGatewayAttachments) == 0 {
		return
	}
	rt := &a.TransitGatewayRouteTables[0]
	var att snapshot.TransitGatewayAttachment
	for _, x := range a.TransitGatewayAttachments {
		if x.TransitGatewayID == rt.TransitGatewayID {
			att = x
			break
		}
	}
	for i := 0; i < sz.TGWRoutes; i++ {
		kind := "static"
		if i%3 == 0 {
			kind = "propagated"
		}
		rt.Routes = append(rt.Routes, snapshot.TransitGatewayRoute{
			DestinationCIDR: fmt.Sprintf("172.%d.%d.0/24", 16+(i/256)%4, i%256), Type: kind, State: "active",
			Attachments: []snapshot.TransitGatewayRouteAttachment{{AttachmentID: att.ID, ResourceType: att.ResourceType, ResourceID: att.ResourceID}}})
	}
}

// clusterDevice grows the reference device where the hybrid flows pass: S node VLANs (/26s in
// the node CIDR) that the hybrid rules name, S pod routes through node gateways, and 50S rules,
// 40% of them floating quick rules placed before the hybrid rules on the interfaces the
// hybrid flows enter, matching other traffic, so every hybrid flow walks past them.
func (g *gen) clusterDevice(h hybridView, sz ClusterSizes) error {
	d := &g.s.Devices[0]
	var nodeIfaces []string
	for _, in := range d.Interfaces {
		for _, n := range in.Networks {
			if inside(n, h.nodeCIDR) {
				nodeIfaces = append(nodeIfaces, in.Name)
				break
			}
		}
	}
	if len(nodeIfaces) == 0 || len(d.Firewall.Chains) == 0 {
		return fmt.Errorf("synth: the cluster shape needs a device with a node VLAN and a filter chain")
	}
	parent := ""
	for _, in := range d.Interfaces {
		if in.Name == nodeIfaces[0] {
			parent = in.Parent
		}
	}
	var added []string
	for v := 0; v < sz.NodeVLANs; v++ {
		// /26s from the node CIDR's upper half, clear of the reference's /24s.
		n := 512 + v
		net := quarterOf(h.nodeCIDR, n)
		addr := strings.Replace(net, "/26", "", 1)
		addr = addr[:strings.LastIndex(addr, ".")+1] + fmt.Sprint(lastOctet(addr)+1) + "/26"
		name := fmt.Sprintf("opt%d", 100+v)
		d.Interfaces = append(d.Interfaces, snapshot.Interface{Name: name, Description: fmt.Sprintf("NODES_%d", v),
			Device: fmt.Sprintf("vtnet1.%d", 1000+v), Enabled: true, Role: "vlan", Addresses: []string{addr}, Networks: []string{net},
			VLANID: 1000 + v, Parent: parent})
		added = append(added, name)
	}
	// Each new VLAN gets its own copy of the hybrid rules of the node VLANs (as a pfSense
	// interface tab would hold them), so the device grows linearly with the VLANs.
	ch := &d.Firewall.Chains[0]
	var perVLAN []snapshot.FirewallRule
	for _, name := range added {
		for _, r := range ch.Rules {
			// The device's own rules (imported, so located), not the account shape's.
			if r.Location != nil && overlaps(r.Interfaces, nodeIfaces) {
				c := r
				c.Interfaces = []string{name}
				c.Location = nil
				perVLAN = append(perVLAN, c)
			}
		}
	}
	ch.Rules = append(ch.Rules, perVLAN...)
	for p := 0; p < sz.PodRoutes; p++ {
		node := fmt.Sprintf("NODE_GW_%d", p)
		ifc := nodeIfaces[0]
		gwAddr := fmt.Sprintf("%s%d", hostPrefix(d, ifc), 20+p%200)
		d.Gateways = append(d.Gateways, snapshot.Gateway{Name: node, Interface: ifc, Address: gwAddr})
		d.StaticRoutes = append(d.StaticRoutes, snapshot.StaticRoute{Destination: quarterOf(h.podCIDR, p),
			Gateway: node, GatewayAddress: gwAddr, Interface: ifc, Description: fmt.Sprintf("pods of node %d", p)})
	}
	// Floating quick rules ahead of everything, on every interface (a floating rule that names
	// none applies to all), so every hybrid flow walks past them.
	floating := sz.DeviceRules * 4 / 10
	var front []snapshot.FirewallRule
	for i := 0; i < floating; i++ {
		p := 20000 + i%20000
		front = append(front, snapshot.FirewallRule{Action: "block", Quick: true, Floating: true,
			Direction: "any", IPVersion: "inet", Protocol: "tcp",
			Source:      snapshot.Endpoint{CIDRs: []string{fmt.Sprintf("198.18.%d.0/24", i%256)}},
			Destination: snapshot.Endpoint{Any: true, Ports: []snapshot.PortRange{{From: p, To: p}}},
			Description: fmt.Sprintf("floating block %d", i)})
	}
	rest := sz.DeviceRules - floating
	var tail []snapshot.FirewallRule
	for i := 0; i < rest; i++ {
		tail = append(tail, snapshot.FirewallRule{Action: "pass", Quick: true, Interfaces: nodeIfaces[:1],
			Direction: "in", IPVersion: "inet", Protocol: "udp",
			Source:      snapshot.Endpoint{CIDRs: []string{fmt.Sprintf("198.19.%d.0/24", i%256)}},
			Destination: snapshot.Endpoint{Any: true, Ports: []snapshot.PortRange{{From: 40000 + i%20000, To: 40000 + i%20000}}},
			Description: fmt.Sprintf("site rule %d", i)})
	}
	rules := append(append(front, ch.Rules...), tail...)
	for i := range rules {
		rules[i].Index = i
	}
	ch.Rules = rules
	return nil
}

func overlaps(a, b []string) bool {
	for _, x := range a {
		for _, y := range b {
			if x == y {
				return true
			}
		}
	}
	return false
}

// inside reports whether CIDR n lies inside CIDR c (IPv4, both well formed).
func inside(n, c string) bool {
	nl, nb := ipv4(n)
	cl, cb := ipv4(c)
	return nb >= cb && nl>>(32-cb) == cl>>(32-cb)
}

func ipv4(c string) (uint32, int) {
	var a, b, x, d, bits int
	fmt.Sscanf(c, "%d.%d.%d.%d/%d", &a, &b, &x, &d, &bits)
	return uint32(a)<<24 | uint32(b)<<16 | uint32(x)<<8 | uint32(d), bits
}

// quarterOf returns the i-th /26 inside a /16.
func quarterOf(c string, i int) string {
	v, _ := ipv4(c)
	v += uint32(i) * 64
	return fmt.Sprintf("%d.%d.%d.%d/26", v>>24, v>>16&255, v>>8&255, v&255)
}

func lastOctet(addr string) int {
	var a, b, c, d int
	fmt.Sscanf(addr, "%d.%d.%d.%d", &a, &b, &c, &d)
	return d
}

// hostPrefix is the first three octets (with the dot) of an interface's first network.
func hostPrefix(d *snapshot.Device, name string) string {
	for _, in := range d.Interfaces {
		if in.Name == name && len(in.Networks) > 0 {
			n := in.Networks[0]
			return n[:strings.LastIndex(n, ".")+1]
		}
	}
	return "10.0.0."
}
