package pfsense

import (
	"cmp"
	"fmt"
	"net/netip"
	"slices"
	"strconv"
	"strings"

	"github.com/hybridcheck/hybridcheck/internal/ipproto"
	"github.com/hybridcheck/hybridcheck/internal/snapshot"
)

// Evaluation groups of pf rules as pfSense and OPNsense generate them: floating rules first,
// then interface-group rules, then the rules of each interface. Within a group OPNsense puts
// its MVC ("automation") rules before the legacy ones, ordered by their sequence.
const (
	groupFloating  = 2
	groupIfgroup   = 3
	groupInterface = 4
)

type orderedRule struct {
	group, source, seq int
	rule               snapshot.FirewallRule
}

// ruleContext names a rule in warnings: "filter/rule[12] (tracker 1590)".
type ruleContext struct {
	path, tracker string
	ipv           string // the rule's ip_version, for interface networks (IPv4 only in the model)
	unsupported   *[]string
	im            *importer
}

func (c ruleContext) String() string {
	if c.tracker != "" {
		return fmt.Sprintf("%s (tracker %s)", c.path, c.tracker)
	}
	return c.path
}

// unsupportedf records a match the importer cannot model, on the rule and as a warning.
func (c ruleContext) unsupportedf(format string, args ...any) {
	msg := fmt.Sprintf(format, args...)
	if c.unsupported != nil {
		*c.unsupported = append(*c.unsupported, msg)
	}
	c.im.warnf("%s: %s", c, msg)
}

func (im *importer) importFilter() []snapshot.FirewallRule {
	var rules []orderedRule
	for i, e := range im.root.path("filter").all("rule") {
		rules = append(rules, im.legacyRule(e, i))
	}
	mvc := im.root.path("OPNsense", "Firewall", "Filter", "rules").all("rule")
	for i, e := range mvc {
		if !e.empty() {
			rules = append(rules, im.mvcRule(e, i))
		}
	}
	slices.SortStableFunc(rules, func(a, b orderedRule) int {
		return cmp.Or(cmp.Compare(a.group, b.group), cmp.Compare(a.source, b.source), cmp.Compare(a.seq, b.seq))
	})
	out := make([]snapshot.FirewallRule, len(rules))
	for i, r := range rules {
		out[i] = r.rule
		out[i].Index = i
	}
	return out
}

// legacyRule maps a <filter><rule>.
func (im *importer) legacyRule(e *element, i int) orderedRule {
	r := snapshot.FirewallRule{
		Action:      ruleAction(e.get("type")),
		Disabled:    legacyLayout.disabled(e),
		Floating:    e.flag("floating"),
		Description: legacyLayout.description(e),
		Tracker:     e.get("tracker"),
		Location:    im.location(e, itemPath("filter/rule", i)),
	}
	if r.Tracker == "" {
		r.Tracker = e.uuid
	}
	ctx := ruleContext{path: r.Location.Path, tracker: r.Tracker, unsupported: &r.Unsupported, im: im}
	if r.Action == "other" {
		ctx.unsupportedf("action %q not modelled", e.get("type"))
	}
	r.Interfaces = splitList(e.get("interface"))
	switch {
	case r.Floating:
		r.Direction = direction(e.get("direction"), "any")
		// pf evaluates a floating rule as quick only when asked to; OPNsense records the
		// same choice as 1/0.
		r.Quick = e.flag("quick")
	case im.flavor == opnSense:
		r.Direction = direction(e.get("direction"), "in")
		r.Quick = !e.has("quick") || e.flag("quick")
	default:
		// pfSense interface rules filter inbound traffic and are always generated quick.
		r.Direction = "in"
		r.Quick = true
	}
	r.IPVersion = ipVersion(e.get("ipprotocol"))
	ctx.ipv = r.IPVersion
	r.Protocol = im.protocol(e.get("protocol"), r.IPVersion, ctx)
	r.Source, r.Destination = im.endpoints(e, legacyLayout, false, ctx)
	r.ICMPTypes = icmpTypes(e.get("icmptype"), r.Protocol, ctx)
	im.unmodelledMatches(e, ctx)
	if e.flag("interfacenot") {
		ctx.unsupportedf("inverted interface match not modelled")
	}
	return orderedRule{group: im.ruleGroup(r), source: 1, seq: i, rule: im.expandGroups(r)}
}

