package nftables

import (
	"bytes"
	"encoding/json"
	"fmt"
	"net/netip"
	"slices"
	"sort"
	"strconv"
	"strings"

	"github.com/hybridcheck/hybridcheck/internal/collector/device"

	"github.com/hybridcheck/hybridcheck/internal/snapshot"
)

// side collects what a rule says about its source or destination.
type side struct {
	matched bool // an address match was seen
	not     bool
	cidrs   []string
	alias   string
	ports   []snapshot.PortRange
	portSet bool
}

// natStmt is a rule's snat, dnat, masquerade or redirect statement.
type natStmt struct {
	kind        string
	translation string
}

// facts is what one rule's expression list says, before it becomes a firewall or NAT rule.
type facts struct {
	src, dst    side
	protos      []string // explicit protocol match (meta l4proto, ip protocol, ip6 nexthdr)
	implied     []string // protocols implied by tcp/udp/icmp header matches
	icmpTypes   []int
	states      []string
	iif, oif    []string
	ipVersion   string
	verdict     string
	target      string
	log         bool
	nat         *natStmt
	unsupported []string
}

// ruleFacts reads the expression list of one rule.
func (rs *ruleset) ruleFacts(c *chain, r ruleObj) *facts {
	f := &facts{}
	switch c.obj.Family {
	case "ip":
		f.ipVersion = "inet"
	case "ip6":
		f.ipVersion = "inet6"
	}
	for _, e := range r.Expr {
		if len(e) != 1 {
			f.unsupported = append(f.unsupported, "expression with "+strconv.Itoa(len(e))+" keys")
			continue
		}
		for kind, body := range e {
			rs.statement(c, f, kind, body)
		}
	}
	return f
}

func (rs *ruleset) statement(c *chain, f *facts, kind string, body any) {
	switch kind {
	case "match":
		rs.match(c, f, body)
	case "accept", "drop", "reject", "return", "continue":
		f.verdict = kind
	case "jump", "goto":
		f.verdict, f.target = kind, verdictTarget(body)
	case "queue":
		f.verdict = "queue"
		f.unsupported = append(f.unsupported, "queue to user space (the verdict is not in the ruleset)")
	case "counter":
	case "log":
		f.log = true
	case "masquerade", "redirect", "snat", "dnat":
		f.nat = natStatement(kind, body)
	case "vmap":
		f.verdict = "vmap"
		f.unsupported = append(f.unsupported, "verdict map "+render(body))
	default:
		f.unsupported = append(f.unsupported, kind+" "+render(body))
	}
}

func natStatement(kind string, body any) *natStmt {
	m, _ := body.(map[string]any)
	n := &natStmt{kind: kind, translation: "interface-address"}
	if kind == "redirect" {
		n.kind = "dnat"
	}
	if addr, ok := m["addr"]; ok {
		switch a := addr.(type) {
		case string:
			n.translation = a
		default:
			n.translation = "map " + render(a)
		}
	}
	if port, ok := m["port"]; ok {
		switch p := port.(type) {
		case json.Number:
			n.translation += ":" + p.String()
		case map[string]any:
			if r, ok := p["range"].([]any); ok && len(r) == 2 {
				n.translation += fmt.Sprintf(":%v-%v", r[0], r[1])
			} else {
				n.translation += " port " + render(p)
			}
		default:
			n.translation += " port " + render(p)
		}
	}
	return n
}

// field names the header field or meta key a match reads, e.g. "tcp dport", "meta iifname".
func field(left any) string {
	m, ok := left.(map[string]any)
	if !ok || len(m) != 1 {
		return ""
	}
	if p, ok := m["payload"].(map[string]any); ok {
		proto, _ := p["protocol"].(string)
		name, _ := p["field"].(string)
		if proto != "" && name != "" {
			return proto + " " + name
		}
	}
	if p, ok := m["meta"].(map[string]any); ok {
		if key, _ := p["key"].(string); key != "" {
			return "meta " + key
		}
	}
	if p, ok := m["ct"].(map[string]any); ok {
		key, _ := p["key"].(string)
		if _, dir := p["dir"]; !dir && key != "" {
			return "ct " + key
		}
	}
	return ""
}

