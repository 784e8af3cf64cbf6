package flow

import (
	"fmt"
	"strings"
	"sync"
	"sync/atomic"

	"github.com/hybridcheck/hybridcheck/internal/snapshot"
)

// Evaluator is a device's rule set compiled once (addresses parsed into sets, jumps resolved,
// the routing view built) and then asked about any number of flows, concurrently.
type Evaluator struct {
	name          string
	model         string
	defaultAction string
	chains        []*chain
	self          addrSet
	routes        []route
	wan           *iface
	// wanGuessed: no interface has the WAN role and no gateway is the default, so the WAN
	// is a placeholder that AWS prefixes must not be assumed to leave by.
	wanGuessed bool
	// wans are the interfaces with the WAN role (lookups call a route out of one an internet
	// route); unplaced are static routes whose interface cannot be found.
	wans     []*iface
	unplaced []route
	bgp      *snapshot.BGP
	// tunnelDown holds the remote (AWS inside) addresses of VTI phase 2 entries that are
	// disabled or whose phase 1 is.
	tunnelDown map[string]bool
	dnat       []dnatRule
	// nat is the device's source NAT in its evaluation order (nat.go).
	nat     *natModel
	rtMu    sync.Mutex
	rtCache map[string]*routing
	// pfLists caches the per-interface rule lists of the pf model.
	pfMu    sync.Mutex
	pfLists map[pfListKey][3][]*rule
	pfIdx   *pfIndex // under pfMu (cache.go)
	// statics keeps rule lists' candidates per context and static flow (cache.go).
	statics staticCache
	answers answers // results by flow (cache.go)
	// pairwise walks every pair of interfaces on its own (pairs.go): the tests compare.
	pairwise bool
	// pairsShared counts the pairs whose decisions were another pair's (pairs.go).
	pairsShared atomic.Int64
	// parsed memoizes address lists while compiling: an alias is resolved into the same
	// CIDR list in every rule that names it.
	parsed map[string]addrSet
}

type chain struct {
	name, table, family, hook string
	priority                  int
	policy                    string
	rules                     []*rule
}

type rule struct {
	src, dst   endpoint
	protoAny   bool
	protos     protoSet
	protoError string
	dstPorts   []snapshot.PortRange
	srcPorts   []snapshot.PortRange
	icmpTypes  []int
	states     []string
	ifaces     []string
	// ifaceSet holds ifaces for lookups: pf builds a rule list per interface, and a floating
	// rule may name dozens of interfaces.
	ifaceSet    map[string]bool
	outIfaces   []string
	action      string
	direction   string
	ipVersion   string
	disabled    bool
	quick       bool
	floating    bool
	unsupported []string
	jumpTarget  string
	target      *chain
	ref         Ref
	// seq is the rule's position in the whole ruleset, for pf's per-rule caches (cache.go).
	seq int
}

// protoSet is a bitmap of IP protocol numbers.
type protoSet [4]uint64

func (p *protoSet) add(n int)      { p[n>>6] |= 1 << (n & 63) }
func (p *protoSet) has(n int) bool { return p[n>>6]&(1<<(n&63)) != 0 }

// endpoint is a rule's source or destination; addrs already holds the resolved CIDRs and,
// with Self, the device's own addresses.
type endpoint struct {
	any, not bool
	addrs    addrSet
	fqdns    []string
	alias    string
	// v6only: the endpoint lists only IPv6 addresses, so the rule concerns IPv6 packets
	// (even negated: "ip6 saddr != ::1" says nothing about IPv4).
	v6only bool
}

// iface is where traffic enters or leaves: a device interface, the IPsec pseudo interface
// (enc0), or a VTI. ids are the names rules use for it; groups are interface groups whose
// rules pf evaluates before the interface's own (the IPsec tab for VTIs).
type iface struct {
	label  string
	ids    map[string]bool
	groups map[string]bool
}

// route maps a destination prefix to the interface behind it; the same table read backwards
// says on which interface a source enters.
type route struct {
	set    addrSet
	bits   int
	kind   int
	iface  *iface
	reason string
}

var selfIface = &iface{label: "self", ids: map[string]bool{}}

