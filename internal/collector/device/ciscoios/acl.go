package ciscoios

import (
	"fmt"
	"net/netip"
	"strconv"

	"github.com/hybridcheck/hybridcheck/internal/ipproto"
	"github.com/hybridcheck/hybridcheck/internal/snapshot"
)

// acl is a numbered or named access list, its entries in order. An implicit deny follows the
// last entry wherever the list filters (interfaces); where it selects (NAT, crypto maps) a
// miss means "not selected".
type acl struct {
	name     string
	standard bool
	head     line
	entries  []ace
}

// ace is one access-list entry.
type ace struct {
	l        line
	action   string // pass or block
	protocol string
	src, dst snapshot.Endpoint
	icmp     []int
	states   []string
	// unsupported names matches that are not modelled (time-range, dscp, fragments, service
	// object-groups, non-contiguous wildcards).
	unsupported []string
	// unreadable: the entry could not be parsed (already warned); it matches everything with
	// an unmodelled match.
	unreadable bool
}

// aclKind tells standard from extended numbered lists by their number range; other ranges
// (MAC, protocol type) filter no IPv4 traffic and are ignored.
func aclKind(num string) (standard, ip bool) {
	n, err := strconv.Atoi(num)
	if err != nil {
		return false, false
	}
	switch {
	case n >= 1 && n <= 99, n >= 1300 && n <= 1999:
		return true, true
	case n >= 100 && n <= 199, n >= 2000 && n <= 2699:
		return false, true
	}
	return false, false
}

// numberedACL reads one `access-list N ...` line into its list.
func (im *importer) numberedACL(b *block) {
	num := b.word(1)
	standard, ip := aclKind(num)
	if !ip {
		return
	}
	a := im.acls[num]
	if a == nil {
		a = &acl{name: num, standard: standard, head: b.head}
		im.acls[num] = a
	}
	switch b.word(2) {
	case "remark":
		return
	case "dynamic":
		im.warnf(b.head, "access-list %s: dynamic (lock-and-key) entry not modelled", num)
		return
	}
	if e, ok := im.parseACE(a, b.head, b.head.words[2:]); ok {
		a.entries = append(a.entries, e)
	}
}

// namedACL reads `ip access-list standard|extended NAME` and its entries; an optional
// sequence number leads each entry.
func (im *importer) namedACL(b *block) {
	kind, name := b.word(2), b.word(3)
	switch kind {
	case "standard", "extended":
	case "resequence", "log-update", "logging":
		return
	default:
		// `ip access-list NAME` without a kind is an IOS-XE shorthand for extended only
		// on some releases; role-based and IPv6 lists filter nothing modelled here.
		if kind == "role-based" || name == "" {
			return
		}
		im.warnf(b.head, "ip access-list %s: kind not modelled", kind)
		return
	}
	if name == "" {
		im.warnf(b.head, "ip access-list %s without a name", kind)
		return
	}
	a := &acl{name: name, standard: kind == "standard", head: b.head}
	im.acls[name] = a
	for _, c := range b.children {
		words := c.words
		if _, err := strconv.Atoi(words[0]); err == nil && len(words) > 1 {
			words = words[1:]
		}
		switch words[0] {
		case "remark", "statistics", "description":
			continue
		case "evaluate", "dynamic", "reflect":
			im.warnf(c, "access-list %s: %s entry (reflexive/dynamic ACL) not modelled", name, words[0])
			a.entries = append(a.entries, ace{l: c, action: "block", protocol: "any", src: snapshot.Endpoint{Any: true}, dst: snapshot.Endpoint{Any: true},
				unsupported: []string{words[0] + " entry (reflexive/dynamic ACL)"}})
			continue
		}
		if e, ok := im.parseACE(a, c, words); ok {
			a.entries = append(a.entries, e)
		}
	}
}

// parseACE parses "permit|deny ..." (words start at the action).
func (im *importer) parseACE(a *acl, l line, words []string) (ace, bool) {
	e := ace{l: l}
	if len(words) == 0 {
		return e, false
	}
	switch words[0] {
	case "permit":
		e.action = "pass"
	case "deny":
		e.action = "block"
	default:
		im.warnf(l, "access-list %s: entry %q is not permit or deny: ignored", a.name, words[0])
		return e, false
	}
	p := &wordReader{words: words[1:]}
	if err := im.aceMatches(a, p, &e); err != nil {
		// An entry that cannot be read still stands in the list: it matches everything with
		// a match the evaluator cannot model, so a deny makes flows unknown and a permit is
		// not counted, instead of the entries below it deciding as if it were absent.
		im.warnf(l, "access-list %s: %v: the entry is kept as an unmodelled match", a.name, err)
		e.protocol, e.src, e.dst, e.icmp, e.states = "any", snapshot.Endpoint{Any: true}, snapshot.Endpoint{Any: true}, nil, nil
		e.unsupported, e.unreadable = []string{"unreadable entry: " + err.Error()}, true
	}
	return e, true
}

