package flow

import (
	"fmt"
	"sort"
	"strings"

	"github.com/hybridcheck/hybridcheck/internal/ipproto"
	"github.com/hybridcheck/hybridcheck/internal/snapshot"
)

// The NAT model answers, for a device and a flow, whether the device's source NAT rewrites the
// flow's source addresses on the way out: the one place the NAT checks (HN-ONP-02, HN-ONP-03)
// and the path engine ask. Each part of the flow is decided by the first rule that matches it
// in the device's own NAT evaluation order, among the rules that see it: a rule bound to an
// interface sees only the traffic the device's routing sends out of that interface.
//
//   - pf (pfSense): binat (1:1) rules before nat rules, each in ruleset order, the first
//     matching rule decides (pf.conf(5) "TRANSLATION": binat rules are always evaluated first,
//     then the nat rules on an outbound packet); a "no nat" rule ends the
//     search untranslated. Outbound NAT mode automatic uses only pfSense's automatic rules (every
//     inside network and static route, translated on each WAN to any destination), hybrid the
//     manual rules and then the automatic ones, advanced only the manual ones, disabled none.
//   - nftables, iptables: the postrouting NAT chain in rule order; the first snat, masquerade or
//     netmap decides, an accept (or a return from the base chain) ends NAT for the packet
//     untranslated (nft(8), iptables-extensions(8)).
//   - generic, cisco: the rules in index order, first match, as the importer lists them.
//
// A rule the importer could not model (a drop or other verdict in a NAT chain) makes the part
// it matches unknown rather than guessed.

// Verdicts of the NAT model, for a part of a flow and for the whole.
const (
	NATTranslated    = "translated"
	NATNotTranslated = "not_translated"
	NATPartly        = "partly"
	NATUnknown       = "unknown"
)

// NATFlow is the question: traffic from Sources to Destinations (or, with Internet, to the
// public IPv4 address space) on Protocol ("" or "any" for every protocol) and destination Port
// (0 for every port). AWS places the AWS prefixes where the device's routing sends them, which
// decides the egress interface and so the interface-bound rules that see the traffic.
type NATFlow struct {
	Protocol     string
	Port         int
	Sources      []string
	Destinations []string
	Internet     bool
	AWS          *AWSContext
}

// NATRef cites the NAT rule that decided a part: the snapshot's rule (Index, Kind, Interface,
// Description, Location), or pfSense's automatic outbound NAT (Automatic).
type NATRef struct {
	Index       int    `json:"index"`
	Kind        string `json:"kind"`
	Interface   string `json:"interface"`
	Description string `json:"description"`
	Automatic   bool   `json:"automatic"`
	// Translation is the new source address ("interface-address", an address or a pool).
	Translation string             `json:"translation"`
	Location    *snapshot.Location `json:"location,omitempty"`
	Text        string             `json:"text"`
}

// NATPiece is a part of the flow and what the device's NAT does to it: Verdict (translated,
// not_translated or unknown), the rule that decides it (nil when no rule matches), the
// interface it leaves by and the reason in words. Protocol is "any" or the protocols the part
// concerns when rules of one protocol split the flow.
type NATPiece struct {
	Sources      []string `json:"sources"`
	Destinations []string `json:"destinations"`
	Protocol     string   `json:"protocol"`
	Verdict      string   `json:"verdict"`
	Egress       string   `json:"egress"`
	Rule         *NATRef  `json:"rule,omitempty"`
	Reason       string   `json:"reason"`
}

// NATResult is the NAT model's answer: Verdict is translated or not_translated when every part
// agrees, partly when some parts are translated and others not, unknown when an undecided part
// remains otherwise; Pieces are the parts with their evidence.
type NATResult struct {
	Verdict string     `json:"verdict"`
	Mode    string     `json:"mode"`
	Pieces  []NATPiece `json:"pieces"`
}

// natModel is a device's source NAT compiled once: its rules in evaluation order.
type natModel struct {
	mode  string
	rules []*natRule
}

