package flow

import (
	"fmt"
	"sort"
	"strings"
	"testing"

	"github.com/hybridcheck/hybridcheck/internal/snapshot"
	"github.com/hybridcheck/hybridcheck/internal/testkit"
)

// The test devices follow the seed's network: nodes 10.200.0.0/24 on LAN, a second node VLAN
// 10.200.1.0/24 on opt1, pods 192.168.0.0/16 routed to a node on LAN, the VPC 10.0.0.0/16
// behind an IPsec tunnel, AWS tunnel endpoints on the internet behind WAN.
const (
	vpc      = "10.0.0.0/16"
	nodes    = "10.200.0.0/24"
	nodes2   = "10.200.1.0/24"
	pods     = "192.168.0.0/16"
	wanAddr  = "203.0.113.2"
	tunnelIP = "198.51.100.7/32"
)

type mod func(*snapshot.FirewallRule)

// endpointOf reads "any", "self", "!cidr,cidr" or "alias:NAME=cidr,cidr".
func endpointOf(s string) snapshot.Endpoint {
	var ep snapshot.Endpoint
	if strings.HasPrefix(s, "!") {
		ep.Not = true
		s = s[1:]
	}
	switch {
	case s == "any":
		ep.Any = true
	case s == "self":
		ep.Self = true
	case strings.HasPrefix(s, "alias:"):
		name, cidrs, _ := strings.Cut(strings.TrimPrefix(s, "alias:"), "=")
		ep.Alias = name
		if cidrs != "" {
			ep.CIDRs = strings.Split(cidrs, ",")
		}
	case strings.HasPrefix(s, "fqdn:"):
		ep.Alias = "fqdn_alias"
		ep.FQDNs = strings.Split(strings.TrimPrefix(s, "fqdn:"), ",")
	default:
		ep.CIDRs = strings.Split(s, ",")
	}
	return ep
}

func r(action, proto, src, dst string, mods ...mod) snapshot.FirewallRule {
	fr := snapshot.FirewallRule{
		Action: action, Protocol: proto, Source: endpointOf(src), Destination: endpointOf(dst),
		Direction: "in", IPVersion: "inet", Quick: true,
	}
	for _, m := range mods {
		m(&fr)
	}
	return fr
}

func port(from, to int) mod {
	return func(fr *snapshot.FirewallRule) {
		fr.Destination.Ports = append(fr.Destination.Ports, snapshot.PortRange{From: from, To: to})
	}
}
func srcPort(from, to int) mod {
	return func(fr *snapshot.FirewallRule) {
		fr.Source.Ports = append(fr.Source.Ports, snapshot.PortRange{From: from, To: to})
	}
}
func on(ifaces ...string) mod { return func(fr *snapshot.FirewallRule) { fr.Interfaces = ifaces } }
func out(ifaces ...string) mod {
	return func(fr *snapshot.FirewallRule) { fr.OutInterfaces = ifaces }
}
func floating(quick bool, dir string, ifaces ...string) mod {
	return func(fr *snapshot.FirewallRule) {
		fr.Floating, fr.Quick, fr.Direction, fr.Interfaces = true, quick, dir, ifaces
	}
}
func disabled(fr *snapshot.FirewallRule) { fr.Disabled = true }
func dir(d string) mod                   { return func(fr *snapshot.FirewallRule) { fr.Direction = d } }
func icmpTypes(t ...int) mod             { return func(fr *snapshot.FirewallRule) { fr.ICMPTypes = t } }
func states(s ...string) mod             { return func(fr *snapshot.FirewallRule) { fr.States = s } }
func unsupported(u ...string) mod        { return func(fr *snapshot.FirewallRule) { fr.Unsupported = u } }
func target(c string) mod                { return func(fr *snapshot.FirewallRule) { fr.JumpTarget = c } }
func inet6(fr *snapshot.FirewallRule)    { fr.IPVersion = "inet6" }
func desc(d string) mod                  { return func(fr *snapshot.FirewallRule) { fr.Description = d } }

func indexed(name string, rules []snapshot.FirewallRule) snapshot.Chain {
	for i := range rules {
		rules[i].Index = i
	}
	return snapshot.Chain{Name: name, Rules: rules}
}

