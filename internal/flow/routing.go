package flow

import (
	"encoding/json"
	"fmt"
	"sort"
	"strings"

	"github.com/hybridcheck/hybridcheck/internal/snapshot"
)

// routing is the device's forwarding view for one AWS context, in the device's own
// precedence: IPsec policies (phase 2 selectors) first, because the kernel's security policy
// database captures matching traffic before and regardless of the routing table (FreeBSD
// ipsec(4), Linux xfrm); then the routing table by longest prefix, ties broken by
// administrative distance (connected 0, static 1, eBGP 20); then the default route.
type routing struct {
	selectors []route
	table     []route
	// undetermined are AWS prefixes whose path the device's configuration does not settle
	// (a BGP neighbour on no interface, no default route): they are answered unknown rather
	// than guessed to leave by the WAN.
	undetermined []route
	// derivation explains, in words, how each AWS prefix was placed (evidence).
	derivation []string
	aws        []AWSRoute
}

const (
	routeConnected = iota
	routeStatic
	routeBGP
	routeIPsec
)

// routingFor builds (once per AWS context) the routes the device has for a flow.
func (e *Evaluator) routingFor(aws *AWSContext) *routing {
	key := ""
	if aws != nil {
		b, _ := json.Marshal(aws)
		key = string(b)
	}
	e.rtMu.Lock()
	defer e.rtMu.Unlock()
	if rt, ok := e.rtCache[key]; ok {
		return rt
	}
	rt := &routing{}
	for _, r := range e.routes {
		if r.kind == routeIPsec {
			rt.selectors = append(rt.selectors, r)
		} else {
			rt.table = append(rt.table, r)
		}
	}
	if aws != nil {
		e.awsRoutes(aws, rt)
	}
	sort.SliceStable(rt.selectors, func(i, j int) bool { return rt.selectors[i].bits > rt.selectors[j].bits })
	sort.SliceStable(rt.table, func(i, j int) bool {
		if rt.table[i].bits != rt.table[j].bits {
			return rt.table[i].bits > rt.table[j].bits
		}
		return rt.table[i].kind < rt.table[j].kind
	})
	if aws != nil {
		e.explainAWS(aws, rt)
	}
	if len(e.rtCache) > 64 {
		clear(e.rtCache)
	}
	e.rtCache[key] = rt
	return rt
}

// awsRoutes adds what the device learns over BGP from the AWS tunnels: a neighbour counts only
// when it is a tunnel's AWS inside address and both ASNs match (otherwise the session never
// comes up), and its routes lead to the interface that holds the neighbour's address (the VTI).
func (e *Evaluator) awsRoutes(aws *AWSContext, rt *routing) {
	if e.bgp == nil || !e.bgp.Enabled {
		return
	}
	tunnels := map[string]AWSTunnel{}
	for _, t := range aws.Tunnels {
		if a := hostOf(t.AWSInsideAddress); a != "" {
			tunnels[a] = t
		}
	}
	neighbours := append([]snapshot.BGPNeighbor(nil), e.bgp.Neighbors...)
	sort.Slice(neighbours, func(i, j int) bool { return neighbours[i].Address < neighbours[j].Address })
	for _, n := range neighbours {
		addr := hostOf(n.Address)
		t, isAWS := tunnels[addr]
		switch {
		case !n.Enabled:
			continue
		case !isAWS:
			if strings.HasPrefix(addr, "169.254.") {
				rt.derivation = append(rt.derivation, fmt.Sprintf("BGP neighbour %s is not an inside address of an AWS tunnel of this VPN; its routes are not counted", addr))
			}
			continue
		case t.AWSASN != 0 && n.RemoteASN != t.AWSASN:
			rt.derivation = append(rt.derivation, fmt.Sprintf("BGP neighbour %s (AWS tunnel %s) is configured with remote AS %d but AWS uses AS %d: the session does not come up and no route is learned", addr, t.OutsideAddress, n.RemoteASN, t.AWSASN))
			continue
		case t.CustomerASN != 0 && e.bgp.LocalASN != t.CustomerASN:
			rt.derivation = append(rt.derivation, fmt.Sprintf("BGP neighbour %s (AWS tunnel %s): the device's AS %d is not the customer gateway's AS %d: the session does not come up and no route is learned", addr, t.OutsideAddress, e.bgp.LocalASN, t.CustomerASN))
			continue
		case e.tunnelDown[addr]:
			rt.derivation = append(rt.derivation, fmt.Sprintf("BGP neighbour %s (AWS tunnel %s): its VTI phase 2 or phase 1 is disabled, so no route is learned", addr, t.OutsideAddress))
			continue
		}
		s, ok, err := parseIPv4Prefix(addr)
		var ifc *iface
		if err == nil && ok {
			ifc = e.connectedIface(s)
		}
		for _, c := range aws.CIDRs {
			cs, ok, err := parseIPv4Prefix(c)
			if err != nil || !ok {
				continue
			}
			r := route{set: addrSet{cs}, bits: prefixBits(cs), kind: routeBGP, iface: ifc}
			if ifc == nil {
				r.reason = fmt.Sprintf("learned over BGP from AWS tunnel inside address %s, which lies on none of the device's interfaces, so the interface behind it is not known", addr)
				rt.undetermined = append(rt.undetermined, r)
				continue
			}
			r.reason = fmt.Sprintf("learned over BGP from AWS tunnel inside address %s (AS %d, local AS %d) on %s", addr, n.RemoteASN, e.bgp.LocalASN, ifc.label)
			rt.table = append(rt.table, r)
		}
	}
}