// natRule is a compiled source NAT rule or exemption.
type natRule struct {
	ref      NATRef
	verdict  string
	iface    string
	protoAny bool
	protos   protoSet
	src, dst endpoint
	// ports are the rule's source and destination ports; a rule with ports matches a flow
	// asked about every port only in part (see natPortMatch).
	srcPorts, dstPorts []snapshot.PortRange
	binat              bool
}

var sourceTranslating = map[string]bool{"outbound": true, "snat": true, "masquerade": true, "one-to-one": true}

// compileNAT indexes the device's source NAT rules once, in the device's evaluation order.
func (e *Evaluator) compileNAT(dev *snapshot.Device, aliases map[string]bool) error {
	m := &natModel{mode: strings.ToLower(dev.NAT.OutboundMode)}
	if m.mode == "" {
		m.mode = "automatic"
	}
	e.nat = m
	if m.mode == "disabled" {
		return nil
	}
	if m.mode != "automatic" {
		manual := append([]snapshot.NATRule{}, dev.NAT.Rules...)
		sort.SliceStable(manual, func(i, j int) bool { return manual[i].Index < manual[j].Index })
		for i := range manual {
			r, err := e.compileNATRule(&manual[i], aliases)
			if err != nil {
				return fmt.Errorf("device %q: NAT rule %d: %v", dev.Name, manual[i].Index, err)
			}
			if r != nil {
				m.rules = append(m.rules, r)
			}
		}
		if e.model == "pf" {
			// pf looks up binat before nat (pf_get_translation: PF_RULESET_BINAT, then
			// PF_RULESET_NAT), each list by first match.
			sort.SliceStable(m.rules, func(i, j int) bool { return m.rules[i].binat && !m.rules[j].binat })
		}
	}
	if m.mode == "automatic" || m.mode == "hybrid" {
		m.rules = append(m.rules, e.automaticNAT(dev)...)
	}
	return nil
}

// compileNATRule compiles one rule; destination NAT and disabled rules are left out (nil).
func (e *Evaluator) compileNATRule(n *snapshot.NATRule, aliases map[string]bool) (*natRule, error) {
	if n.Disabled {
		return nil, nil
	}
	r := &natRule{
		ref:      NATRef{Index: n.Index, Kind: n.Kind, Interface: n.Interface, Description: n.Description, Location: n.Location, Translation: n.Translation},
		iface:    strings.ToLower(strings.TrimSpace(n.Interface)),
		srcPorts: n.Source.Ports,
		dstPorts: n.Destination.Ports,
		binat:    n.Kind == "one-to-one",
	}
	r.ref.Text = fmt.Sprintf("NAT rule %d", n.Index)
	if n.Description != "" {
		r.ref.Text += fmt.Sprintf(" (%s)", n.Description)
	}
	switch {
	case n.NoNAT:
		r.verdict = NATNotTranslated
	case sourceTranslating[n.Kind]:
		r.verdict = NATTranslated
	case n.Kind == "other":
		r.verdict = NATUnknown
	default:
		return nil, nil
	}
	var known bool
	if r.protoAny, r.protos, known = parseProtocols(n.Protocol); !known {
		// A protocol the model cannot read: what the rule matches is unknown.
		r.protoAny, r.verdict = true, NATUnknown
	}
	var err error
	if r.src, r.dst, err = e.compileEnds(n.Source, n.Destination, aliases); err != nil {
		return nil, err
	}
	return r, nil
}