// mvcRule maps an OPNsense <OPNsense><Firewall><Filter><rules><rule> (Firewall automation).
func (im *importer) mvcRule(e *element, i int) orderedRule {
	r := snapshot.FirewallRule{
		Action:      ruleAction(e.get("action")),
		Disabled:    mvcLayout.disabled(e),
		Description: mvcLayout.description(e),
		Tracker:     e.uuid,
		Location:    im.location(e, itemPath("OPNsense/Firewall/Filter/rules/rule", i)),
	}
	ctx := ruleContext{path: r.Location.Path, tracker: r.Tracker, unsupported: &r.Unsupported, im: im}
	if r.Action == "other" {
		ctx.unsupportedf("action %q not modelled", e.get("action"))
	}
	r.Interfaces = splitList(e.get("interface"))
	// OPNsense treats a rule on anything but exactly one interface as floating.
	r.Floating = len(r.Interfaces) != 1
	r.Direction = direction(e.get("direction"), "in")
	r.Quick = !e.has("quick") || e.flag("quick")
	r.IPVersion = ipVersion(e.get("ipprotocol"))
	ctx.ipv = r.IPVersion
	r.Protocol = im.protocol(e.get("protocol"), r.IPVersion, ctx)
	r.Source, r.Destination = im.endpoints(e, mvcLayout, true, ctx)
	types := e.get("icmptype")
	if r.IPVersion == "inet6" {
		types = e.get("icmp6type")
	}
	r.ICMPTypes = icmpTypes(types, r.Protocol, ctx)
	im.unmodelledMatches(e, ctx)
	if e.flag("interfacenot") {
		ctx.unsupportedf("inverted interface match not modelled")
	}
	seq, _ := strconv.Atoi(e.get("sequence"))
	return orderedRule{group: im.ruleGroup(r), source: 0, seq: seq, rule: im.expandGroups(r)}
}

func (im *importer) ruleGroup(r snapshot.FirewallRule) int {
	switch {
	case r.Floating:
		return groupFloating
	case len(r.Interfaces) == 1 && im.ifgroups[r.Interfaces[0]] != nil:
		return groupIfgroup
	}
	return groupInterface
}

// expandGroups replaces an interface group by its members, so the evaluator sees the
// interfaces the packets enter on.
func (im *importer) expandGroups(r snapshot.FirewallRule) snapshot.FirewallRule {
	var out []string
	for _, name := range r.Interfaces {
		if members, ok := im.ifgroups[name]; ok {
			out = append(out, members...)
		} else {
			out = append(out, name)
		}
	}
	r.Interfaces = uniq(out)
	return r
}

// unmodelledMatches reports the rule options that restrict what a rule matches but have no
// place in the model. Options that only shape, log, limit or route traffic after the match
// (queues, limiters, state limits, tag setting) do not change pass or block and are ignored.
func (im *importer) unmodelledMatches(e *element, ctx ruleContext) {
	if s := e.get("sched"); s != "" {
		ctx.unsupportedf("schedule %q not modelled", s)
	}
	if g := e.get("gateway"); g != "" {
		ctx.unsupportedf("gateway %q (policy routing) not modelled", g)
	}
	for _, opt := range []struct{ name, what string }{
		{"tagged", "match on packet tag %q"},
		{"os", "OS fingerprint %q"},
		{"tcpflags1", "TCP flags %q"},
		{"dscp", "DSCP %q"},
		{"vlanprio", "VLAN priority %q"},
		{"prio", "priority %q"},
		{"tos", "TOS %q"},
	} {
		if v := e.get(opt.name); v != "" {
			ctx.unsupportedf(opt.what+" not modelled", v)
		}
	}
}