func (rs *ruleset) match(c *chain, f *facts, body any) {
	m, _ := body.(map[string]any)
	op, _ := m["op"].(string)
	if op == "" {
		op = "=="
	}
	name := field(m["left"])
	right := m["right"]
	tk := tableKey(c.obj.Family, c.obj.Table)
	negate := op == "!="
	// fail records the match as not modelled; the description is rendered only then.
	fail := func(why string) {
		desc := describeMatch(m["left"], op, right)
		if why != "" {
			desc += " (" + why + ")"
		}
		f.unsupported = append(f.unsupported, desc)
	}
	if op != "==" && op != "!=" && op != "in" {
		if !strings.HasSuffix(name, "port") || !rangeOp(f, name, op, right) {
			fail("")
		}
		return
	}
	switch name {
	case "ip saddr", "ip daddr", "ip6 saddr", "ip6 daddr":
		if why, ok := rs.addressMatch(f, tk, name, right, negate); !ok {
			fail(why)
		}
	case "tcp dport", "udp dport", "th dport", "sctp dport", "tcp sport", "udp sport", "th sport", "sctp sport":
		if why, ok := rs.portMatch(f, tk, name, right, negate); !ok {
			fail(why)
		}
	case "meta l4proto", "ip protocol", "ip6 nexthdr":
		vals, _, why := rs.values(tk, right, 0)
		if why != "" || negate || f.protos != nil {
			fail(why)
			return
		}
		for _, v := range vals {
			f.protos = append(f.protos, device.NetfilterProtocol(v.String()))
		}
		switch name {
		case "ip protocol":
			f.ipVersion = "inet"
		case "ip6 nexthdr":
			f.ipVersion = "inet6"
		}
	case "icmp type", "icmpv6 type":
		if why, ok := rs.icmpMatch(f, tk, name, right, negate); !ok {
			fail(why)
		}
	case "ct state":
		vals, _, why := rs.values(tk, right, 0)
		if why != "" {
			fail(why)
			return
		}
		states := make([]string, 0, len(vals))
		for _, v := range vals {
			states = append(states, v.String())
		}
		if negate {
			states = device.ComplementStates(states)
		}
		f.states = states
	case "meta iifname", "meta iif", "meta oifname", "meta oif":
		if why, ok := rs.interfaceMatch(f, tk, name, right, negate); !ok {
			fail(why)
		}
	case "meta nfproto":
		vals, _, why := rs.values(tk, right, 0)
		if why != "" || negate || len(vals) != 1 {
			fail(why)
			return
		}
		switch vals[0].String() {
		case "ipv4":
			f.ipVersion = "inet"
		case "ipv6":
			f.ipVersion = "inet6"
		default:
			fail("")
		}
	default:
		fail("")
	}
}

// addressMatch reads an address match (ip saddr, ip daddr); IPv6 addresses are not modelled.
// It returns why the match is not modelled, or ok.
func (rs *ruleset) addressMatch(f *facts, tk, name string, right any, negate bool) (why string, ok bool) {
	s := &f.src
	if strings.HasSuffix(name, "daddr") {
		s = &f.dst
	}
	if strings.HasPrefix(name, "ip6") {
		f.ipVersion = "inet6"
		return "IPv6 addresses are not modelled", false
	}
	f.ipVersion = "inet"
	cidrs, alias, why := convertValues(rs, tk, right, toCIDRs)
	if why != "" {
		return why, false
	}
	if s.matched {
		if s.not != negate || !slices.Equal(s.cidrs, cidrs) {
			return "second match on the same address", false
		}
		return "", true
	}
	s.matched, s.not, s.cidrs, s.alias = true, negate, cidrs, alias
	return "", true
}

