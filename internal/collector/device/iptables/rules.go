package iptables

import (
	"fmt"
	"net/netip"
	"slices"
	"sort"
	"strconv"
	"strings"

	"github.com/hybridcheck/hybridcheck/internal/collector/device"

	"github.com/hybridcheck/hybridcheck/internal/snapshot"
)

// facts is what one rule's arguments say.
type facts struct {
	src, dst    snapshot.Endpoint
	protocol    string
	icmpTypes   []int
	states      []string
	iif, oif    []string
	ipVersion   string
	target      string
	goTo        bool
	targetOpts  map[string]string
	comment     string
	unsupported []string
}

// Targets that end evaluation or only log, and extension targets that change no verdict.
var (
	natTargets     = map[string]bool{"MASQUERADE": true, "SNAT": true, "DNAT": true, "REDIRECT": true, "NETMAP": true}
	logTargets     = map[string]bool{"LOG": true, "NFLOG": true, "ULOG": true}
	passiveTargets = map[string]bool{
		"MARK": true, "CONNMARK": true, "TCPMSS": true, "CT": true, "NOTRACK": true, "CLASSIFY": true,
		"DSCP": true, "TOS": true, "TTL": true, "HL": true, "TRACE": true, "CHECKSUM": true,
		"SECMARK": true, "CONNSECMARK": true, "AUDIT": true, "IDLETIMER": true, "LED": true,
	}
)

// optionArity is how many values each option takes; options not listed take one.
var optionArity = map[string]int{
	"--syn": 0, "-f": 0, "--fragment": 0, "--random": 0, "--random-fully": 0, "--persistent": 0,
	"--log-uid": 0, "--log-tcp-sequence": 0, "--log-tcp-options": 0, "--log-ip-options": 0,
	"--tcp-flags": 2, "-c": 2, "--set-counters": 2, "--match-set": 2,
}

// parseRule reads the arguments after "-A CHAIN". declared reports user chains of the table.
func (rs *ruleset) parseRule(args []string, declared func(string) bool) *facts {
	f := &facts{src: snapshot.Endpoint{Any: true}, dst: snapshot.Endpoint{Any: true}, protocol: "any", targetOpts: map[string]string{}}
	if rs.family == "ip6" {
		f.ipVersion = "inet6"
	} else {
		f.ipVersion = "inet"
	}
	for i := 0; i < len(args); i++ {
		negate := false
		if args[i] == "!" {
			negate = true
			i++
			if i >= len(args) {
				f.unsupported = append(f.unsupported, "dangling !")
				break
			}
		}
		opt := args[i]
		if f.target != "" && strings.HasPrefix(opt, "--") {
			// Everything after -j belongs to the target (iptables-save prints -j last).
			val := ""
			arity, listed := optionArity[opt]
			if (!listed || arity > 0) && i+1 < len(args) && !strings.HasPrefix(args[i+1], "--") {
				i++
				val = args[i]
			}
			f.targetOpts[opt] = val
			continue
		}
		arity, ok := optionArity[opt]
		if !ok {
			// An option this importer does not know takes a value unless another option follows.
			arity = 1
			if i+1 >= len(args) || strings.HasPrefix(args[i+1], "-") {
				arity = 0
			}
		}
		if i+arity > len(args)-1 {
			f.unsupported = append(f.unsupported, opt+" without a value")
			break
		}
		vals := args[i+1 : i+1+arity]
		i += arity
		// Old iptables printed "-s ! 10.0.0.1"; accept the negation after the option too.
		if len(vals) == 1 && vals[0] == "!" && i+1 < len(args) {
			negate = true
			i++
			vals = []string{args[i]}
		}
		val := strings.Join(vals, " ")
		note := strings.TrimSpace(opt + " " + val)
		if negate {
			note = "! " + note
		}
		f.apply(opt, val, note, negate)
	}
	if f.target != "" && !f.goTo && !declared(f.target) && !knownTarget(f.target) {
		f.unsupported = append(f.unsupported, "target "+f.target)
	}
	return f
}