// aceMatches reads the protocol, addresses, ports and options of an entry.
func (im *importer) aceMatches(a *acl, p *wordReader, e *ace) error {
	if a.standard {
		e.protocol = "any"
		e.dst = snapshot.Endpoint{Any: true}
		src, err := im.address(p, true)
		if err != nil {
			return err
		}
		e.src = src
		e.unsupported = append(e.unsupported, im.options(p, e, "")...)
		return nil
	}
	proto, unsupported := im.protocol(p)
	e.protocol = proto
	e.unsupported = append(e.unsupported, unsupported...)
	var err error
	if e.src, err = im.address(p, false); err != nil {
		return fmt.Errorf("source %v", err)
	}
	if e.src.Ports, err = ports(p, proto); err != nil {
		return fmt.Errorf("source port %v", err)
	}
	if e.dst, err = im.address(p, false); err != nil {
		return fmt.Errorf("destination %v", err)
	}
	if e.dst.Ports, err = ports(p, proto); err != nil {
		return fmt.Errorf("destination port %v", err)
	}
	e.unsupported = append(e.unsupported, im.options(p, e, proto)...)
	return nil
}

// wordReader walks the words of one entry.
type wordReader struct {
	words []string
	i     int
}

func (r *wordReader) peek() string {
	if r.i < len(r.words) {
		return r.words[r.i]
	}
	return ""
}

func (r *wordReader) next() string {
	w := r.peek()
	if r.i < len(r.words) {
		r.i++
	}
	return w
}

// iosProtocols are the names IOS gives protocols in an ACL entry that are not protocol
// keywords elsewhere (ipproto has those): ip is every protocol, ahp is AH, ipinip IP in IP (4),
// nos KA9Q NOS (94), pcp IP payload compression (108).
var iosProtocols = map[string]string{"ip": "any", "ahp": "ah", "ipinip": "4", "nos": "94", "pcp": "108"}

func (im *importer) protocol(r *wordReader) (string, []string) {
	w := r.next()
	if w == "object-group" {
		name := r.next()
		return "any", []string{"service object-group " + name}
	}
	if p, ok := iosProtocols[w]; ok {
		return p, nil
	}
	if w == "0" {
		return "any", nil // protocol 0 in an entry is ip: every protocol
	}
	if p, ok := ipproto.Canonical(w); ok {
		return p, nil
	}
	return "any", []string{"protocol " + w}
}

// address reads any, host A, A WILDCARD, object-group NAME or (standard lists) a bare host.
func (im *importer) address(r *wordReader, standard bool) (snapshot.Endpoint, error) {
	w := r.next()
	switch w {
	case "":
		return snapshot.Endpoint{}, fmt.Errorf("missing address")
	case "any":
		return snapshot.Endpoint{Any: true}, nil
	case "host":
		a, err := netip.ParseAddr(r.next())
		if err != nil || !a.Is4() {
			return snapshot.Endpoint{}, fmt.Errorf("host is not an IPv4 address")
		}
		return snapshot.Endpoint{CIDRs: []string{netip.PrefixFrom(a, 32).String()}}, nil
	case "object-group", "addrgroup":
		name := r.next()
		cidrs, err := im.groupCIDRs(name, map[string]bool{})
		if err != nil {
			return snapshot.Endpoint{}, err
		}
		return snapshot.Endpoint{CIDRs: cidrs, Alias: name}, nil
	}
	if p, err := netip.ParsePrefix(w); err == nil && p.Addr().Is4() {
		return snapshot.Endpoint{CIDRs: []string{p.Masked().String()}}, nil
	}
	a, err := netip.ParseAddr(w)
	if err != nil || !a.Is4() {
		return snapshot.Endpoint{}, fmt.Errorf("%q is not an address, any, host or object-group", w)
	}
	if m, err := netip.ParseAddr(r.peek()); err == nil && m.Is4() {
		r.next()
		bits, ok := wildcardBits(m)
		if !ok {
			return snapshot.Endpoint{}, fmt.Errorf("wildcard %s is not contiguous (not modelled)", m)
		}
		return snapshot.Endpoint{CIDRs: []string{netip.PrefixFrom(a, bits).Masked().String()}}, nil
	}
	if !standard {
		return snapshot.Endpoint{}, fmt.Errorf("address %s has no wildcard", a)
	}
	return snapshot.Endpoint{CIDRs: []string{netip.PrefixFrom(a, 32).String()}}, nil
}

