package path

import (
	"fmt"
	"sort"
	"strings"

	"github.com/hybridcheck/hybridcheck/internal/flow"
	"github.com/hybridcheck/hybridcheck/internal/snapshot"
)

func locText(l *snapshot.Location) string {
	switch {
	case l == nil:
		return ""
	case l.Line > 0:
		return fmt.Sprintf("%s:%d", l.File, l.Line)
	case l.Path != "":
		return l.File + "#" + l.Path
	}
	return l.File
}

// ipsecHop: on the device, every AWS tunnel that is UP must take the flow (AWS may send it
// over either): an enabled phase 1 to the tunnel's outside address and a phase 2 that holds
// it, a VTI (route-based: the routing decides) or tunnel-mode selectors covering
// on-prem <-> AWS.
func (n *Network) ipsecHop(up []string, onprem, aws []string, dir string) Hop {
	h := Hop{Kind: KindDeviceIPsec, Direction: dir, Site: "onprem", Resource: n.device.Name, What: "IPsec on " + n.device.Name}
	if len(up) == 0 {
		h.Verdict, h.Evidence = Drop, "no AWS tunnel is UP"
		return h
	}
	var vs []Verdict
	var ev, locs []string
	for _, ip := range up {
		v, e, loc := n.tunnelTakes(ip, onprem, aws)
		vs, ev = append(vs, v), append(ev, e)
		if loc != "" {
			locs = append(locs, loc)
		}
	}
	h.Verdict, h.Evidence, h.Location = worst(vs...), strings.Join(ev, "; "), strings.Join(locs, ",")
	return h
}

func (n *Network) tunnelTakes(ip string, onprem, aws []string) (Verdict, string, string) {
	var p1 *snapshot.IPsecPhase1
	for i, p := range n.device.IPsec.Phase1 {
		if p.RemoteGateway == ip && !p.Disabled {
			p1 = &n.device.IPsec.Phase1[i]
			break
		}
	}
	if p1 == nil {
		return Drop, fmt.Sprintf("no enabled phase 1 to the tunnel %s", ip), ""
	}
	var local []string
	var locs []string
	for _, p2 := range n.device.IPsec.Phase2 {
		if p2.Phase1ID != p1.ID || p2.Disabled {
			continue
		}
		if p2.Mode == "vti" {
			return Pass, fmt.Sprintf("tunnel %s: VTI phase 2 %s <-> %s (route-based, phase 1 %s)", ip, p2.LocalAddress, p2.RemoteAddress, p1.ID), locText(p2.Location)
		}
		if within(aws, p2.RemoteNetworks) {
			local = append(local, p2.LocalNetworks...)
			locs = append(locs, locText(p2.Location))
		}
	}
	if g := gaps(onprem, local); len(g) > 0 {
		loc := locText(p1.Location)
		return Drop, fmt.Sprintf("tunnel %s: no phase 2 of phase 1 %s holds %s <-> %s", ip, p1.ID, strings.Join(g, ","), strings.Join(aws, ",")), loc
	}
	return Pass, fmt.Sprintf("tunnel %s: phase 2 %s <-> %s", ip, strings.Join(uniq(local), ","), strings.Join(aws, ",")), strings.Join(uniq(locs), ",")
}

// firewallHop asks the device evaluator about the flow, as the firewall checks do.
func (n *Network) firewallHop(f Flow, src, dst []string, dir string) Hop {
	h := Hop{Kind: KindDeviceFirewall, Direction: dir, Site: "onprem", Resource: n.device.Name, What: "firewall of " + n.device.Name}
	ff := flow.Flow{Protocol: f.Protocol, Sources: src, Destinations: dst, Port: f.Port, ICMPType: f.ICMPType,
		DestinationNames: f.DestinationNames, DestinationRanges: n.publishedRanges(f.DestinationNames), AWS: n.awsCtx}
	res, err := n.eval.Evaluate(ff)
	if err != nil {
		h.Verdict, h.Evidence = Unknown, err.Error()
		return h
	}
	if res.IngressInterface != "" {
		h.What += ", in on " + res.IngressInterface
	}
	var pieces []Piece
	for _, b := range res.Blocked {
		pieces = append(pieces, Piece{CIDRs: pieceCIDRs(b.Piece), Verdict: Drop, Evidence: "blocked by " + refText(b.By)})
	}
	for _, u := range res.Unknown {
		e := u.Reason
		if u.By != nil {
			e += " (" + refText(*u.By) + ")"
		}
		pieces = append(pieces, Piece{CIDRs: pieceCIDRs(u.Piece), Verdict: Unknown, Evidence: e})
	}
	for _, p := range res.Passed {
		var by []string
		for _, r := range p.By {
			by = append(by, refText(r))
		}
		e := "passed by " + strings.Join(by, " then ")
		if len(by) == 0 {
			e = "does not cross the device (one connected network)"
		}
		pieces = append(pieces, Piece{CIDRs: pieceCIDRs(p.Piece), Verdict: Pass, Evidence: e})
	}
	if len(pieces) == 0 {
		h.Verdict, h.Evidence = Unknown, "the evaluator decided nothing"
		return h
	}
	h = hopFromPieces(h, mergePieces(pieces))
	h.Location = firstLocation(res)
	return h
}