// apply records one option of a rule and its value; note is the option as written, for the
// unsupported list.
func (f *facts) apply(opt, val, note string, negate bool) {
	switch opt {
	case "-s", "--source", "--src", "-d", "--destination", "--dst":
		f.addressMatch(opt, val, note, negate)
	case "-p", "--protocol":
		if negate {
			f.unsupported = append(f.unsupported, note)
			return
		}
		f.protocol = protocolName(strings.ToLower(val))
	case "-i", "--in-interface", "-o", "--out-interface":
		if negate {
			f.unsupported = append(f.unsupported, note+" (negated interfaces are not modelled)")
			return
		}
		if strings.HasPrefix(opt, "-i") || opt == "--in-interface" {
			f.iif = append(f.iif, val)
		} else {
			f.oif = append(f.oif, val)
		}
	case "-j", "--jump", "-g", "--goto":
		f.target, f.goTo = val, opt == "-g" || opt == "--goto"
	case "-m", "--match":
		if !knownModule[val] {
			f.unsupported = append(f.unsupported, "-m "+val)
		}
	case "--dport", "--destination-port", "--sport", "--source-port", "--dports", "--destination-ports", "--sports", "--source-ports":
		f.portMatch(opt, val, note, negate)
	case "--ctstate", "--state":
		states, why := conntrackStates(val)
		if why != "" {
			f.unsupported = append(f.unsupported, note+" ("+why+")")
			return
		}
		if negate {
			states = device.ComplementStates(states)
		}
		f.states = states
	case "--icmp-type", "--icmpv6-type":
		if negate {
			f.unsupported = append(f.unsupported, note)
			return
		}
		t, all, why := icmpType(opt, val)
		if why != "" {
			f.unsupported = append(f.unsupported, note+" ("+why+")")
			return
		}
		if !all {
			f.icmpTypes = append(f.icmpTypes, t)
		}
	case "--comment":
		f.comment = val
	case "--src-range", "--dst-range":
		f.rangeMatch(opt, val, note, negate)
	case "-c", "--set-counters":
	default:
		f.unsupported = append(f.unsupported, note)
	}
}

// addressMatch reads an address match (-s, -d), refusing a second one and IPv6.
func (f *facts) addressMatch(opt, val, note string, negate bool) {
	ep := &f.src
	if opt == "-d" || opt == "--destination" || opt == "--dst" {
		ep = &f.dst
	}
	if !ep.Any {
		f.unsupported = append(f.unsupported, note+" (second address match)")
		return
	}
	cidrs, v6, why := addresses(strings.Split(val, ","))
	if why != "" || v6 {
		if v6 {
			why = "IPv6 addresses are not modelled"
		}
		f.unsupported = append(f.unsupported, note+" ("+why+")")
		return
	}
	ep.Any, ep.Not, ep.CIDRs = false, negate, cidrs
}

// portMatch reads a port match (--dport, --sports, ...), refusing a negated or second one.
func (f *facts) portMatch(opt, val, note string, negate bool) {
	ports, why := portList(val)
	if why == "" && negate {
		why = "negated ports are not modelled"
	}
	if why != "" {
		f.unsupported = append(f.unsupported, note+" ("+why+")")
		return
	}
	ep := &f.dst
	if strings.HasPrefix(opt, "--s") {
		ep = &f.src
	}
	if ep.Ports != nil {
		f.unsupported = append(f.unsupported, note+" (second port match)")
		return
	}
	ep.Ports = ports
}

// rangeMatch reads an iprange match as the CIDRs that cover the range.
func (f *facts) rangeMatch(opt, val, note string, negate bool) {
	ep := &f.src
	if opt == "--dst-range" {
		ep = &f.dst
	}
	lo, hi, _ := strings.Cut(val, "-")
	a, err1 := netip.ParseAddr(lo)
	b, err2 := netip.ParseAddr(hi)
	if err1 != nil || err2 != nil || !a.Is4() || !b.Is4() || b.Less(a) || !ep.Any {
		f.unsupported = append(f.unsupported, note)
		return
	}
	ep.Any, ep.Not, ep.CIDRs = false, negate, device.RangeCIDRs(a, b)
}

var knownModule = map[string]bool{
	"tcp": true, "udp": true, "icmp": true, "icmp6": true, "multiport": true, "conntrack": true,
	"state": true, "comment": true, "iprange": true,
}

func knownTarget(t string) bool {
	switch t {
	case "ACCEPT", "DROP", "REJECT", "RETURN", "QUEUE", "NFQUEUE":
		return true
	}
	return natTargets[t] || logTargets[t] || passiveTargets[t]
}