// NewEvaluator compiles a device. Errors name the device, the chain and the rule.
func NewEvaluator(dev *snapshot.Device) (*Evaluator, error) {
	e := &Evaluator{
		name:          dev.Name,
		model:         strings.ToLower(dev.Firewall.Model),
		defaultAction: actionOf(dev.Firewall.DefaultAction),
		pfLists:       map[pfListKey][3][]*rule{},
		rtCache:       map[string]*routing{},
		tunnelDown:    map[string]bool{},
		bgp:           dev.BGP,
		parsed:        map[string]addrSet{},
	}
	switch e.model {
	case "pf", "generic":
		if e.defaultAction == "" {
			e.defaultAction = "block"
		}
	case "nftables", "iptables", "cisco":
		if e.defaultAction == "" {
			e.defaultAction = "pass"
		}
	default:
		return nil, fmt.Errorf("device %q: firewall model %q is not pf, nftables, iptables, generic or cisco", dev.Name, dev.Firewall.Model)
	}
	if err := e.buildInterfaces(dev); err != nil {
		return nil, err
	}
	defer func() { e.parsed = nil }()
	addressAliases := map[string]bool{}
	for _, a := range dev.Aliases {
		switch a.Type {
		case "host", "network", "url", "urltable", "geoip", "set":
			addressAliases[strings.ToLower(a.Name)] = true
		}
	}
	if err := e.compileDNAT(dev, addressAliases); err != nil {
		return nil, err
	}
	if err := e.compileNAT(dev, addressAliases); err != nil {
		return nil, err
	}
	byName := map[string][]*chain{}
	for ci := range dev.Firewall.Chains {
		c := &dev.Firewall.Chains[ci]
		ch := &chain{
			name: c.Name, table: c.Table, family: strings.ToLower(c.Family), hook: strings.ToLower(c.Hook),
			priority: c.Priority, policy: actionOf(c.Policy),
		}
		for ri := range c.Rules {
			r, err := e.compileRule(ch, &c.Rules[ri], addressAliases)
			if err != nil {
				return nil, fmt.Errorf("device %q: chain %q rule %d: %v", dev.Name, c.Name, c.Rules[ri].Index, err)
			}
			ch.rules = append(ch.rules, r)
		}
		e.chains = append(e.chains, ch)
		byName[ch.name] = append(byName[ch.name], ch)
	}
	for _, ch := range e.chains {
		for _, r := range ch.rules {
			if r.action != "jump" && r.action != "goto" {
				continue
			}
			r.target = resolveChain(byName[r.jumpTarget], ch)
		}
	}
	return e, nil
}

// resolveChain prefers the chain of the same table and family, as nft and iptables do.
func resolveChain(cands []*chain, from *chain) *chain {
	for _, c := range cands {
		if c.table == from.table && c.family == from.family {
			return c
		}
	}
	if len(cands) == 1 {
		return cands[0]
	}
	return nil
}

// actionOf maps the vocabularies of the formats onto pass/block.
func actionOf(a string) string {
	switch strings.ToLower(strings.TrimSpace(a)) {
	case "pass", "accept", "allow", "permit":
		return "pass"
	case "block", "drop", "deny", "reject":
		return "block"
	}
	return ""
}

func (e *Evaluator) compileRule(ch *chain, fr *snapshot.FirewallRule, aliases map[string]bool) (*rule, error) {
	r := &rule{
		action:      strings.ToLower(fr.Action),
		direction:   strings.ToLower(fr.Direction),
		ipVersion:   strings.ToLower(fr.IPVersion),
		disabled:    fr.Disabled,
		quick:       fr.Quick,
		floating:    fr.Floating,
		unsupported: fr.Unsupported,
		jumpTarget:  fr.JumpTarget,
		dstPorts:    fr.Destination.Ports,
		srcPorts:    fr.Source.Ports,
		icmpTypes:   fr.ICMPTypes,
		ifaces:      lowerAll(fr.Interfaces),
		outIfaces:   lowerAll(fr.OutInterfaces),
		ref: Ref{
			Table: ch.table, Chain: ch.name, Index: fr.Index, Action: fr.Action, Description: fr.Description,
			Tracker: fr.Tracker, Location: fr.Location,
		},
	}
	for _, s := range fr.States {
		r.states = append(r.states, strings.ToLower(s))
	}
	var known bool
	if r.protoAny, r.protos, known = parseProtocols(fr.Protocol); !known {
		r.protoError = fmt.Sprintf("protocol %q", fr.Protocol)
	}
	var err error
	if r.src, r.dst, err = e.compileEnds(fr.Source, fr.Destination, aliases); err != nil {
		return nil, err
	}
	if len(r.ifaces) > 0 {
		r.ifaceSet = make(map[string]bool, len(r.ifaces))
		for _, n := range r.ifaces {
			r.ifaceSet[n] = true
		}
	}
	return r, nil
}