// wildcardBits turns an inverse mask (0.0.0.255) into a prefix length.
func wildcardBits(m netip.Addr) (int, bool) {
	b := m.As4()
	v := uint32(b[0])<<24 | uint32(b[1])<<16 | uint32(b[2])<<8 | uint32(b[3])
	host := 0
	for v&1 == 1 {
		v >>= 1
		host++
	}
	if v != 0 {
		return 0, false
	}
	return 32 - host, true
}

// maskBits turns a subnet mask (255.255.255.0) into a prefix length.
func maskBits(m netip.Addr) (int, bool) {
	if !m.Is4() {
		return 0, false
	}
	b := m.As4()
	inv := netip.AddrFrom4([4]byte{^b[0], ^b[1], ^b[2], ^b[3]})
	return wildcardBits(inv)
}

// ports reads eq/neq/lt/gt/range after an address of a TCP or UDP entry.
func ports(r *wordReader, proto string) ([]snapshot.PortRange, error) {
	if proto != "tcp" && proto != "udp" {
		return nil, nil
	}
	op := r.peek()
	switch op {
	case "eq", "neq", "lt", "gt", "range":
	default:
		return nil, nil
	}
	r.next()
	one := func() (int, error) {
		w := r.next()
		if n, err := strconv.Atoi(w); err == nil && n >= 0 && n <= 65535 {
			return n, nil
		}
		if n, ok := portNames[w]; ok {
			return n, nil
		}
		return 0, fmt.Errorf("%q is not a port", w)
	}
	switch op {
	case "eq":
		var out []snapshot.PortRange
		for {
			n, err := one()
			if err != nil {
				return nil, err
			}
			out = append(out, snapshot.PortRange{From: n, To: n})
			w := r.peek()
			if _, isNum := strconv.Atoi(w); isNum != nil && portNames[w] == 0 {
				return out, nil
			}
		}
	case "range":
		a, err := one()
		if err != nil {
			return nil, err
		}
		b, err := one()
		if err != nil {
			return nil, err
		}
		return []snapshot.PortRange{{From: min(a, b), To: max(a, b)}}, nil
	}
	n, err := one()
	if err != nil {
		return nil, err
	}
	switch op {
	case "lt":
		if n == 0 {
			return nil, fmt.Errorf("lt 0 matches no port")
		}
		return []snapshot.PortRange{{From: 0, To: n - 1}}, nil
	case "gt":
		if n == 65535 {
			return nil, fmt.Errorf("gt 65535 matches no port")
		}
		return []snapshot.PortRange{{From: n + 1, To: 65535}}, nil
	}
	var out []snapshot.PortRange
	if n > 0 {
		out = append(out, snapshot.PortRange{From: 0, To: n - 1})
	}
	if n < 65535 {
		out = append(out, snapshot.PortRange{From: n + 1, To: 65535})
	}
	return out, nil
}

// portNames are the keywords IOS prints for well-known ports.
var portNames = map[string]int{
	"bgp": 179, "chargen": 19, "cmd": 514, "daytime": 13, "discard": 9, "domain": 53, "echo": 7,
	"exec": 512, "finger": 79, "ftp": 21, "ftp-data": 20, "gopher": 70, "hostname": 101, "ident": 113,
	"irc": 194, "klogin": 543, "kshell": 544, "login": 513, "lpd": 515, "nntp": 119, "pop2": 109,
	"pop3": 110, "smtp": 25, "sunrpc": 111, "tacacs": 49, "talk": 517, "telnet": 23, "time": 37,
	"uucp": 540, "whois": 43, "www": 80, "https": 443, "ssh": 22, "bootpc": 68, "bootps": 67,
	"isakmp": 500, "non500-isakmp": 4500, "ntp": 123, "snmp": 161, "snmptrap": 162, "syslog": 514,
	"tftp": 69, "netbios-ns": 137, "netbios-dgm": 138, "netbios-ss": 139, "rip": 520, "biff": 512,
	"dnsix": 195, "mobile-ip": 434, "nameserver": 42, "pim-auto-rp": 496, "tacacs-ds": 65, "xdmcp": 177,
}