// convertValues reads a match's right-hand side (literals, anonymous and named sets) and
// converts the values with conv; why says what stopped either step.
func convertValues[T any](rs *ruleset, tk string, right any, conv func([]value) (T, string)) (out T, alias, why string) {
	vals, alias, why := rs.values(tk, right, 0)
	if why != "" {
		return out, alias, why
	}
	out, why = conv(vals)
	return out, alias, why
}

// portMatch reads a port match; a negated or second one on the same port is not modelled.
// It returns why the match is not modelled, or ok.
func (rs *ruleset) portMatch(f *facts, tk, name string, right any, negate bool) (why string, ok bool) {
	if negate {
		return "negated ports are not modelled", false
	}
	ports, _, why := convertValues(rs, tk, right, toPorts)
	if why != "" {
		return why, false
	}
	if !addPorts(f, name, ports) {
		return "second match on the same port", false
	}
	return "", true
}

// icmpMatch reads an ICMP type match, which also implies the protocol and IP version.
// It returns why the match is not modelled, or ok.
func (rs *ruleset) icmpMatch(f *facts, tk, name string, right any, negate bool) (why string, ok bool) {
	vals, _, why := rs.values(tk, right, 0)
	if why != "" || negate {
		return why, false
	}
	proto := strings.Fields(name)[0]
	types, why := icmpTypes(proto, vals)
	if why != "" {
		return why, false
	}
	f.implied = append(f.implied, proto)
	f.ipVersion = "inet"
	if proto == "icmpv6" {
		f.ipVersion = "inet6"
	}
	f.icmpTypes = append(f.icmpTypes, types...)
	return "", true
}

// interfaceMatch reads an interface match; a negated one is not modelled.
// It returns why the match is not modelled, or ok.
func (rs *ruleset) interfaceMatch(f *facts, tk, name string, right any, negate bool) (why string, ok bool) {
	vals, _, why := rs.values(tk, right, 0)
	if why != "" || negate {
		if negate {
			why = "negated interfaces are not modelled"
		}
		return why, false
	}
	names := make([]string, 0, len(vals))
	for _, v := range vals {
		names = append(names, v.String())
	}
	if strings.HasPrefix(name, "meta i") {
		f.iif = append(f.iif, names...)
	} else {
		f.oif = append(f.oif, names...)
	}
	return "", true
}

// addPorts records a port match; tcp/udp/sctp header matches also imply the protocol.
func addPorts(f *facts, name string, ports []snapshot.PortRange) bool {
	proto, dir, _ := strings.Cut(name, " ")
	if proto != "th" {
		f.implied = append(f.implied, proto)
	}
	s := &f.dst
	if dir == "sport" {
		s = &f.src
	}
	if s.portSet {
		return slices.Equal(s.ports, ports)
	}
	s.ports, s.portSet = ports, true
	return true
}

// rangeOp turns "tcp dport < 1024" and friends into a port range.
func rangeOp(f *facts, name, op string, right any) bool {
	n, ok := right.(json.Number)
	if !ok {
		return false
	}
	v, err := strconv.Atoi(n.String())
	if err != nil || v < 0 || v > 65535 {
		return false
	}
	var r snapshot.PortRange
	switch op {
	case "<":
		r = snapshot.PortRange{From: 0, To: v - 1}
	case "<=":
		r = snapshot.PortRange{From: 0, To: v}
	case ">":
		r = snapshot.PortRange{From: v + 1, To: 65535}
	case ">=":
		r = snapshot.PortRange{From: v, To: 65535}
	default:
		return false
	}
	if r.To < r.From || r.From > 65535 {
		return false
	}
	return addPorts(f, name, []snapshot.PortRange{r})
}

// value is one element of a match's right-hand side: a word or number, a prefix or a range.
type value struct {
	word   string
	prefix *netip.Prefix
	lo, hi string // a range
}

func (v value) String() string {
	switch {
	case v.prefix != nil:
		return v.prefix.String()
	case v.lo != "":
		return v.lo + "-" + v.hi
	}
	return v.word
}