// parseProtocols reads a rule's protocol field: any protocol for "", any, all or ip, else the
// protocols it joins with "/". known is false when one of them does not read: what the rule
// matches is then unknown, and the set is not to be read.
func parseProtocols(field string) (anyProto bool, protos protoSet, known bool) {
	switch p := strings.ToLower(strings.TrimSpace(field)); p {
	case "", "any", "all", "ip":
		return true, protos, true
	default:
		for part := range strings.SplitSeq(p, "/") {
			n, ok := parseProtocol(part)
			if !ok {
				return false, protos, false
			}
			protos.add(n)
		}
	}
	return false, protos, true
}

// compileEnds compiles a rule's source and destination; the error says which one fails.
func (e *Evaluator) compileEnds(src, dst snapshot.Endpoint, aliases map[string]bool) (endpoint, endpoint, error) {
	s, err := e.compileEndpoint(src, aliases)
	if err != nil {
		return s, endpoint{}, fmt.Errorf("source: %v", err)
	}
	d, err := e.compileEndpoint(dst, aliases)
	if err != nil {
		return s, d, fmt.Errorf("destination: %v", err)
	}
	return s, d, nil
}

func (e *Evaluator) compileEndpoint(ep snapshot.Endpoint, aliases map[string]bool) (endpoint, error) {
	out := endpoint{any: ep.Any, not: ep.Not, alias: ep.Alias}
	if ep.Any {
		return out, nil
	}
	key := strings.Join(ep.CIDRs, ",")
	if ep.Self {
		key += ",self"
	}
	v6 := 0
	for _, c := range ep.CIDRs {
		if strings.Contains(c, ":") && !strings.Contains(c, ".") {
			v6++
		}
	}
	out.v6only = v6 > 0 && v6 == len(ep.CIDRs) && !ep.Self && len(ep.FQDNs) == 0
	if set, ok := e.parsed[key]; ok {
		out.addrs = set
	} else {
		var spans []span
		for _, c := range ep.CIDRs {
			s, ok, err := parseIPv4Prefix(c)
			if err != nil {
				return out, err
			}
			if ok {
				spans = append(spans, s)
			}
		}
		out.addrs = normalize(spans)
		if ep.Self {
			out.addrs = out.addrs.union(e.self)
		}
		e.parsed[key] = out.addrs
	}
	for _, n := range ep.FQDNs {
		out.fqdns = append(out.fqdns, canonicalName(n))
	}
	return out, nil
}

func lowerAll(in []string) []string {
	if len(in) == 0 {
		return nil
	}
	out := make([]string, len(in))
	for i, s := range in {
		out[i] = strings.ToLower(strings.TrimSpace(s))
	}
	return out
}