// Placement is where the device sends part of an AWS prefix: the interface, how the device
// knows (ipsec-selector, connected, static, bgp, default, undetermined), whether that
// interface is the VPN (the IPsec pseudo interface or a VTI) and the reason in words.
type Placement struct {
	CIDRs     []string `json:"cidrs"`
	Interface string   `json:"interface"`
	Via       string   `json:"via"`
	VPN       bool     `json:"vpn"`
	Reason    string   `json:"reason"`
}

// AWSRoute is how the device routes one AWS prefix, part by part.
type AWSRoute struct {
	CIDR  string      `json:"cidr"`
	Parts []Placement `json:"parts"`
}

var viaNames = map[int]string{routeConnected: "connected", routeStatic: "static", routeBGP: "bgp", routeIPsec: "ipsec-selector"}

// explainAWS records where each AWS prefix goes, and marks as undetermined the AWS prefixes
// that would only follow a default route the device does not show.
func (e *Evaluator) explainAWS(aws *AWSContext, rt *routing) {
	for _, c := range aws.CIDRs {
		cs, ok, err := parseIPv4Prefix(c)
		if err != nil || !ok {
			continue
		}
		ar := AWSRoute{CIDR: c}
		set := addrSet{cs}
		for gi, group := range [][]route{rt.selectors, rt.table, rt.undetermined} {
			for _, r := range group {
				if in := set.intersect(r.set); !in.empty() {
					p := Placement{CIDRs: in.cidrs(), Interface: labelOf(r.iface), Via: viaNames[r.kind], VPN: e.isVPN(r.iface), Reason: r.reason}
					if gi == 2 {
						p.Via, p.Interface = "undetermined", ""
					}
					ar.Parts = append(ar.Parts, p)
					set = set.minus(r.set)
				}
			}
		}
		if !set.empty() {
			if e.wan == nil || e.wanGuessed {
				reason := "no route, IPsec selector or AWS BGP session of the device covers it and the device shows no WAN default route"
				rt.undetermined = append(rt.undetermined, route{set: set, bits: prefixBits(cs), kind: routeStatic, reason: reason})
				ar.Parts = append(ar.Parts, Placement{CIDRs: set.cidrs(), Via: "undetermined", Reason: reason})
			} else {
				ar.Parts = append(ar.Parts, Placement{CIDRs: set.cidrs(), Interface: e.wan.label, Via: "default",
					Reason: "the default route: no route, IPsec selector or AWS BGP session covers it"})
			}
		}
		rt.aws = append(rt.aws, ar)
		var parts []string
		for _, p := range ar.Parts {
			if p.Via == "undetermined" {
				parts = append(parts, fmt.Sprintf("%s not determined (%s)", strings.Join(p.CIDRs, ","), p.Reason))
				continue
			}
			parts = append(parts, fmt.Sprintf("%s via %s (%s)", strings.Join(p.CIDRs, ","), p.Interface, p.Reason))
		}
		rt.derivation = append(rt.derivation, fmt.Sprintf("AWS prefix %s: %s", c, strings.Join(parts, "; ")))
	}
}

// isVPN: the IPsec pseudo interface (policy-based tunnels) or a VTI.
func (e *Evaluator) isVPN(i *iface) bool {
	return i != nil && (i.ids["enc0"] || i.groups["ipsec"])
}

// AWSRoutes says how the device routes each AWS prefix of the context.
func (e *Evaluator) AWSRoutes(aws *AWSContext) []AWSRoute {
	if aws == nil {
		return nil
	}
	return e.routingFor(aws).aws
}

func labelOf(i *iface) string {
	if i == nil {
		return "an unknown interface"
	}
	return i.label
}

func hostOf(a string) string {
	h, _, _ := strings.Cut(strings.TrimSpace(a), "/")
	return h
}

func prefixBits(s span) int {
	size := s.hi - s.lo + 1
	b := 32
	for size > 1 {
		size >>= 1
		b--
	}
	return b
}

// locate splits a set by the interface behind each part: the device itself (for the blocks
// that lie wholly among its addresses), then IPsec selectors, then the routing table, then
// the AWS prefixes whose path is undetermined (iface nil, unknown set), then the WAN (also for
// host names, which are internet endpoints).
func (e *Evaluator) locate(rt *routing, set addrSet, blocks []span) []region {
	var out []region
	var self []span
	for _, b := range blocks {
		if e.self.contains(addrSet{b}) {
			self = append(self, b)
		}
	}
	if in := normalize(self); !in.empty() {
		out = append(out, region{set: in, iface: selfIface, reason: "an address of the device itself"})
		set = set.minus(in)
	}
	for _, group := range [][]route{rt.selectors, rt.table, rt.undetermined} {
		for _, r := range group {
			if set.empty() {
				break
			}
			if in := set.intersect(r.set); !in.empty() {
				out = append(out, region{set: in, iface: r.iface, reason: r.reason, unknown: r.iface == nil})
				set = set.minus(r.set)
			}
		}
	}
	if !set.empty() {
		reason := "reached through the default route"
		if e.wan != nil {
			reason = "reached through " + e.wan.label + " (default route)"
		}
		out = append(out, region{set: set, iface: e.wan, reason: reason})
	}
	// Equal interfaces merge, so a flow is walked once per interface pair.
	merged := out[:0]
	idx := map[*iface]int{}
	for _, r := range out {
		if r.unknown {
			merged = append(merged, r)
			continue
		}
		if i, ok := idx[r.iface]; ok {
			merged[i].set = merged[i].set.union(r.set)
			if !strings.Contains(merged[i].reason, r.reason) {
				merged[i].reason += "; " + r.reason
			}
			continue
		}
		idx[r.iface] = len(merged)
		merged = append(merged, r)
	}
	return merged
}