// values flattens a right-hand side (a word, a number, an anonymous set, a bitmask list, a
// prefix, a range or a named set reference) into its elements. alias names the named set.
func (rs *ruleset) values(tk string, right any, depth int) (vals []value, alias, why string) {
	if depth > maxExprDepth {
		return nil, "", "nested too deep"
	}
	switch r := right.(type) {
	case string:
		if name, ok := strings.CutPrefix(r, "@"); ok {
			return rs.namedValues(tk, name, depth)
		}
		return []value{{word: r}}, "", ""
	case json.Number:
		return []value{{word: r.String()}}, "", ""
	case []any:
		return rs.listValues(tk, r, depth)
	case map[string]any:
		if len(r) != 1 {
			break
		}
		if s, ok := r["set"]; ok {
			if list, ok := s.([]any); ok {
				return rs.listValues(tk, list, depth)
			}
			return rs.values(tk, s, depth+1)
		}
		if s, ok := r["|"].([]any); ok {
			return rs.listValues(tk, s, depth)
		}
		if e, ok := r["elem"].(map[string]any); ok {
			return rs.values(tk, e["val"], depth+1)
		}
		if p, ok := r["prefix"].(map[string]any); ok {
			addr, _ := p["addr"].(string)
			n, _ := p["len"].(json.Number)
			bits, err := strconv.Atoi(n.String())
			a, aerr := netip.ParseAddr(addr)
			if err != nil || aerr != nil || bits < 0 || bits > a.BitLen() {
				return nil, "", "invalid prefix " + render(p)
			}
			pfx := netip.PrefixFrom(a, bits).Masked()
			return []value{{prefix: &pfx}}, "", ""
		}
		if rg, ok := r["range"].([]any); ok && len(rg) == 2 {
			lo, _, why1 := rs.values(tk, rg[0], depth+1)
			hi, _, why2 := rs.values(tk, rg[1], depth+1)
			if why1 != "" || why2 != "" || len(lo) != 1 || len(hi) != 1 || lo[0].word == "" || hi[0].word == "" {
				return nil, "", "unsupported range " + render(rg)
			}
			return []value{{lo: lo[0].word, hi: hi[0].word}}, "", ""
		}
	}
	return nil, "", "unsupported value " + render(right)
}

func (rs *ruleset) listValues(tk string, list []any, depth int) ([]value, string, string) {
	out := make([]value, 0, len(list))
	for _, el := range list {
		vs, _, why := rs.values(tk, el, depth+1)
		if why != "" {
			return nil, "", why
		}
		out = append(out, vs...)
	}
	return out, "", ""
}

func (rs *ruleset) namedValues(tk string, name string, depth int) ([]value, string, string) {
	ns, ok := rs.setBy[tk+" "+name]
	if !ok {
		return nil, name, "set @" + name + " is not declared"
	}
	ns.used = true
	if ns.kind == "map" {
		return nil, name, "@" + name + " is a map"
	}
	if flags := setFlags(ns.obj.Flags); slices.Contains(flags, "dynamic") || slices.Contains(flags, "timeout") {
		return nil, name, "set @" + name + " is filled at run time (flags " + strings.Join(flags, ",") + ")"
	}
	vals, _, why := rs.listValues(tk, ns.obj.Elem, depth)
	return vals, name, why
}

func setFlags(v any) []string {
	switch f := v.(type) {
	case string:
		return []string{f}
	case []any:
		out := make([]string, 0, len(f))
		for _, x := range f {
			if s, ok := x.(string); ok {
				out = append(out, s)
			}
		}
		return out
	}
	return nil
}