// firstLocation is where the deciding rule is written: the blocking rule when the flow is
// blocked, else the first rule that passed it.
func firstLocation(res *flow.Result) string {
	for _, b := range res.Blocked {
		if l := locText(b.By.Location); l != "" {
			return l
		}
	}
	for _, r := range res.AllowedBy {
		if l := locText(r.Location); l != "" {
			return l
		}
	}
	return ""
}

func pieceCIDRs(p flow.Piece) []string {
	return []string{strings.Join(p.Sources, ",") + " -> " + strings.Join(p.Destinations, ",")}
}

func refText(r flow.Ref) string {
	if r.Default != "" {
		if r.Interface != "" {
			return fmt.Sprintf("the default %s of %s on %s", r.Default, r.Chain, r.Interface)
		}
		return fmt.Sprintf("the default %s of %s", r.Default, r.Chain)
	}
	s := fmt.Sprintf("%s rule %d", r.Chain, r.Index)
	if r.Description != "" {
		s += fmt.Sprintf(" (%s)", r.Description)
	}
	if l := locText(r.Location); l != "" {
		s += " at " + l
	}
	return s
}

// publishedRanges are AWS's published address ranges for the endpoint names, as
// policies/lib/device.rego's published_ranges (regional AMAZON ranges; S3 for S3 names).
func (n *Network) publishedRanges(names []string) map[string][]string {
	if len(names) == 0 || n.snap.AWSIPRanges == nil {
		return nil
	}
	out := map[string][]string{}
	for _, name := range names {
		service, region := "AMAZON", n.region
		switch {
		case name == "hybrid-assets.eks.amazonaws.com":
			service, region = "CLOUDFRONT", "GLOBAL"
		case strings.Contains(name, ".s3.") || strings.HasPrefix(name, "s3.") || strings.Contains(name, ".s3-"):
			service = "S3"
		}
		for _, p := range n.snap.AWSIPRanges.Prefixes {
			if p.Service == service && p.Region == region {
				out[name] = append(out[name], p.IPPrefix)
			}
		}
	}
	return out
}

// awsRouteHop: how the device routes the AWS destinations (static route, VTI, BGP learned
// from the tunnels' inside addresses, IPsec selectors): every part must go into the VPN.
func (n *Network) awsRouteHop(aws []string, dir string) Hop {
	h := Hop{Kind: KindDeviceRoute, Direction: dir, Site: "onprem", Resource: n.device.Name, What: "route on " + n.device.Name + " to " + strings.Join(aws, ",")}
	var pieces []Piece
	for _, r := range n.eval.AWSRoutes(n.awsCtx) {
		if !meets([]string{r.CIDR}, aws) {
			continue
		}
		for _, p := range r.Parts {
			pc := Piece{CIDRs: p.CIDRs}
			text := fmt.Sprintf("%s via %s (%s: %s)", strings.Join(p.CIDRs, ","), p.Interface, p.Via, p.Reason)
			switch {
			case p.Via == "undetermined":
				pc.Verdict, pc.Evidence = Unknown, fmt.Sprintf("%s: not determined (%s)", strings.Join(p.CIDRs, ","), p.Reason)
			case p.VPN:
				pc.Verdict, pc.Evidence = Pass, text
			default:
				pc.Verdict, pc.Evidence = Drop, text+": not into the VPN"
			}
			pieces = append(pieces, pc)
		}
	}
	if len(pieces) == 0 {
		h.Verdict, h.Evidence = Unknown, "the device's routing for the AWS prefixes is not known"
		return h
	}
	h = hopFromPieces(h, pieces)
	if h.Verdict == Pass && len(pieces) > 1 {
		var ev []string
		for _, p := range pieces {
			ev = append(ev, p.Evidence)
		}
		h.Evidence, h.Pieces = strings.Join(ev, "; "), nil
	}
	return h
}