// buildInterfaces derives the device's own addresses and its routing view: connected
// networks, IPsec phase 2 remote networks (tunnel mode) and static routes, each leading to the
// interface a packet of that prefix enters or leaves by.
func (e *Evaluator) buildInterfaces(dev *snapshot.Device) error {
	var selfSpans []span
	byID := map[string]*iface{}
	var ipsecIface *iface
	for i := range dev.Interfaces {
		in := &dev.Interfaces[i]
		for _, a := range in.Addresses {
			host, _, _ := strings.Cut(a, "/")
			s, ok, err := parseIPv4Prefix(host)
			if err != nil {
				return fmt.Errorf("device %q: interface %q: address %v", dev.Name, in.Name, err)
			}
			if ok {
				selfSpans = append(selfSpans, s)
			}
		}
		if !in.Enabled {
			continue
		}
		ifc := &iface{label: in.Name, ids: map[string]bool{}}
		for _, id := range []string{in.Name, in.Device} {
			if id = strings.ToLower(strings.TrimSpace(id)); id != "" {
				ifc.ids[id] = true
				byID[id] = ifc
			}
		}
		switch in.Role {
		case "ipsec":
			if ipsecIface == nil {
				ipsecIface = ifc
			}
			continue
		case "vti":
			ifc.groups = map[string]bool{"ipsec": true, "enc0": true}
		case "wan":
			if e.wan == nil {
				e.wan = ifc
			}
			e.wans = append(e.wans, ifc)
		}
		for _, n := range in.Networks {
			if err := e.addRoute(n, routeConnected, ifc, "a connected network of "+in.Name); err != nil {
				return fmt.Errorf("device %q: interface %q: network %v", dev.Name, in.Name, err)
			}
		}
	}
	for _, a := range dev.WANAddresses {
		s, ok, err := parseIPv4Prefix(a)
		if err != nil {
			return fmt.Errorf("device %q: wan address %v", dev.Name, err)
		}
		if ok {
			selfSpans = append(selfSpans, s)
		}
	}
	e.self = normalize(selfSpans)
	if ipsecIface == nil {
		ipsecIface = &iface{label: "ipsec", ids: map[string]bool{}}
	}
	ipsecIface.ids["ipsec"], ipsecIface.ids["enc0"] = true, true
	for _, g := range dev.Gateways {
		if ifc := byID[strings.ToLower(g.Interface)]; g.Default && ifc != nil {
			e.wan = ifc
			break
		}
	}
	if e.wan == nil && e.model == "pf" {
		e.wan = &iface{label: "wan", ids: map[string]bool{"wan": true}}
		e.wanGuessed = true
	}

	if err := e.addIPsecRoutes(dev, ipsecIface); err != nil {
		return err
	}
	return e.addStaticRoutes(dev, byID)
}

// addIPsecRoutes routes the remote networks of each enabled tunnel-mode phase 2 into the
// IPsec interface, and marks VTI peers whose tunnel is down.
func (e *Evaluator) addIPsecRoutes(dev *snapshot.Device, ipsecIface *iface) error {
	phase1Disabled := map[string]bool{}
	for _, p1 := range dev.IPsec.Phase1 {
		phase1Disabled[p1.ID] = p1.Disabled
	}
	for _, p2 := range dev.IPsec.Phase2 {
		if p2.Mode == "vti" && p2.RemoteAddress != "" {
			down := p2.Disabled || phase1Disabled[p2.Phase1ID]
			if a := hostOf(p2.RemoteAddress); down && !e.tunnelUp(dev, a) {
				e.tunnelDown[a] = true
			}
		}
		if p2.Disabled || phase1Disabled[p2.Phase1ID] || p2.Mode != "tunnel" {
			continue
		}
		name := p2.Description
		if name == "" {
			name = p2.ID
		}
		for _, n := range p2.RemoteNetworks {
			if err := e.addRoute(n, routeIPsec, ipsecIface, "a remote network of IPsec phase 2 "+name); err != nil {
				return fmt.Errorf("device %q: IPsec phase 2 %q: remote network %v", dev.Name, name, err)
			}
		}
	}
	return nil
}

// addStaticRoutes routes each enabled static route to its interface: named, through its
// gateway's interface, or the connected network that holds its gateway address. A route whose
// interface cannot be found is left out.
func (e *Evaluator) addStaticRoutes(dev *snapshot.Device, byID map[string]*iface) error {
	gatewayIface := map[string]string{}
	for _, g := range dev.Gateways {
		gatewayIface[strings.ToLower(g.Name)] = strings.ToLower(g.Interface)
	}
	for _, sr := range dev.StaticRoutes {
		if sr.Disabled {
			continue
		}
		ifc := byID[strings.ToLower(sr.Interface)]
		if ifc == nil {
			ifc = byID[gatewayIface[strings.ToLower(sr.Gateway)]]
		}
		if ifc == nil && sr.GatewayAddress != "" {
			if gw, ok, _ := parseIPv4Prefix(sr.GatewayAddress); ok {
				ifc = e.connectedIface(gw)
			}
		}
		if ifc == nil {
			// Left out of the forwarding view, but kept for route lookups, which say so.
			if s, ok, err := parseIPv4Prefix(sr.Destination); err == nil && ok {
				via := strings.TrimSpace(sr.Interface + " " + sr.Gateway + " " + sr.GatewayAddress)
				e.unplaced = append(e.unplaced, route{set: addrSet{s}, bits: prefixBits(s), kind: routeStatic,
					reason: fmt.Sprintf("a static route via %q, whose interface the device's export does not show", via)})
			}
			continue
		}
		if err := e.addRoute(sr.Destination, routeStatic, ifc, "behind a static route via "+ifc.label); err != nil {
			return fmt.Errorf("device %q: static route %v", dev.Name, err)
		}
	}
	return nil
}

