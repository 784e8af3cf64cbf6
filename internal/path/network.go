package path

import (
	"encoding/json"
	"fmt"
	"net/netip"
	"sort"

	"github.com/hybridcheck/hybridcheck/internal/awspath"
	"github.com/hybridcheck/hybridcheck/internal/flow"
	"github.com/hybridcheck/hybridcheck/internal/snapshot"
)

// Network is a snapshot read once for tracing: the cluster's side of AWS, the remote
// networks and the edge device with its compiled rule set.
type Network struct {
	snap     *snapshot.Snapshot
	aws      *snapshot.AWS
	vpcID    string
	vpcCIDRs []string
	nodes    []string
	pods     []string
	subnets  []snapshot.Subnet
	sgIDs    []string
	sgs      []awspath.SecurityGroup
	pl       *awspath.PrefixLists
	// vgws and tgws are the gateways attached to the cluster VPC; tgwAttach the TGW's VPC
	// attachments for it.
	vgws      []snapshot.VPNGateway
	tgwAttach []snapshot.TransitGatewayAttachment
	vpns      []snapshot.VPNConnection
	device    *snapshot.Device
	eval      *flow.Evaluator
	awsCtx    *flow.AWSContext
	region    string
	provider  string
	// subnetNets are the subnets' CIDRs parsed (as subnets, by index); idx and models the
	// lookups built once (index.go).
	subnetNets [][]netip.Prefix
	idx        index
	models     models
}

// New reads the snapshot. Errors are the device's rule set that the evaluator cannot compile.
func New(s *snapshot.Snapshot) (*Network, error) { return newNetwork(s, flow.NewEvaluator) }

// newNetwork reads the snapshot, compiling its device with compile.
func newNetwork(s *snapshot.Snapshot, compile func(*snapshot.Device) (*flow.Evaluator, error)) (*Network, error) {
	n := &Network{snap: s, aws: s.AWS}
	if n.aws == nil {
		n.aws = &snapshot.AWS{}
	}
	intent := s.Intent
	if intent == nil {
		intent = &snapshot.Intent{}
	}
	n.region, n.provider = intent.Region, intent.CredentialProvider
	if n.region == "" {
		n.region = n.aws.Region
	}
	if n.provider == "" {
		n.provider = "ssm"
	}
	n.nodes, n.pods, n.vpcID = intent.RemoteNodeCIDRs, intent.RemotePodCIDRs, intent.VPCID
	cl := n.aws.EKSCluster
	if cl != nil {
		if len(cl.RemoteNodeNetworks) > 0 {
			n.nodes = cl.RemoteNodeNetworks
		}
		if len(cl.RemotePodNetworks) > 0 {
			n.pods = cl.RemotePodNetworks
		}
		if cl.VPCID != "" {
			n.vpcID = cl.VPCID
		}
	}
	for _, v := range n.aws.VPCs {
		if v.ID == n.vpcID {
			n.vpcCIDRs = v.CIDRBlocks
		}
	}
	n.readSubnets(cl)
	n.buildIndex()
	if err := n.readSecurityGroups(cl, intent); err != nil {
		return nil, err
	}
	n.readGateways()
	if len(s.Devices) > 0 {
		n.device = &s.Devices[0]
		ev, err := compile(n.device)
		if err != nil {
			return nil, fmt.Errorf("device %s: %v", n.device.Name, err)
		}
		n.eval = ev
		n.awsCtx = n.deviceAWSContext()
	}
	return n, nil
}

func (n *Network) readSubnets(cl *snapshot.EKSCluster) {
	ids := map[string]bool{}
	if cl != nil {
		for _, id := range cl.SubnetIDs {
			ids[id] = true
		}
	}
	for _, sn := range n.aws.Subnets {
		if ids[sn.ID] || (len(ids) == 0 && sn.VPCID == n.vpcID) {
			n.subnets = append(n.subnets, sn)
		}
	}
	sort.Slice(n.subnets, func(i, j int) bool { return n.subnets[i].ID < n.subnets[j].ID })
}

func (n *Network) readSecurityGroups(cl *snapshot.EKSCluster, intent *snapshot.Intent) error {
	ids := map[string]bool{}
	if cl != nil {
		if cl.ClusterSecurityGroupID != "" {
			ids[cl.ClusterSecurityGroupID] = true
		}
		for _, id := range cl.SecurityGroupIDs {
			ids[id] = true
		}
	} else {
		for _, id := range intent.HybridSecurityGroups {
			ids[id] = true
		}
	}
	for _, g := range n.aws.SecurityGroups {
		if !ids[g.ID] {
			continue
		}
		var ag awspath.SecurityGroup
		if err := roundTrip(g, &ag); err != nil {
			return err
		}
		n.sgs = append(n.sgs, ag)
		n.sgIDs = append(n.sgIDs, g.ID)
	}
	sort.Strings(n.sgIDs)
	if n.aws.PrefixLists != nil {
		var lists []awspath.PrefixList
		if err := roundTrip(*n.aws.PrefixLists, &lists); err != nil {
			return err
		}
		n.pl = awspath.NewPrefixLists(&lists)
	} else {
		n.pl = awspath.NewPrefixLists(nil)
	}
	return nil
}