var icmpNames = map[string]int{
	"echo-reply": 0, "unreachable": 3, "net-unreachable": 3, "host-unreachable": 3, "port-unreachable": 3,
	"protocol-unreachable": 3, "packet-too-big": 3, "administratively-prohibited": 3, "source-quench": 4,
	"redirect": 5, "alternate-address": 6, "echo": 8, "router-advertisement": 9, "router-solicitation": 10,
	"time-exceeded": 11, "ttl-exceeded": 11, "parameter-problem": 12, "timestamp-request": 13,
	"timestamp-reply": 14, "information-request": 15, "information-reply": 16, "mask-request": 17,
	"mask-reply": 18, "traceroute": 30,
}

// options reads what follows the addresses: ICMP type, established, logging; anything else
// that restricts the match is recorded as unsupported.
func (im *importer) options(r *wordReader, e *ace, proto string) []string {
	var unsupported []string
	first := true
	for r.peek() != "" {
		w := r.next()
		switch {
		case proto == "icmp" && first && icmpNames[w] >= 0 && hasKey(icmpNames, w):
			e.icmp = []int{icmpNames[w]}
		case proto == "icmp" && first && isNumber(w):
			n, _ := strconv.Atoi(w)
			e.icmp = []int{n}
			if isNumber(r.peek()) {
				r.next() // the ICMP code narrows within the type; the model has types only
			}
		case w == "established" && proto == "tcp":
			e.states = []string{"established"}
		case w == "log" || w == "log-input":
			if r.peek() != "" && !knownOption(r.peek()) {
				r.next() // a log tag
			}
		case w == "time-range" || w == "dscp" || w == "precedence" || w == "tos" || w == "ttl" || w == "option":
			unsupported = append(unsupported, w+" "+r.next())
		case w == "fragments" || w == "ack" || w == "fin" || w == "psh" || w == "rst" || w == "syn" || w == "urg" || w == "match-any" || w == "match-all":
			unsupported = append(unsupported, w)
		case w == "sequence":
			r.next()
		default:
			unsupported = append(unsupported, w)
		}
		first = false
	}
	return unsupported
}

func knownOption(w string) bool {
	switch w {
	case "established", "log", "log-input", "time-range", "dscp", "precedence", "tos", "ttl", "fragments", "option":
		return true
	}
	return false
}

func isNumber(w string) bool {
	_, err := strconv.Atoi(w)
	return err == nil
}

// objectGroup keeps `object-group network NAME` blocks for resolution when an entry uses
// them (groups may nest with group-object).
func (im *importer) objectGroup(b *block) {
	if b.word(1) == "network" && b.word(2) != "" {
		im.netGroups[b.word(2)] = b
	}
}

func (im *importer) groupCIDRs(name string, seen map[string]bool) ([]string, error) {
	b := im.netGroups[name]
	if b == nil {
		return nil, fmt.Errorf("object-group %q is not defined", name)
	}
	if seen[name] {
		return nil, fmt.Errorf("object-group %q contains itself", name)
	}
	seen[name] = true
	defer delete(seen, name)
	var out []string
	for _, c := range b.children {
		switch c.word(0) {
		case "description":
		case "host":
			a, err := netip.ParseAddr(c.word(1))
			if err != nil || !a.Is4() {
				return nil, fmt.Errorf("object-group %q line %d: host is not an IPv4 address", name, c.n)
			}
			out = append(out, netip.PrefixFrom(a, 32).String())
		case "group-object":
			inner, err := im.groupCIDRs(c.word(1), seen)
			if err != nil {
				return nil, err
			}
			out = append(out, inner...)
		case "range":
			return nil, fmt.Errorf("object-group %q line %d: address range not modelled", name, c.n)
		default:
			if p, err := netip.ParsePrefix(c.word(0)); err == nil && p.Addr().Is4() {
				out = append(out, p.Masked().String())
				continue
			}
			a, err1 := netip.ParseAddr(c.word(0))
			m, err2 := netip.ParseAddr(c.word(1))
			bits, ok := maskBits(m)
			if err1 != nil || err2 != nil || !a.Is4() || !ok {
				return nil, fmt.Errorf("object-group %q line %d: %q is not host, ADDRESS MASK or group-object", name, c.n, c.word(0))
			}
			out = append(out, netip.PrefixFrom(a, bits).Masked().String())
		}
	}
	if out == nil {
		out = []string{}
	}
	return out, nil
}

func hasKey(m map[string]int, k string) bool {
	_, ok := m[k]
	return ok
}