func pfDevice(rules ...snapshot.FirewallRule) *snapshot.Device {
	return &snapshot.Device{
		Name: "edge", Format: "pfsense",
		WANAddresses: []string{wanAddr},
		Interfaces: []snapshot.Interface{
			{Name: "wan", Device: "em0", Enabled: true, Role: "wan", Addresses: []string{wanAddr + "/24"}, Networks: []string{"203.0.113.0/24"}},
			{Name: "lan", Device: "em1", Enabled: true, Role: "lan", Addresses: []string{"10.200.0.1/24"}, Networks: []string{nodes}},
			{Name: "opt1", Device: "em1.20", Enabled: true, Role: "vlan", Addresses: []string{"10.200.1.1/24"}, Networks: []string{nodes2}},
			{Name: "opt2", Device: "ipsec1", Enabled: true, Role: "vti", Addresses: []string{"169.254.10.2/30"}, Networks: []string{"169.254.10.0/30"}},
		},
		Aliases: []snapshot.Alias{
			{Name: "AWS_NETS", Type: "network", CIDRs: []string{vpc}},
			{Name: "NODES", Type: "network", CIDRs: []string{nodes, nodes2}},
		},
		Firewall: snapshot.Firewall{Model: "pf", DefaultAction: "block", Chains: []snapshot.Chain{indexed("filter", rules)}},
		IPsec: snapshot.IPsec{
			Phase1: []snapshot.IPsecPhase1{{ID: "1", RemoteGateway: "198.51.100.7"}},
			Phase2: []snapshot.IPsecPhase2{{Phase1ID: "1", Mode: "tunnel", Description: "vpc", LocalNetworks: []string{nodes}, RemoteNetworks: []string{vpc}}},
		},
		StaticRoutes: []snapshot.StaticRoute{
			{Destination: pods, Gateway: "NODE_GW"},
			{Destination: "172.31.0.0/16", Interface: "opt2"},
		},
		Gateways: []snapshot.Gateway{{Name: "NODE_GW", Interface: "lan", Address: "10.200.0.10"}},
	}
}

func hookDevice(model string, chains ...snapshot.Chain) *snapshot.Device {
	return &snapshot.Device{
		Name: "linux", Format: model, WANAddresses: []string{wanAddr},
		Interfaces: []snapshot.Interface{
			{Name: "eth0", Device: "eth0", Enabled: true, Role: "wan", Addresses: []string{wanAddr + "/24"}, Networks: []string{"203.0.113.0/24"}},
			{Name: "eth1", Device: "eth1", Enabled: true, Role: "lan", Addresses: []string{"10.200.0.1/24"}, Networks: []string{nodes}},
		},
		Firewall: snapshot.Firewall{Model: model, Chains: chains},
	}
}

func base(name, hook string, prio int, policy string, rules ...snapshot.FirewallRule) snapshot.Chain {
	c := indexed(name, rules)
	c.Table, c.Family, c.Hook, c.Priority, c.Policy = "filter", "inet", hook, prio, policy
	return c
}

func user(name string, rules ...snapshot.FirewallRule) snapshot.Chain {
	c := indexed(name, rules)
	c.Table, c.Family = "filter", "inet"
	return c
}

func tcp(p int, src, dst string) Flow {
	return Flow{Protocol: "tcp", Port: p, Sources: strings.Split(src, ","), Destinations: strings.Split(dst, ",")}
}

// summary is a result in a form tables can spell: refs as chain[index] or
// default:<action>:<chain>[@interface], blocked pieces as "srcs>dsts=ref".
type summary struct {
	allowed, partial bool
	by               string
	blocked          string
	unknown          string
}

func refString(r Ref) string {
	if r.Default != "" {
		s := "default:" + r.Default + ":" + qualifiedIfShared(r)
		if r.Interface != "" {
			s += "@" + r.Interface
		}
		return s
	}
	return fmt.Sprintf("%s[%d]", qualifiedIfShared(r), r.Index)
}

// qualifiedIfShared names the table only for chains whose names tables share (iptables'
// built-in chains outside filter), keeping the tables short for the common case.
func qualifiedIfShared(r Ref) string {
	if r.Table == "" || r.Table == "filter" {
		return r.Chain
	}
	return r.Table + "/" + r.Chain
}

