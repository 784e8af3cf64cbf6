package flow

import (
	"fmt"
	"slices"
	"sort"

	"github.com/hybridcheck/hybridcheck/internal/builtin"
	"github.com/open-policy-agent/opa/v1/ast"
	"github.com/open-policy-agent/opa/v1/types"
)

// RoutePart is where the device's own routing sends part of a prefix: the deciding route's
// prefix (Route), how the device knows it (Via: ipsec-selector, connected, static, default, or
// none), the interface and what kind of interface it is (Role: "wan" for an internet route, the
// default route or any route out of a WAN interface; "vpn" for the IPsec interface or a VTI;
// "inside" otherwise; "unknown" for a static route whose interface the export does not show).
type RoutePart struct {
	CIDRs     []string `json:"cidrs"`
	Route     string   `json:"route"`
	Via       string   `json:"via"`
	Interface string   `json:"interface"`
	Role      string   `json:"role"`
	Reason    string   `json:"reason"`
}

// RouteLookup is how the device routes one prefix, part by part.
type RouteLookup struct {
	CIDR  string      `json:"cidr"`
	Parts []RoutePart `json:"parts"`
}

// Lookup says where the device's routing table sends each prefix, in its own precedence (IPsec
// selectors, then longest prefix among connected networks and static routes, then the default
// route): the same forwarding view the flow evaluator places flows with. Routes learned over
// BGP from the AWS tunnels are not part of it (they need the AWS side; see AWSRoutes).
func (e *Evaluator) Lookup(cidrs []string) ([]RouteLookup, error) {
	rt := e.routingFor(nil)
	table := append(append([]route{}, rt.table...), e.unplaced...)
	sort.SliceStable(table, func(i, j int) bool { return table[i].bits > table[j].bits })
	out := make([]RouteLookup, 0, len(cidrs))
	for i, c := range cidrs {
		s, ok, err := parseIPv4Prefix(c)
		if err != nil {
			return nil, fmt.Errorf("cidrs[%d]: %v", i, err)
		}
		if !ok {
			return nil, fmt.Errorf("cidrs[%d]: %q is IPv6; the routing model is IPv4", i, c)
		}
		out = append(out, RouteLookup{CIDR: c, Parts: e.lookupParts(addrSet{s}, rt.selectors, table)})
	}
	return out, nil
}

func (e *Evaluator) lookupParts(set addrSet, selectors, table []route) []RoutePart {
	var parts []RoutePart
	for _, group := range [][]route{selectors, table} {
		for _, r := range group {
			in := set.intersect(r.set)
			if in.empty() {
				continue
			}
			p := RoutePart{CIDRs: in.cidrs(), Route: r.set.cidrs()[0], Via: viaNames[r.kind], Role: e.roleOf(r.iface), Reason: r.reason}
			if r.iface != nil {
				p.Interface = r.iface.label
			}
			if r.bits == 0 {
				p.Via, p.Role = "default", "wan"
			}
			parts = append(parts, p)
			set = set.minus(r.set)
		}
	}
	if set.empty() {
		return parts
	}
	if e.wan != nil && !e.wanGuessed {
		return append(parts, RoutePart{CIDRs: set.cidrs(), Route: "0.0.0.0/0", Via: "default", Interface: e.wan.label, Role: "wan",
			Reason: "the default route: no route or IPsec selector covers it"})
	}
	return append(parts, RoutePart{CIDRs: set.cidrs(), Via: "none", Role: "unknown",
		Reason: "no route or IPsec selector covers it and the device shows no default route"})
}

func (e *Evaluator) roleOf(i *iface) string {
	switch {
	case i == nil:
		return "unknown"
	case i == e.wan && !e.wanGuessed, slices.Contains(e.wans, i):
		return "wan"
	case e.isVPN(i):
		return "vpn"
	}
	return "inside"
}

// LookupBuiltinName is how policies ask where the device routes a prefix.
const LookupBuiltinName = "hybridcheck.device_lookup"

// lookupBuiltin is hybridcheck.device_lookup(device, cidrs): Lookup for policies.
var lookupBuiltin = builtin.Declare(LookupBuiltinName,
	"Looks prefixes up in a device's routing table the way the device forwards (IPsec selectors, "+
		"then connected networks and static routes by longest prefix, then the default route) and returns, "+
		"part by part, the deciding route, the interface and whether it is a WAN (internet), VPN or inside interface.",
	deviceQuery("prefixes", func(v ast.Value) ([]string, error) { return stringList("cidrs", v) }, (*Evaluator).Lookup, asJSON),
	builtin.Param("routes", types.NewArray(nil, types.A), `[{"cidr", "parts": [{"cidrs", "route", "via", "interface", "role": "wan"|"vpn"|"inside"|"unknown", "reason"}]}]`),
	deviceParam(),
	builtin.Param("cidrs", types.NewAny(types.NewArray(nil, types.S), types.NewSet(types.S)), "the prefixes to look up"),
)