func ruleAction(t string) string {
	switch strings.ToLower(t) {
	case "", "pass":
		return "pass"
	case "block":
		return "block"
	case "reject":
		return "reject"
	}
	return "other"
}

func direction(d, def string) string {
	switch d {
	case "in", "out", "any":
		return d
	}
	return def
}

func ipVersion(p string) string {
	switch p {
	case "inet6":
		return "inet6"
	case "inet46":
		return "any"
	}
	return "inet"
}

// pfSenseProtocols are pfSense's names for the IP-in-IP encapsulations (its protocol list's
// IPV4 and IPV6), which are not protocol keywords elsewhere.
var pfSenseProtocols = map[string]string{"ipv4": "4", "ipv6": "41"}

func (im *importer) protocol(p, ipv string, ctx ruleContext) string {
	p = strings.ToLower(p)
	switch p {
	case "", "any":
		return "any"
	case "tcp/udp":
		return p
	case "icmp":
		if ipv == "inet6" {
			return "icmpv6"
		}
	}
	if n, ok := pfSenseProtocols[p]; ok {
		return n
	}
	if c, ok := ipproto.Canonical(p); ok {
		return c
	}
	ctx.unsupportedf("protocol %q not modelled", p)
	return p
}

// icmpTypeNumbers and icmp6TypeNumbers are pf's ICMP type names (pfctl's icmp_type tables).
var icmpTypeNumbers = map[string]int{
	"echorep": 0, "unreach": 3, "squench": 4, "redir": 5, "althost": 6, "echoreq": 8,
	"routeradv": 9, "routersol": 10, "timex": 11, "paramprob": 12, "timereq": 13,
	"timerep": 14, "inforeq": 15, "inforep": 16, "maskreq": 17, "maskrep": 18, "trace": 30,
	"dataconv": 31, "mobredir": 32, "ipv6-where": 33, "ipv6-here": 34, "mobregreq": 35,
	"mobregrep": 36, "skip": 39, "photuris": 40,
}

var icmp6TypeNumbers = map[string]int{
	"unreach": 1, "toobig": 2, "timex": 3, "paramprob": 4, "echoreq": 128, "echorep": 129,
	"groupqry": 130, "listqry": 130, "grouprep": 131, "listenrep": 131, "groupterm": 132,
	"listendone": 132, "routersol": 133, "routeradv": 134, "neighbrsol": 135,
	"neighbradv": 136, "redir": 137, "routrrenum": 138, "fqdnreq": 139, "niqry": 139,
	"wrureq": 139, "fqdnrep": 140, "nirep": 140, "wrurep": 140, "mtraceresp": 200, "mtrace": 201,
}

func icmpTypes(list, proto string, ctx ruleContext) []int {
	if proto != "icmp" && proto != "icmpv6" {
		return nil
	}
	table := icmpTypeNumbers
	if proto == "icmpv6" {
		table = icmp6TypeNumbers
	}
	var out []int
	for _, name := range splitList(list) {
		if name == "any" {
			return nil
		}
		if n, ok := table[name]; ok {
			out = append(out, n)
		} else if n, err := strconv.Atoi(name); err == nil && n >= 0 && n <= 255 {
			out = append(out, n)
		} else {
			ctx.unsupportedf("ICMP type %q not modelled", name)
		}
	}
	return out
}

// endpoint maps a legacy <source>/<destination>.
func (im *importer) endpoint(e *element, side string, ctx ruleContext) snapshot.Endpoint {
	if e == nil {
		// pfSense generates "from any"/"to any" when the element is absent.
		return snapshot.Endpoint{Any: true}
	}
	ep := snapshot.Endpoint{Not: e.flag("not")}
	switch {
	case e.has("address"):
		im.resolveAddress(&ep, e.get("address"), side, ctx)
	case e.has("network"):
		im.resolveNetwork(&ep, e.get("network"), side, ctx)
	default:
		// <any/> or nothing: pfSense writes "any" for both.
		ep.Any = true
	}
	ep.Ports = im.ports(e.get("port"), side, ctx)
	im.dropIPv6(&ep, side, ctx)
	return ep
}