func (n *Network) readGateways() {
	targets := map[string]bool{}
	for _, g := range n.aws.VPNGateways {
		for _, a := range g.VPCAttachments {
			if a.VPCID == n.vpcID && a.State == "attached" {
				n.vgws = append(n.vgws, g)
				targets[g.ID] = true
			}
		}
	}
	for _, a := range n.aws.TransitGatewayAttachments {
		if a.ResourceType == "vpc" && a.ResourceID == n.vpcID {
			n.tgwAttach = append(n.tgwAttach, a)
			targets[a.TransitGatewayID] = true
		}
	}
	for _, c := range n.aws.VPNConnections {
		if targets[c.VPNGatewayID] || targets[c.TransitGatewayID] {
			n.vpns = append(n.vpns, c)
		}
	}
}

// deviceAWSContext is what the device evaluator needs to know about AWS, built as
// policies/lib/device.rego's aws_context is, so that trace and the checks agree.
func (n *Network) deviceAWSContext() *flow.AWSContext {
	asn := map[string]int64{}
	for _, g := range n.aws.VPNGateways {
		asn[g.ID] = g.AmazonSideASN
	}
	for _, g := range n.aws.TransitGateways {
		asn[g.ID] = g.AmazonSideASN
	}
	cgwASN := map[string]int64{}
	for _, c := range n.aws.CustomerGateways {
		cgwASN[c.ID] = c.BGPASN
	}
	ctx := &flow.AWSContext{CIDRs: append([]string{}, n.vpcCIDRs...), Tunnels: []flow.AWSTunnel{}}
	for _, c := range n.vpns {
		target := c.VPNGatewayID
		if target == "" {
			target = c.TransitGatewayID
		}
		for _, t := range c.Tunnels {
			ctx.Tunnels = append(ctx.Tunnels, flow.AWSTunnel{OutsideAddress: t.OutsideIPAddress, AWSInsideAddress: t.AWSInsideAddress,
				CustomerInsideAddress: t.CustomerInsideAddress, AWSASN: asn[target], CustomerASN: cgwASN[c.CustomerGatewayID]})
		}
	}
	return ctx
}

// roundTrip converts a snapshot value into the shape a model reads, through its JSON form
// (the models read the snapshot's field names).
func roundTrip(in, out any) error {
	b, err := json.Marshal(in)
	if err != nil {
		return err
	}
	return json.Unmarshal(b, out)
}

// siteOf says where addresses lie: "aws" (the cluster VPC), "onprem" (node or pod networks,
// or the device's networks), "" when neither holds all of them.
func (n *Network) siteOf(cidrs []string) string {
	switch {
	case len(cidrs) == 0:
		return ""
	case len(n.vpcCIDRs) > 0 && within(cidrs, n.vpcCIDRs):
		return "aws"
	case within(cidrs, append(append([]string{}, n.nodes...), n.pods...)):
		return "onprem"
	case n.device != nil && within(cidrs, n.insideNetworks()):
		return "onprem"
	}
	return ""
}

// insideNetworks: the networks of the device's enabled inside interfaces (not WAN, IPsec,
// VTI or loopback), as policies/lib/device.rego's inside_networks.
func (n *Network) insideNetworks() []string {
	var out []string
	for _, i := range n.device.Interfaces {
		if !i.Enabled {
			continue
		}
		switch i.Role {
		case "wan", "ipsec", "vti", "loopback":
			continue
		}
		out = append(out, i.Networks...)
	}
	return out
}

// served is the part of cidrs the device has behind it (inside networks and static routes
// within each CIDR, or the CIDR itself), as policies/lib/device.rego's served: addresses of
// a /16 that lie on none of the device's /24s would otherwise seem to come from the internet.
func (n *Network) served(cidrs []string) []string {
	if n.device == nil {
		return cidrs
	}
	nets := n.insideNetworks()
	for _, r := range n.device.StaticRoutes {
		if !r.Disabled {
			nets = append(nets, r.Destination)
		}
	}
	seen := map[string]bool{}
	var out []string
	add := func(c string) {
		if !seen[c] {
			seen[c] = true
			out = append(out, c)
		}
	}
	for _, c := range cidrs {
		cp, ok := parsePrefix(c)
		if !ok {
			continue
		}
		var inner []string
		whole := false
		for _, x := range nets {
			xp, ok := parsePrefix(x)
			if !ok {
				continue
			}
			if xp.Bits() <= cp.Bits() && xp.Contains(cp.Addr()) {
				whole = true
			} else if cp.Bits() <= xp.Bits() && cp.Contains(xp.Addr()) {
				inner = append(inner, xp.String())
			}
		}
		if whole || len(inner) == 0 {
			add(cp.String())
			continue
		}
		for _, x := range inner {
			add(x)
		}
	}
	sort.Strings(out)
	return out
}

// subnetCIDRs are the cluster subnets' CIDRs: where the control plane's ENIs live.
func (n *Network) subnetCIDRs() []string {
	var out []string
	for _, s := range n.subnets {
		out = append(out, s.CIDRBlock)
	}
	return out
}