// siteRouteHop: the device reaches the on-prem destinations: a connected inside network (the
// node VLAN) or a static route (the pod network via a node).
func (n *Network) siteRouteHop(dst []string, dir string) Hop {
	h := Hop{Kind: KindDeviceRoute, Direction: dir, Site: "onprem", Resource: n.device.Name, What: "route on " + n.device.Name + " to " + strings.Join(dst, ",")}
	var pieces []Piece
	for _, d := range n.served(dst) {
		pieces = append(pieces, n.siteRoute(d))
	}
	h = hopFromPieces(h, mergePieces(pieces))
	if h.Verdict == Pass && len(pieces) > 1 {
		var ev, locs []string
		for _, p := range pieces {
			ev = append(ev, joinCIDRs(p.CIDRs)+" "+p.Evidence)
		}
		h.Evidence, h.Pieces = strings.Join(ev, "; "), nil
		_ = locs
	}
	for _, i := range n.device.Interfaces {
		if i.Location != nil && meets(i.Networks, dst) && h.Location == "" {
			h.Location = locText(i.Location)
		}
	}
	for _, r := range n.device.StaticRoutes {
		if r.Location != nil && meets([]string{r.Destination}, dst) && !r.Disabled && h.Location == "" {
			h.Location = locText(r.Location)
		}
	}
	return h
}

func (n *Network) siteRoute(d string) Piece {
	pc := Piece{CIDRs: []string{d}}
	for _, i := range n.device.Interfaces {
		if !i.Enabled || i.Role == "wan" {
			continue
		}
		if within([]string{d}, i.Networks) {
			pc.Verdict, pc.Evidence = Pass, fmt.Sprintf("connected on %s (%s)", i.Name, strings.Join(i.Networks, ","))
			return pc
		}
	}
	best := -1
	for k, r := range n.device.StaticRoutes {
		if r.Disabled || !within([]string{d}, []string{r.Destination}) {
			continue
		}
		if best < 0 || prefixLen(r.Destination) > prefixLen(n.device.StaticRoutes[best].Destination) {
			best = k
		}
	}
	if best >= 0 {
		r := n.device.StaticRoutes[best]
		pc.Verdict = Pass
		pc.Evidence = fmt.Sprintf("static route %s via %s %s", r.Destination, r.Gateway, r.GatewayAddress)
		if l := locText(r.Location); l != "" {
			pc.Evidence += " at " + l
		}
		return pc
	}
	if n.device.BGP != nil && n.device.BGP.Enabled {
		pc.Verdict, pc.Evidence = Unknown, "no connected network or static route; BGP may learn it (learned routes are not in the export)"
		return pc
	}
	pc.Verdict, pc.Evidence = Drop, "no connected network or static route on the device"
	return pc
}

func prefixLen(c string) int {
	if p, ok := parsePrefix(c); ok {
		return p.Bits()
	}
	return -1
}

// internetRouteHop: traffic to AWS's public endpoints leaves by the device's default route.
func (n *Network) internetRouteHop(dir string) Hop {
	h := Hop{Kind: KindDeviceRoute, Direction: dir, Site: "onprem", Resource: n.device.Name, What: "route on " + n.device.Name + " to the internet"}
	var gws []string
	for _, g := range n.device.Gateways {
		if g.Default {
			gws = append(gws, fmt.Sprintf("%s %s on %s", g.Name, g.Address, g.Interface))
		}
	}
	sort.Strings(gws)
	if len(gws) == 0 {
		for _, i := range n.device.Interfaces {
			if i.Role == "wan" && i.Enabled {
				gws = append(gws, "WAN interface "+i.Name)
				h.Location = locText(i.Location)
			}
		}
	}
	if len(gws) == 0 {
		h.Verdict, h.Evidence = Unknown, "the device shows no default gateway or WAN interface"
		return h
	}
	h.Verdict, h.Evidence = Pass, "default route via "+strings.Join(gws, ", ")
	return h
}
