package path

import (
	"fmt"
	"sort"
	"strings"
)

// Validate says what is wrong with a flow a user asked for, nil when it can be traced.
func (f Flow) Validate() error {
	switch strings.ToLower(f.Protocol) {
	case "tcp", "udp":
		if f.Port < 1 || f.Port > 65535 {
			return fmt.Errorf("protocol %s needs a port from 1 to 65535 (--port)", f.Protocol)
		}
		if f.ICMPType != nil {
			return fmt.Errorf("an ICMP type is given for protocol %s", f.Protocol)
		}
	case "icmp":
		if f.Port != 0 {
			return fmt.Errorf("protocol icmp has no port")
		}
	default:
		return fmt.Errorf("protocol %q is not tcp, udp or icmp", f.Protocol)
	}
	if len(f.Sources) == 0 {
		return fmt.Errorf("no source")
	}
	if len(f.Destinations) == 0 && len(f.DestinationNames) == 0 {
		return fmt.Errorf("no destination")
	}
	for _, c := range append(append([]string{}, f.Sources...), f.Destinations...) {
		if _, ok := parsePrefix(c); !ok {
			return fmt.Errorf("%q is not an IPv4 address or CIDR", c)
		}
	}
	return nil
}

// Trace follows the flow. The sites of its sources and destinations (the cluster VPC, the
// node and pod networks, the internet for AWS endpoint names) decide the hops.
func (n *Network) Trace(f Flow) (*Trace, error) {
	if err := f.Validate(); err != nil {
		return nil, err
	}
	f.Protocol = strings.ToLower(f.Protocol)
	t := &Trace{Flow: f, Hops: []Hop{}}
	src := n.siteOf(f.Sources)
	dst := "internet"
	if len(f.DestinationNames) == 0 {
		dst = n.siteOf(f.Destinations)
	}
	switch {
	case src == "aws" && dst == "onprem":
		t.Hops = n.awsToOnprem(f)
	case src == "onprem" && dst == "aws":
		t.Hops = n.onpremToAWS(f)
	case src == "onprem" && dst == "internet":
		t.Hops = n.onpremToInternet(f)
	case src == "onprem" && dst == "onprem":
		t.Hops = n.onpremToOnprem(f)
	default:
		t.NotApplicable = fmt.Sprintf("the flow does not cross the hybrid network: sources %s are %s, destinations %s are %s (the cluster VPC is %s, the remote networks %s)",
			strings.Join(f.Sources, ","), siteName(src), strings.Join(append(append([]string{}, f.Destinations...), f.DestinationNames...), ","), siteName(dst),
			orText(strings.Join(n.vpcCIDRs, ","), "unknown"), orText(strings.Join(append(append([]string{}, n.nodes...), n.pods...), ","), "unknown"))
	}
	n.distrustFailedSources(t.Hops)
	t.finish()
	return t, nil
}

func siteName(s string) string {
	switch s {
	case "aws":
		return "in the cluster VPC"
	case "onprem":
		return "on premises"
	case "internet":
		return "on the internet"
	}
	return "neither in the cluster VPC nor in the remote networks"
}

func (n *Network) noDevice(dir string) Hop {
	return Hop{Kind: KindDeviceFirewall, Direction: dir, Site: "onprem", What: "the on-prem device", Verdict: Unknown, Evidence: "no device export in the snapshot"}
}

