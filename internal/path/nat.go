package path

import (
	"fmt"
	"sort"
	"strings"

	"github.com/hybridcheck/hybridcheck/internal/snapshot"
)

var sourceTranslating = map[string]bool{"outbound": true, "snat": true, "masquerade": true, "one-to-one": true}

// holds: the NAT rule endpoint matches every address of cidrs (a negated endpoint, when none
// of its CIDRs meets them).
func holds(ep snapshot.Endpoint, cidrs []string) bool {
	switch {
	case ep.Self:
		return false
	case ep.Any:
		return !ep.Not
	case ep.Not:
		return !meets(cidrs, ep.CIDRs)
	}
	return within(cidrs, ep.CIDRs)
}

func natProtocolCovers(rule, flow string) bool {
	r := strings.ToLower(rule)
	return r == "" || r == "any" || r == "all" || r == "ip" || r == strings.ToLower(flow)
}

// natDecision is what the device's source NAT does to src -> dst: the rule that translates
// or exempts it, or "" when none applies. It follows policies/onprem/nat/vpn_exemption.rego:
// manual rules by index (not in automatic mode), first holding rule wins; then, in automatic
// and hybrid mode, pfSense's automatic rules translate every inside network to anywhere. It
// does not trust the tunnel to take the traffic before NAT (Linux masquerades in postrouting
// before the IPsec policy lookup).
func (n *Network) natDecision(protocol string, src, dst []string, internet bool) (translated bool, by, loc string) {
	mode := n.device.NAT.OutboundMode
	if mode == "" {
		mode = "automatic"
	}
	if mode == "disabled" {
		return false, "outbound NAT is disabled", ""
	}
	if mode != "automatic" {
		rules := append([]snapshot.NATRule{}, n.device.NAT.Rules...)
		sort.SliceStable(rules, func(i, j int) bool { return rules[i].Index < rules[j].Index })
		for _, r := range rules {
			if r.Disabled || !(r.NoNAT || sourceTranslating[r.Kind]) || !natProtocolCovers(r.Protocol, protocol) {
				continue
			}
			// Traffic to the internet leaves by the WAN (the default route's interface): a rule
			// bound to another interface (an exemption on a tunnel interface, say) never sees it.
			if internet && r.Interface != "" && !n.internetInterface(r.Interface) {
				continue
			}
			if !holds(r.Source, src) || !holds(r.Destination, dst) {
				continue
			}
			text := fmt.Sprintf("NAT rule %d", r.Index)
			if r.Description != "" {
				text += fmt.Sprintf(" (%s)", r.Description)
			}
			if r.NoNAT {
				return false, "exempted by " + text, locText(r.Location)
			}
			return true, fmt.Sprintf("translated to %s by %s", orText(r.Translation, "the interface address"), text), locText(r.Location)
		}
	}
	if mode == "automatic" || mode == "hybrid" {
		if meets(src, n.insideNetworks()) || meets(src, n.routeDestinations()) {
			return true, fmt.Sprintf("translated by pfSense's automatic outbound NAT (mode %s)", mode), ""
		}
	}
	return false, fmt.Sprintf("no NAT rule translates it (mode %s)", mode), ""
}

// internetInterface reports whether a NAT rule's interface is where internet traffic leaves:
// a WAN-role interface or the default gateway's, by name or OS device.
func (n *Network) internetInterface(name string) bool {
	name = strings.ToLower(name)
	gw := map[string]bool{}
	for _, g := range n.device.Gateways {
		if g.Default {
			gw[strings.ToLower(g.Interface)] = true
		}
	}
	for _, in := range n.device.Interfaces {
		ids := []string{strings.ToLower(in.Name), strings.ToLower(in.Device)}
		if in.Role != "wan" && !gw[ids[0]] && !gw[ids[1]] {
			continue
		}
		if name == ids[0] || name == ids[1] {
			return true
		}
	}
	return gw[name]
}

func (n *Network) routeDestinations() []string {
	var out []string
	for _, r := range n.device.StaticRoutes {
		if !r.Disabled {
			out = append(out, r.Destination)
		}
	}
	return out
}

func orText(s, def string) string {
	if s == "" {
		return def
	}
	return s
}

// natHop: toward the VPC the addresses must be kept (the cluster reaches kubelets and
// webhooks by node and pod address); toward the internet the private sources must be
// translated.
func (n *Network) natHop(f Flow, src, dst []string, wantTranslated bool, dir string) Hop {
	h := Hop{Kind: KindDeviceNAT, Direction: dir, Site: "onprem", Resource: n.device.Name, What: "outbound NAT on " + n.device.Name}
	target := dst
	if len(f.DestinationNames) > 0 {
		target = []string{"0.0.0.0/0"}
	}
	var pieces []Piece
	for _, s := range src {
		translated, by, loc := n.natDecision(f.Protocol, []string{s}, target, len(f.DestinationNames) > 0)
		pc := Piece{CIDRs: []string{s}, Evidence: by}
		if loc != "" {
			pc.Evidence += " at " + loc
			if h.Location == "" {
				h.Location = loc
			}
		}
		switch {
		case translated == wantTranslated:
			pc.Verdict = Pass
		case wantTranslated:
			pc.Verdict, pc.Evidence = Drop, pc.Evidence+": private sources reach the internet untranslated"
		default:
			pc.Verdict, pc.Evidence = Drop, pc.Evidence+": the VPC would see the device's address, not the node's"
		}
		pieces = append(pieces, pc)
	}
	if len(pieces) == 0 {
		h.Verdict, h.Evidence = Unknown, "no source"
		return h
	}
	return hopFromPieces(h, mergePieces(pieces))
}