// automaticNAT is pfSense's automatic outbound NAT: every inside network and static route
// destination translated to any destination, one rule per WAN interface, after the manual rules.
func (e *Evaluator) automaticNAT(dev *snapshot.Device) []*natRule {
	var spans []span
	add := func(c string) {
		if s, ok, err := parseIPv4Prefix(c); err == nil && ok {
			spans = append(spans, s)
		}
	}
	var wans []string
	for _, in := range dev.Interfaces {
		if in.Role == "wan" {
			wans = append(wans, in.Name)
		}
		if !in.Enabled {
			continue
		}
		switch in.Role {
		case "wan", "ipsec", "vti", "loopback":
			continue
		}
		for _, n := range in.Networks {
			add(n)
		}
	}
	for _, r := range dev.StaticRoutes {
		if !r.Disabled {
			add(r.Destination)
		}
	}
	if len(wans) == 0 {
		wans = []string{"wan"}
	}
	mode := strings.ToLower(dev.NAT.OutboundMode)
	if mode == "" {
		mode = "automatic"
	}
	var out []*natRule
	for _, w := range wans {
		out = append(out, &natRule{
			ref:      NATRef{Kind: "outbound", Interface: w, Automatic: true, Text: fmt.Sprintf("pfSense's automatic outbound NAT (mode %s) on %s", mode, w)},
			verdict:  NATTranslated,
			iface:    strings.ToLower(w),
			protoAny: true,
			src:      endpoint{addrs: normalize(spans)},
			dst:      endpoint{any: true},
		})
	}
	return out
}

// natPart is a rectangle of the flow still to be decided on one egress.
type natPart struct{ src, dst addrSet }

// natEgress is a part of the destinations and the interface the device sends it out of;
// unknown is set where the device's routing does not say (an interface-bound rule that would
// decide such a part leaves it unknown). Policy-based IPsec does not count as the egress: its
// security policy takes the traffic after the outbound NAT of the interface the routing table
// picks (Linux masquerades in postrouting before the xfrm lookup; a pfSense tunnel that is down
// leaves the traffic to the WAN), so the part is judged on the WAN.
type natEgress struct {
	set     addrSet
	iface   *iface
	unknown bool
	self    bool
	reason  string
}

// NAT answers what the device's source NAT does to the flow.
func (e *Evaluator) NAT(f NATFlow) (*NATResult, error) {
	src, err := flowAddrs("sources", f.Sources)
	if err != nil {
		return nil, err
	}
	var dst addrSet
	if f.Internet {
		dst = nonPublic.complement(ipv4Max)
	} else {
		spans, err := flowAddrs("destinations", f.Destinations)
		if err != nil {
			return nil, err
		}
		dst = normalize(spans)
	}
	classes, err := e.nat.protocolClasses(f.Protocol)
	if err != nil {
		return nil, err
	}
	res := &NATResult{Mode: e.nat.mode}
	srcSet := normalize(src)
	if srcSet.empty() || dst.empty() {
		res.Verdict = NATNotTranslated
		return res, nil
	}
	var egresses []natEgress
	if f.Internet {
		// Internet destinations follow the default route, whatever public network happens to
		// be connected.
		eg := natEgress{set: dst, iface: e.wan, reason: "the default route"}
		eg.unknown = e.wan == nil || e.wanGuessed
		if eg.unknown {
			eg.iface, eg.reason = nil, "the device shows no WAN interface or default gateway"
		}
		egresses = append(egresses, eg)
	} else {
		egresses = e.natEgresses(f.AWS, dst)
	}
	var pieces []natDecided
	for _, c := range classes {
		for _, eg := range egresses {
			pieces = append(pieces, e.nat.decide(c, f.Port, natPart{srcSet, eg.set}, eg)...)
		}
	}
	res.Pieces = natPieces(pieces, classes, f.Internet)
	res.Verdict = natVerdict(res.Pieces)
	return res, nil
}

// natEgresses splits the destinations by the interface the device's routing sends them out of.
func (e *Evaluator) natEgresses(aws *AWSContext, dst addrSet) []natEgress {
	var out []natEgress
	for _, r := range e.locate(e.routingFor(aws), dst, dst) {
		eg := natEgress{set: r.set, iface: r.iface, reason: r.reason}
		if r.iface != nil && r.iface.ids["enc0"] && !r.iface.groups["ipsec"] {
			eg.iface, eg.reason = e.wan, "policy-based IPsec ("+r.reason+"), matched after the outbound NAT of the WAN"
		}
		switch {
		case r.iface == selfIface:
			eg.self = true
		case r.unknown || eg.iface == nil:
			eg.unknown = true
		}
		out = append(out, eg)
	}
	return out
}