// addresses reads "10.0.0.1", "10.0.0.0/8" or "10.0.0.0/255.0.0.0" into canonical CIDRs.
func addresses(list []string) ([]string, bool, string) {
	out := make([]string, 0, len(list))
	for _, s := range list {
		addr, mask, hasMask := strings.Cut(s, "/")
		a, err := netip.ParseAddr(addr)
		if err != nil {
			return nil, false, fmt.Sprintf("%q is not an address", s)
		}
		if !a.Is4() {
			return nil, true, ""
		}
		bits := 32
		if hasMask {
			if m, err := netip.ParseAddr(mask); err == nil && m.Is4() {
				bits = maskBits(m)
			} else if n, err := strconv.Atoi(mask); err == nil && n >= 0 && n <= 32 {
				bits = n
			} else {
				bits = -1
			}
			if bits < 0 {
				return nil, false, fmt.Sprintf("%q has an invalid mask", s)
			}
		}
		out = append(out, netip.PrefixFrom(a, bits).Masked().String())
	}
	sort.Strings(out)
	return slices.Compact(out), false, ""
}

// maskBits converts a dotted netmask to a prefix length, or -1 if the mask is not contiguous.
func maskBits(m netip.Addr) int {
	b := m.As4()
	v := uint32(b[0])<<24 | uint32(b[1])<<16 | uint32(b[2])<<8 | uint32(b[3])
	bits := 0
	for v&0x80000000 != 0 {
		bits++
		v <<= 1
	}
	if v != 0 {
		return -1
	}
	return bits
}

// portList reads "22", "1000:2000", ":1023", "1024:" and multiport's "22,80,2379:2380".
func portList(s string) ([]snapshot.PortRange, string) {
	var out []snapshot.PortRange
	for _, item := range strings.Split(s, ",") {
		lo, hi, isRange := strings.Cut(item, ":")
		if isRange && lo == "" {
			lo = "0"
		}
		if isRange && hi == "" {
			hi = "65535"
		}
		if !isRange {
			hi = lo
		}
		a, ok1 := device.PortNumber(lo)
		b, ok2 := device.PortNumber(hi)
		if !ok1 || !ok2 {
			return nil, fmt.Sprintf("%q is not a port", item)
		}
		if b < a {
			a, b = b, a // iptables swaps a reversed range
		}
		out = append(out, snapshot.PortRange{From: a, To: b})
	}
	sort.Slice(out, func(i, j int) bool {
		return out[i].From < out[j].From || (out[i].From == out[j].From && out[i].To < out[j].To)
	})
	return slices.Compact(out), ""
}

func conntrackStates(s string) ([]string, string) {
	var out []string
	for _, st := range strings.Split(s, ",") {
		st = strings.ToLower(st)
		if !device.IsConntrackState(st) {
			return nil, fmt.Sprintf("state %q is not modelled", st)
		}
		out = append(out, st)
	}
	sort.Strings(out)
	return slices.Compact(out), ""
}

// protocolName reads -p: iptables' "all" and 0 match every protocol.
func protocolName(s string) string {
	if s == "all" || s == "0" {
		return "any"
	}
	return device.NetfilterProtocol(s)
}

var icmpNames = map[string]int{
	"echo-reply": 0, "pong": 0, "destination-unreachable": 3, "source-quench": 4, "redirect": 5,
	"echo-request": 8, "ping": 8, "router-advertisement": 9, "router-solicitation": 10,
	"time-exceeded": 11, "ttl-exceeded": 11, "parameter-problem": 12, "timestamp-request": 13,
	"timestamp-reply": 14, "address-mask-request": 17, "address-mask-reply": 18,
}

// icmpType reads "8", "8/0", "echo-request" or "any".
func icmpType(opt, s string) (int, bool, string) {
	if s == "any" {
		return 0, true, ""
	}
	if opt == "--icmp-type" {
		if n, ok := icmpNames[s]; ok {
			return n, false, ""
		}
	}
	typ, code, hasCode := strings.Cut(s, "/")
	n, err := strconv.Atoi(typ)
	if err != nil || n < 0 || n > 255 {
		return 0, false, "unknown ICMP type"
	}
	// Echo request and reply have only code 0; other types' codes narrow the match.
	if hasCode && (code != "0" || (n != 0 && n != 8)) {
		return 0, false, "ICMP codes are not modelled"
	}
	return n, false, ""
}