// dropIPv6 keeps an endpoint's IPv4 networks. pf applies an IPv4 rule to IPv4 addresses
// only, so the IPv6 entries of its aliases are irrelevant; for IPv6 and dual-stack rules the
// IPv6 part is outside the model and is reported.
func (im *importer) dropIPv6(ep *snapshot.Endpoint, side string, ctx ruleContext) {
	v4, v6 := splitFamilies(ep.CIDRs)
	ep.CIDRs = v4
	if len(v6) > 0 && ctx.ipv != "inet" {
		im.warnf("%s: %s IPv6 networks not modelled: %s", ctx, side, strings.Join(v6, ", "))
	}
}

// mvcEndpoint maps OPNsense MVC fields: a comma list of networks, aliases and interface names.
func (im *importer) mvcEndpoint(nets string, not bool, port, side string, ctx ruleContext) snapshot.Endpoint {
	ep := snapshot.Endpoint{Not: not}
	var names []string
	for _, n := range splitList(nets) {
		if n == "any" {
			ep = snapshot.Endpoint{Not: not, Any: true}
			names = nil
			break
		}
		part := snapshot.Endpoint{}
		im.resolveNetwork(&part, n, side, ctx)
		ep.CIDRs = append(ep.CIDRs, part.CIDRs...)
		ep.FQDNs = append(ep.FQDNs, part.FQDNs...)
		ep.Self = ep.Self || part.Self
		if part.Alias != "" {
			names = append(names, part.Alias)
		}
	}
	if len(splitList(nets)) == 0 {
		ep.Any = true
	}
	ep.Alias = strings.Join(names, ",")
	ep.CIDRs, ep.FQDNs = uniq(ep.CIDRs), uniq(ep.FQDNs)
	ep.Ports = im.ports(port, side, ctx)
	im.dropIPv6(&ep, side, ctx)
	return ep
}

// resolveAddress handles <address>: an IP, a CIDR or an alias name.
func (im *importer) resolveAddress(ep *snapshot.Endpoint, addr, side string, ctx ruleContext) {
	if cidrs, ok := parseAddressEntry(addr); ok {
		ep.CIDRs = cidrs
		return
	}
	if im.resolveAlias(ep, addr, side, ctx) {
		return
	}
	ep.Alias = addr
	ctx.unsupportedf("%s address %q is neither an address nor a known alias", side, addr)
}

// resolveAlias fills ep from a host/network alias; it reports whether addr names an alias.
func (im *importer) resolveAlias(ep *snapshot.Endpoint, addr, side string, ctx ruleContext) bool {
	a, d := im.aliases.lookup(addr)
	if a == nil {
		return false
	}
	ep.Alias = addr
	if isPortAlias(d.kind) {
		ctx.unsupportedf("%s address is port alias %q", side, addr)
		return true
	}
	ep.CIDRs = append(ep.CIDRs, a.CIDRs...)
	ep.FQDNs = append(ep.FQDNs, a.FQDNs...)
	if d.dynamic != "" {
		ctx.unsupportedf("%s alias %q: %s", side, addr, d.dynamic)
	}
	return true
}