// natClass is one protocol the flow may carry: a protocol some rule names, or "other" (any
// protocol no rule names) when the flow is asked about every protocol.
type natClass struct {
	name  string
	proto int
	other bool
}

func (m *natModel) protocolClasses(protocol string) ([]natClass, error) {
	p := strings.ToLower(strings.TrimSpace(protocol))
	if p != "" && p != "any" && p != "all" && p != "ip" {
		n, ok := parseProtocol(p)
		if !ok {
			return nil, fmt.Errorf("flow: protocol %q is not tcp, udp, icmp, esp or an IP protocol number", protocol)
		}
		return []natClass{{name: p, proto: n}}, nil
	}
	var out []natClass
	for n := range 256 {
		for _, r := range m.rules {
			if !r.protoAny && r.protos.has(n) {
				out = append(out, natClass{name: ipproto.EvidenceName(n), proto: n})
				break
			}
		}
	}
	return append(out, natClass{name: "other", other: true}), nil
}

// natDecided is a decided rectangle of one protocol class on one egress.
type natDecided struct {
	part    natPart
	class   string
	verdict string
	rule    *natRule
	egress  *natEgress
	reason  string
}

// decide walks the rules in order over the part: each rule that sees the traffic decides the
// rectangle it matches, the rest goes on to the next rule.
func (m *natModel) decide(c natClass, port int, p natPart, eg natEgress) []natDecided {
	if eg.self {
		return []natDecided{{part: p, class: c.name, verdict: NATNotTranslated, egress: &eg, reason: "addressed to the device itself: source NAT applies only to traffic it forwards out"}}
	}
	var out []natDecided
	pending := []natPart{p}
	for _, r := range m.rules {
		if len(pending) == 0 {
			break
		}
		sees := r.sees(c, port, &eg)
		if sees == noMatch {
			continue
		}
		verdict := r.verdict
		if sees == mayMatch {
			verdict = NATUnknown
		}
		srcSet, dstSet := r.src.natSet(), r.dst.natSet()
		var rest []natPart
		for _, q := range pending {
			in := natPart{q.src.intersect(srcSet), q.dst.intersect(dstSet)}
			if in.src.empty() || in.dst.empty() {
				rest = append(rest, q)
				continue
			}
			out = append(out, natDecided{part: in, class: c.name, verdict: verdict, rule: r, egress: &eg})
			if s := q.src.minus(srcSet); !s.empty() {
				rest = append(rest, natPart{s, q.dst})
			}
			if d := q.dst.minus(dstSet); !d.empty() {
				rest = append(rest, natPart{in.src, d})
			}
		}
		pending = rest
	}
	for _, q := range pending {
		out = append(out, natDecided{part: q, class: c.name, verdict: NATNotTranslated, egress: &eg, reason: fmt.Sprintf("no NAT rule translates it (outbound mode %s)", m.mode)})
	}
	return out
}

// sees: the rule applies to packets of this protocol class and port leaving by this egress
// (fullMatch), not (noMatch), or cannot be told because the rule is bound to an interface and
// the device's routing does not say where the part leaves (mayMatch).
func (r *natRule) sees(c natClass, port int, eg *natEgress) matchKind {
	switch {
	case c.other && !r.protoAny, !c.other && !r.protoAny && !r.protos.has(c.proto):
		return noMatch
	case r.src.v6only || r.dst.v6only:
		return noMatch
	case !natPortMatch(r, port):
		return noMatch
	case r.iface == "":
		return fullMatch
	case eg.unknown:
		return mayMatch
	case ifaceNameMatches(r.iface, eg.iface.ids):
		return fullMatch
	}
	return noMatch
}

// natPortMatch: a rule with ports matches a flow on one port when the port is among them. A flow
// asked about every port meets such a rule only in part: a translation then counts (some of the
// traffic is translated), an exemption does not (it leaves the other ports to the rules below).
func natPortMatch(r *natRule, port int) bool {
	if len(r.srcPorts) > 0 {
		// The flow names no source port: its packets use ephemeral ones.
		if r.verdict == NATNotTranslated && !coversEphemeral(r.srcPorts) {
			return false
		}
	}
	if len(r.dstPorts) == 0 {
		return true
	}
	if port != 0 {
		return inPorts(r.dstPorts, port)
	}
	return r.verdict != NATNotTranslated
}