// tunnelUp: some enabled VTI phase 2 under an enabled phase 1 has this remote address.
func (e *Evaluator) tunnelUp(dev *snapshot.Device, addr string) bool {
	p1Off := map[string]bool{}
	for _, p1 := range dev.IPsec.Phase1 {
		p1Off[p1.ID] = p1.Disabled
	}
	for _, p2 := range dev.IPsec.Phase2 {
		if p2.Mode == "vti" && hostOf(p2.RemoteAddress) == addr && !p2.Disabled && !p1Off[p2.Phase1ID] {
			return true
		}
	}
	return false
}

func (e *Evaluator) addRoute(cidr string, kind int, ifc *iface, reason string) error {
	s, ok, err := parseIPv4Prefix(cidr)
	if err != nil || !ok {
		return err
	}
	e.routes = append(e.routes, route{set: addrSet{s}, bits: prefixBits(s), kind: kind, iface: ifc, reason: reason})
	return nil
}

// sameNetwork splits a piece whose sources and destinations lie behind the same interface
// into the parts inside one connected network (hosts that talk directly, never through the
// device) and the rest.
func (e *Evaluator) sameNetwork(p piece, ifc *iface) (local, crossing []piece) {
	crossing = []piece{p}
	for _, r := range e.routes {
		if r.kind != routeConnected || r.iface != ifc {
			continue
		}
		l := piece{p.src.intersect(r.set), p.dst.intersect(r.set)}
		if l.src.empty() || l.dst.empty() {
			continue
		}
		local = append(local, l)
		var rest []piece
		for _, c := range crossing {
			rest = append(rest, c.minus(l)...)
		}
		crossing = rest
	}
	return local, crossing
}

func (e *Evaluator) connectedIface(addr span) *iface {
	for _, r := range e.routes {
		if r.kind == routeConnected && r.set.contains(addrSet{addr}) {
			return r.iface
		}
	}
	return nil
}

// region is a part of an address set and the interface it lies behind (nil when the device
// does not say); unknown marks an AWS prefix whose path the device's routing does not settle.
type region struct {
	set     addrSet
	iface   *iface
	reason  string
	unknown bool
	// ecmp: an equal-cost alternative of another region over the same addresses.
	ecmp bool
}

func refText(r Ref) string {
	if r.Default != "" {
		s := fmt.Sprintf("default %s of %s", r.Default, qualified(r))
		if r.Interface != "" {
			s += " on " + r.Interface
		}
		return s
	}
	s := fmt.Sprintf("%s rule %d", qualified(r), r.Index)
	if r.Description != "" {
		s += " (" + r.Description + ")"
	}
	return s
}

func qualified(r Ref) string {
	if r.Table == "" {
		return r.Chain
	}
	return r.Table + "/" + r.Chain
}

// dnatRule is a destination-translating NAT rule, kept to say when a flow may be rewritten.
type dnatRule struct {
	index    int
	kind     string
	where    string
	protoAny bool
	protos   protoSet
	ports    []snapshot.PortRange
	src, dst endpoint
}

func (e *Evaluator) compileDNAT(dev *snapshot.Device, aliases map[string]bool) error {
	for _, n := range dev.NAT.Rules {
		if n.Disabled || n.NoNAT || (n.Kind != "dnat" && n.Kind != "port-forward") {
			continue
		}
		d := dnatRule{index: n.Index, kind: n.Kind, ports: n.Destination.Ports}
		if n.Location != nil {
			d.where = n.Location.Path
		}
		// A protocol the model cannot read may be any: the flow may be rewritten.
		var known bool
		if d.protoAny, d.protos, known = parseProtocols(n.Protocol); !known {
			d.protoAny = true
		}
		var err error
		if d.src, d.dst, err = e.compileEnds(n.Source, n.Destination, aliases); err != nil {
			return fmt.Errorf("device %q: NAT rule %d: %v", dev.Name, n.Index, err)
		}
		e.dnat = append(e.dnat, d)
	}
	return nil
}