// toCIDRs turns address values into canonical IPv4 CIDRs; ranges become the CIDRs covering them.
func toCIDRs(vals []value) ([]string, string) {
	out := make([]string, 0, len(vals))
	for _, v := range vals {
		switch {
		case v.prefix != nil:
			if !v.prefix.Addr().Is4() {
				return nil, "IPv6 addresses are not modelled"
			}
			out = append(out, v.prefix.String())
		case v.lo != "":
			lo, err1 := netip.ParseAddr(v.lo)
			hi, err2 := netip.ParseAddr(v.hi)
			if err1 != nil || err2 != nil || !lo.Is4() || !hi.Is4() || hi.Less(lo) {
				return nil, "invalid IPv4 range " + v.String()
			}
			out = append(out, device.RangeCIDRs(lo, hi)...)
		default:
			a, err := netip.ParseAddr(v.word)
			if err != nil {
				p, perr := netip.ParsePrefix(v.word)
				if perr != nil || !p.Addr().Is4() {
					return nil, fmt.Sprintf("%q is not an IPv4 address", v.word)
				}
				out = append(out, p.Masked().String())
				continue
			}
			if !a.Is4() {
				return nil, "IPv6 addresses are not modelled"
			}
			out = append(out, netip.PrefixFrom(a, 32).String())
		}
	}
	sort.Strings(out)
	return slices.Compact(out), ""
}

func toPorts(vals []value) ([]snapshot.PortRange, string) {
	out := make([]snapshot.PortRange, 0, len(vals))
	for _, v := range vals {
		lo, hi := v.word, v.word
		if v.lo != "" {
			lo, hi = v.lo, v.hi
		}
		a, ok1 := device.PortNumber(lo)
		b, ok2 := device.PortNumber(hi)
		if !ok1 || !ok2 || b < a {
			return nil, fmt.Sprintf("%q is not a port or port range", v.String())
		}
		out = append(out, snapshot.PortRange{From: a, To: b})
	}
	sort.Slice(out, func(i, j int) bool {
		return out[i].From < out[j].From || (out[i].From == out[j].From && out[i].To < out[j].To)
	})
	return slices.Compact(out), ""
}

var (
	icmpTypeNumbers = map[string]int{
		"echo-reply": 0, "destination-unreachable": 3, "source-quench": 4, "redirect": 5,
		"echo-request": 8, "router-advertisement": 9, "router-solicitation": 10, "time-exceeded": 11,
		"parameter-problem": 12, "timestamp-request": 13, "timestamp-reply": 14, "info-request": 15,
		"info-reply": 16, "address-mask-request": 17, "address-mask-reply": 18,
	}
	icmpv6TypeNumbers = map[string]int{
		"destination-unreachable": 1, "packet-too-big": 2, "time-exceeded": 3, "parameter-problem": 4,
		"echo-request": 128, "echo-reply": 129, "mld-listener-query": 130, "mld-listener-report": 131,
		"mld-listener-done": 132, "mld-listener-reduction": 132, "nd-router-solicit": 133,
		"nd-router-advert": 134, "nd-neighbor-solicit": 135, "nd-neighbor-advert": 136,
		"nd-redirect": 137, "router-renumbering": 138, "ind-neighbor-solicit": 141,
		"ind-neighbor-advert": 142, "mld2-listener-report": 143,
	}
)

func icmpTypes(proto string, vals []value) ([]int, string) {
	names := icmpTypeNumbers
	if proto == "icmpv6" {
		names = icmpv6TypeNumbers
	}
	out := make([]int, 0, len(vals))
	for _, v := range vals {
		if n, ok := names[v.word]; ok {
			out = append(out, n)
			continue
		}
		n, err := strconv.Atoi(v.word)
		if err != nil || n < 0 || n > 255 {
			return nil, fmt.Sprintf("unknown %s type %q", proto, v.String())
		}
		out = append(out, n)
	}
	return out, ""
}

// render prints an expression compactly for warnings and unsupported notes.
func render(v any) string {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		return fmt.Sprint(v)
	}
	r := []rune(string(bytes.TrimSpace(buf.Bytes())))
	const max = 120
	if len(r) > max {
		return string(r[:max]) + "..."
	}
	return string(r)
}

func describeMatch(left any, op string, right any) string {
	name := field(left)
	if name == "" {
		name = render(left)
	}
	return name + " " + op + " " + render(right)
}