// natSet is the IPv4 addresses an endpoint of a NAT rule matches; host names (FQDN aliases)
// add nothing the model can place.
func (ep endpoint) natSet() addrSet {
	if ep.any {
		if ep.not {
			return nil
		}
		return addrSet{{0, ipv4Max}}
	}
	if ep.not {
		return ep.addrs.complement(ipv4Max)
	}
	return ep.addrs
}

// natPieces turns the decided rectangles into the answer's parts: equal decisions across the
// protocol classes merge (a part decided alike for every class concerns "any" protocol).
func natPieces(ds []natDecided, classes []natClass, internet bool) []NATPiece {
	type key struct{ src, dst, verdict, egress, reason string }
	type group struct {
		d       natDecided
		classes []string
	}
	var order []key
	groups := map[key]*group{}
	for _, d := range ds {
		k := key{d.part.src.key(), d.part.dst.key(), d.verdict, labelOf(d.egress.iface), d.reason}
		if d.rule != nil {
			k.reason = d.rule.ref.Text
		}
		g, ok := groups[k]
		if !ok {
			g = &group{d: d}
			groups[k] = g
			order = append(order, k)
		}
		if len(g.classes) == 0 || g.classes[len(g.classes)-1] != d.class {
			g.classes = append(g.classes, d.class)
		}
	}
	public := nonPublic.complement(ipv4Max)
	out := make([]NATPiece, 0, len(order))
	for _, k := range order {
		g := groups[k]
		p := NATPiece{Sources: g.d.part.src.cidrs(), Destinations: g.d.part.dst.cidrs(), Verdict: g.d.verdict, Protocol: "any"}
		if internet && g.d.part.dst.equal(public) {
			p.Destinations = []string{"internet"}
		}
		if len(g.classes) < len(classes) {
			p.Protocol = strings.Join(g.classes, ",")
		}
		if eg := g.d.egress; eg.iface != nil && !eg.self {
			p.Egress = eg.iface.label
		}
		p.Reason = g.d.reason
		if r := g.d.rule; r != nil {
			ref := r.ref
			p.Rule = &ref
			p.Reason = natRuleReason(r, g.d.egress)
		}
		out = append(out, p)
	}
	return out
}

func natRuleReason(r *natRule, eg *natEgress) string {
	var s string
	switch r.verdict {
	case NATTranslated:
		to := r.ref.Translation
		if to == "" {
			to = "the interface address"
		}
		s = "translated to " + to + " by " + r.ref.Text
	case NATNotTranslated:
		s = "exempted by " + r.ref.Text
	default:
		s = "matched by " + r.ref.Text + ", whose action is not modelled"
	}
	if l := r.ref.Location; l != nil {
		switch {
		case l.Line > 0:
			s += fmt.Sprintf(" at %s:%d", l.File, l.Line)
		case l.Path != "":
			s += " at " + strings.TrimPrefix(l.File+"#"+l.Path, "#")
		}
	}
	if r.iface != "" {
		if eg.unknown {
			s += fmt.Sprintf("; it is bound to %s and the device's routing does not say whether the traffic leaves by it (%s)", r.ref.Interface, eg.reason)
		} else {
			s += fmt.Sprintf("; the traffic leaves by %s (%s)", eg.iface.label, eg.reason)
		}
	}
	return s
}

func natVerdict(ps []NATPiece) string {
	seen := map[string]bool{}
	for _, p := range ps {
		seen[p.Verdict] = true
	}
	switch {
	case seen[NATTranslated] && seen[NATNotTranslated]:
		return NATPartly
	case seen[NATUnknown]:
		return NATUnknown
	case seen[NATTranslated]:
		return NATTranslated
	}
	return NATNotTranslated
}