// awsToOnprem: the control plane to kubelets or pod webhooks. Forward: SG egress, NACL out,
// route table, VGW/TGW, VPN, then IPsec, firewall and route on the device. Return: the device's
// route back into the VPN, the NACL in (network ACLs are stateless; SGs and the firewall
// are not).
func (n *Network) awsToOnprem(f Flow) []Hop {
	lo, hi := ports(f)
	hops := []Hop{n.sgHop(f, true, f.Destinations, "forward")}
	hops = append(hops, n.naclHops(f.Protocol, lo, hi, true, f.Destinations, f.Sources, "forward")...)
	rh, sent := n.routeHops(f.Destinations, f.Sources, "forward")
	hops = append(hops, rh...)
	var up, vpnIDs []string
	for _, gw := range sortedKeys(sent) {
		gh, ids := n.gatewayHop(gw, uniq(sent[gw]), "forward")
		hops = append(hops, gh)
		if gh.Verdict == Drop {
			continue
		}
		vh, u := n.vpnHop(ids, uniq(sent[gw]), f.Sources, true, "forward")
		hops = append(hops, vh)
		up, vpnIDs = append(up, u...), append(vpnIDs, ids...)
	}
	if n.device == nil {
		return append(hops, n.noDevice("forward"))
	}
	if len(n.vpns) > 0 {
		hops = append(hops, n.ipsecHop(uniq(up), f.Destinations, f.Sources, "forward"))
	}
	hops = append(hops, n.firewallHop(f, f.Sources, n.served(f.Destinations), "forward"), n.siteRouteHop(f.Destinations, "forward"))
	hops = append(hops, n.awsRouteHop(f.Sources, "return"))
	// At a TGW the reply follows the route table of the VPN attachment back to the VPC.
	for _, id := range uniq(vpnIDs) {
		if th, ok := n.tgwReturnHop(id, f.Sources, "return"); ok {
			hops = append(hops, th)
		}
	}
	return append(hops, n.naclHops(f.Protocol, ephemeralFrom, ephemeralTo, false, f.Destinations, f.Sources, "return")...)
}

// onpremToAWS: nodes or pods to the control plane. Forward: firewall, NAT, route and IPsec on
// the device, the VPN, the TGW, NACL in, SG in. Return: NACL out, the route table back, the
// TGW and the VPN's static routes.
func (n *Network) onpremToAWS(f Flow) []Hop {
	lo, hi := ports(f)
	var hops []Hop
	if n.device == nil {
		hops = append(hops, n.noDevice("forward"))
	} else {
		src := n.served(f.Sources)
		hops = append(hops, n.firewallHop(f, src, f.Destinations, "forward"), n.natHop(f, src, f.Destinations, false, "forward"), n.awsRouteHop(f.Destinations, "forward"))
	}
	var ids []string
	for _, c := range n.vpns {
		ids = append(ids, c.ID)
	}
	if len(ids) == 0 {
		for _, g := range n.vgws {
			ids = append(ids, n.dxGatewaysOf(g.ID)...)
		}
		for _, a := range n.tgwAttach {
			ids = append(ids, n.dxGatewaysOf(a.TransitGatewayID)...)
		}
		ids = uniq(ids)
	}
	vh, up := n.vpnHop(ids, f.Sources, f.Destinations, false, "forward")
	if n.device != nil && len(n.vpns) > 0 {
		hops = append(hops, n.ipsecHop(up, f.Sources, f.Destinations, "forward"))
	}
	hops = append(hops, vh)
	for _, id := range ids {
		if th, ok := n.tgwReturnHop(id, f.Destinations, "forward"); ok {
			hops = append(hops, th)
		}
	}
	hops = append(hops, n.naclHops(f.Protocol, lo, hi, false, f.Sources, f.Destinations, "forward")...)
	hops = append(hops, n.sgHop(f, false, f.Sources, "forward"))
	// The reply.
	hops = append(hops, n.naclHops(f.Protocol, ephemeralFrom, ephemeralTo, true, f.Sources, f.Destinations, "return")...)
	rh, sent := n.routeHops(f.Sources, f.Destinations, "return")
	hops = append(hops, rh...)
	for _, gw := range sortedKeys(sent) {
		gh, gids := n.gatewayHop(gw, uniq(sent[gw]), "return")
		hops = append(hops, gh)
		if gh.Verdict != Drop {
			rv, _ := n.vpnHop(gids, uniq(sent[gw]), f.Destinations, true, "return")
			hops = append(hops, rv)
		}
	}
	return hops
}

// onpremToInternet: nodes to AWS's public endpoints, out through the device's internet NAT.
func (n *Network) onpremToInternet(f Flow) []Hop {
	if n.device == nil {
		return []Hop{n.noDevice("forward")}
	}
	src := n.served(f.Sources)
	return []Hop{n.firewallHop(f, src, f.Destinations, "forward"), n.natHop(f, src, nil, true, "forward"), n.internetRouteHop("forward")}
}

// onpremToOnprem: between node or pod networks only the device's firewall can stand in the
// way (where the networks sit on different interfaces).
func (n *Network) onpremToOnprem(f Flow) []Hop {
	if n.device == nil {
		return []Hop{n.noDevice("forward")}
	}
	return []Hop{n.firewallHop(f, n.served(f.Sources), n.served(f.Destinations), "forward")}
}

func sortedKeys(m map[string][]string) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}