func summarize(res *Result) summary {
	var by, blocked []string
	for _, r := range res.AllowedBy {
		by = append(by, refString(r))
	}
	for _, b := range res.Blocked {
		blocked = append(blocked, strings.Join(b.Sources, ",")+">"+strings.Join(b.Destinations, ",")+"="+refString(b.By))
	}
	var unknown []string
	for _, u := range res.Unknown {
		by := "routing"
		if u.By != nil {
			by = refString(*u.By)
		}
		unknown = append(unknown, strings.Join(u.Sources, ",")+">"+strings.Join(u.Destinations, ",")+"="+by)
	}
	return summary{allowed: res.Allowed, partial: res.PartiallyAllowed, by: strings.Join(by, " "), blocked: strings.Join(blocked, " "), unknown: strings.Join(unknown, " ")}
}

// compiled is dev's evaluator; the test fails when dev does not compile.
func compiled(t testing.TB, dev *snapshot.Device) *Evaluator {
	t.Helper()
	return testkit.Must(NewEvaluator(dev))(t)
}

func evaluate(t testing.TB, dev *snapshot.Device, f Flow) *Result {
	t.Helper()
	return testkit.Must(compiled(t, dev).Evaluate(f))(t)
}

// wantSummary evaluates f on dev and reports a result that does not summarize to want or,
// when note is set, carries no note containing it; it returns the result for further checks.
func wantSummary(t *testing.T, dev *snapshot.Device, f Flow, want summary, note string) *Result {
	t.Helper()
	res := evaluate(t, dev, f)
	if got := summarize(res); got != want {
		t.Errorf("got  %+v\nwant %+v\nnotes %q\nrouting %q", got, want, res.Notes, res.Routing)
	}
	if note != "" && !hasNote(res, note) {
		t.Errorf("no note containing %q in %q", note, res.Notes)
	}
	return res
}

// chainCase is a flow through a device of the chains given, the summary it must give and,
// when set, a note the result must carry.
type chainCase struct {
	name   string
	chains []snapshot.Chain
	flow   Flow
	want   summary
	note   string
}

// checkChainCases runs each case on the device that device makes of its chains: the result
// must summarize as wanted, carry the note, and partition the flow.
func checkChainCases(t *testing.T, device func(chains ...snapshot.Chain) *snapshot.Device, cases []chainCase) {
	t.Helper()
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			checkPartition(t, wantSummary(t, device(tc.chains...), tc.flow, tc.want, tc.note), tc.flow)
		})
	}
}

func hasNote(res *Result, substr string) bool {
	for _, n := range res.Notes {
		if strings.Contains(n, substr) {
			return true
		}
	}
	return false
}

// setOf parses printed CIDRs back into a set, for coverage checks.
func setOf(t testing.TB, cidrs []string) addrSet {
	t.Helper()
	var spans []span
	for _, c := range cidrs {
		s, ok, err := parseIPv4Prefix(c)
		if err != nil || !ok {
			t.Fatalf("printed piece %q is not an IPv4 CIDR", c)
		}
		spans = append(spans, s)
	}
	return normalize(spans)
}

// canonical renders a union of pieces independently of how it was cut: the source axis is
// sliced at every boundary, each slice lists its destinations, equal neighbours merge.
func canonical(ps []piece) string {
	var cuts []uint64
	for _, p := range ps {
		for _, s := range p.src {
			cuts = append(cuts, s.lo, s.hi+1)
		}
	}
	sort.Slice(cuts, func(i, j int) bool { return cuts[i] < cuts[j] })
	var parts []string
	var prevDst addrSet
	var prevLo, prevHi uint64
	flush := func() {
		if !prevDst.empty() {
			parts = append(parts, fmt.Sprintf("%v>%v", addrSet{{prevLo, prevHi}}.cidrs(), prevDst.cidrs()))
		}
	}
	for i := 0; i+1 < len(cuts); i++ {
		lo, hi := cuts[i], cuts[i+1]-1
		if hi < lo {
			continue
		}
		var dst addrSet
		for _, p := range ps {
			if p.src.contains(addrSet{{lo, hi}}) {
				dst = dst.union(p.dst)
			}
		}
		if dst.equal(prevDst) && !dst.empty() && prevHi+1 == lo {
			prevHi = hi
			continue
		}
		flush()
		prevDst, prevLo, prevHi = dst, lo, hi
	}
	flush()
	return strings.Join(parts, " ")
}

func fullIPv4() addrSet { return addrSet{{0, ipv4Max}} }