// resolveNetwork handles <network>: "(self)", an interface ("lan": its networks), an
// interface address ("lanip": the device itself), OPNsense's __lan_network/__lan_address,
// a CIDR or an alias.
func (im *importer) resolveNetwork(ep *snapshot.Endpoint, n, side string, ctx ruleContext) {
	ep.Alias = n
	switch {
	case n == "(self)" || n == "This Firewall":
		ep.Self = true
		return
	case n == "any":
		ep.Any, ep.Alias = true, ""
		return
	}
	name, isAddress := n, false
	switch {
	case strings.HasPrefix(n, "__") && strings.HasSuffix(n, "_network"):
		name = strings.TrimSuffix(strings.TrimPrefix(n, "__"), "_network")
	case strings.HasPrefix(n, "__") && strings.HasSuffix(n, "_address"):
		name, isAddress = strings.TrimSuffix(strings.TrimPrefix(n, "__"), "_address"), true
	case strings.HasSuffix(n, "ip") && im.ifaces[strings.TrimSuffix(n, "ip")] != nil:
		name, isAddress = strings.TrimSuffix(n, "ip"), true
	}
	if ifc, ok := im.ifaces[name]; ok {
		if ctx.ipv == "inet6" {
			// Interfaces carry their IPv4 addresses only.
			ctx.unsupportedf("%s network %q: the interface's IPv6 addresses are not modelled", side, n)
			return
		}
		if isAddress {
			ep.Self = true
			for _, a := range ifc.Addresses {
				p := netip.MustParsePrefix(a)
				ep.CIDRs = append(ep.CIDRs, netip.PrefixFrom(p.Addr(), p.Addr().BitLen()).String())
			}
			return
		}
		ep.CIDRs = append(ep.CIDRs, ifc.Networks...)
		if len(ifc.Networks) == 0 {
			ctx.unsupportedf("%s network %q: interface has no static address", side, n)
		}
		return
	}
	if cidrs, ok := parseAddressEntry(n); ok {
		ep.CIDRs, ep.Alias = append(ep.CIDRs, cidrs...), ""
		return
	}
	if im.resolveAlias(ep, n, side, ctx) {
		return
	}
	ctx.unsupportedf("%s network %q is not an interface, a network or an alias", side, n)
}

// wellKnownPorts are the service names OPNsense accepts in port fields.
var wellKnownPorts = map[string]int{
	"ftp": 21, "ssh": 22, "telnet": 23, "smtp": 25, "domain": 53, "dns": 53, "http": 80,
	"pop3": 110, "ntp": 123, "imap": 143, "snmp": 161, "ldap": 389, "https": 443,
	"isakmp": 500, "submission": 587, "ldaps": 636, "imaps": 993, "pop3s": 995,
	"openvpn": 1194, "ipsec-nat-t": 4500,
}

// ports reads a rule's port field: a port, a range (1000-2000 or 1000:2000), a service name
// or a port alias.
func (im *importer) ports(p, side string, ctx ruleContext) []snapshot.PortRange {
	p = strings.TrimSpace(p)
	if p == "" || p == "any" {
		return nil
	}
	if pr, ok := parsePortRange(p); ok {
		return []snapshot.PortRange{pr}
	}
	if n, ok := wellKnownPorts[strings.ToLower(p)]; ok {
		return []snapshot.PortRange{{From: n, To: n}}
	}
	if from, to, ok := strings.Cut(p, "-"); ok {
		f, okf := wellKnownPorts[strings.ToLower(from)]
		l, okl := wellKnownPorts[strings.ToLower(to)]
		if okf && okl && f <= l {
			return []snapshot.PortRange{{From: f, To: l}}
		}
	}
	if a, d := im.aliases.lookup(p); a != nil {
		if !isPortAlias(d.kind) {
			ctx.unsupportedf("%s port %q is an alias of type %s, not a port alias", side, p, d.kind)
			return nil
		}
		if d.dynamic != "" {
			ctx.unsupportedf("%s port alias %q: %s", side, p, d.dynamic)
		}
		if len(a.Ports) == 0 {
			ctx.unsupportedf("%s port alias %q is empty", side, p)
		}
		return a.Ports
	}
	ctx.unsupportedf("%s port %q is neither a port, a range nor a port alias", side, p)
	return nil
}

func splitList(s string) []string {
	var out []string
	for _, f := range strings.FieldsFunc(s, func(r rune) bool { return r == ',' || r == ' ' || r == '\n' }) {
		if f = strings.TrimSpace(f); f != "" {
			out = append(out, f)
		}
	}
	return out
}
