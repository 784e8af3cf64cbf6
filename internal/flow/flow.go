// Package flow answers the question every on-prem firewall check asks: is a whole flow (every
// source address to every destination address, on one protocol and port) allowed by a device's
// rule set, evaluated the way that device evaluates it, and if not, which rule blocks which part.
package flow

import (
	"fmt"
	"sort"
	"strconv"
	"strings"

	"github.com/hybridcheck/hybridcheck/internal/ipproto"
	"github.com/hybridcheck/hybridcheck/internal/snapshot"
)

// Flow is the traffic a check asks about. Port is the destination port (0 when the protocol
// has none); ICMPType nil means every ICMP type. DestinationNames are host names (AWS endpoints)
// the flow reaches; a rule to any destination, to that name, or to an address alias counts.
type Flow struct {
	Protocol         string
	Sources          []string
	Destinations     []string
	Port             int
	ICMPType         *int
	DestinationNames []string
	// DestinationRanges are the published address ranges of each destination name (from AWS's
	// ip-ranges.json); without them an address set with public addresses cannot be judged
	// against a name, and the answer is unknown.
	DestinationRanges map[string][]string
	// AWS is the AWS side of the hybrid network, when the caller knows it: which prefixes lie
	// in AWS and the VPN tunnels' inside addresses and ASNs. With it the evaluator places the
	// AWS prefixes where the device's own routing sends them (BGP learned from the tunnels'
	// inside addresses included) and answers unknown where that routing cannot be determined.
	AWS *AWSContext
}

// AWSContext is what the device cannot know about AWS by itself.
type AWSContext struct {
	// CIDRs are the AWS-side prefixes (the cluster VPC's CIDRs): what AWS advertises over BGP.
	CIDRs   []string    `json:"cidrs"`
	Tunnels []AWSTunnel `json:"tunnels"`
}

// AWSTunnel is one VPN tunnel: its outside address, the /30 inside addresses (AWS's BGP peer
// is AWSInsideAddress) and the ASNs each side must use.
type AWSTunnel struct {
	OutsideAddress        string `json:"outside_address"`
	AWSInsideAddress      string `json:"aws_inside_address"`
	CustomerInsideAddress string `json:"customer_inside_address"`
	AWSASN                int64  `json:"aws_asn"`
	CustomerASN           int64  `json:"customer_asn"`
}

// Ref cites what decided part of a flow: a rule (Chain, Index and the rule's own fields) or a
// chain's default (Default is "pass" or "block").
type Ref struct {
	// Table is the nftables or iptables table of the chain; chain names repeat across tables.
	Table       string
	Chain       string
	Index       int
	Action      string
	Description string
	Tracker     string
	Location    *snapshot.Location
	Default     string
	// Interface is the pf interface whose default policy applied.
	Interface string
}

// Piece is a part of the flow: every source in Sources to every destination in Destinations
// (CIDRs, then names).
type Piece struct {
	Sources      []string
	Destinations []string
}

// Blocked is a piece and the rule or default that blocks it.
type Blocked struct {
	Piece
	By Ref
}

// Passed is a piece and the rules (one per stage or base chain) that let it through.
type Passed struct {
	Piece
	By []Ref
}

// Undecided is a piece whose fate the snapshot does not settle, and why. By cites the rule
// whose unmodelled match decides it (empty when routing is the reason).
type Undecided struct {
	Piece
	Reason string
	By     *Ref
}

// Result is the verdict on a whole flow. Allowed only when no part is blocked or unknown.
// Routing says how the device's own routing placed the AWS prefixes (evidence).
type Result struct {
	Allowed          bool
	PartiallyAllowed bool
	AllowedBy        []Ref
	Blocked          []Blocked
	Passed           []Passed
	Unknown          []Undecided
	IngressInterface string
	Notes            []string
	Routing          []string
}

const (
	protoICMP = 1
	protoTCP  = 6
	protoUDP  = 17
)

// flowSpec is a validated flow in set form.
type flowSpec struct {
	proto    int
	port     int
	icmpType *int
	src, dst addrSet
	// srcCIDRs/dstCIDRs are the flow's blocks one by one: only a block that lies wholly
	// among the device's own addresses makes the flow start or end on the device, not a
	// subnet that happens to contain the device's interface address.
	srcCIDRs, dstCIDRs []span
	names              []string
	// nameRanges[i] are the published ranges of names[i], nil when not known.
	nameRanges []addrSet
	// top is the last point of the universe (IPv4 and the names).
	top uint64
}

func parseProtocol(p string) (int, bool) {
	p = strings.ToLower(strings.TrimSpace(p))
	if n, ok := ipproto.Number(p); ok {
		return n, true
	}
	n, err := strconv.Atoi(p)
	if err != nil || n < 0 || n > 255 {
		return 0, false
	}
	return n, true
}

func (f Flow) compile() (*flowSpec, error) {
	proto, ok := parseProtocol(f.Protocol)
	if !ok {
		return nil, fmt.Errorf("flow: protocol %q is not tcp, udp, icmp, esp or an IP protocol number", f.Protocol)
	}
	fs := &flowSpec{proto: proto, port: f.Port, icmpType: f.ICMPType}
	switch {
	case f.Port < 0 || f.Port > 65535:
		return nil, fmt.Errorf("flow: port %d is outside 0-65535", f.Port)
	case (proto == protoTCP || proto == protoUDP) && f.Port == 0:
		return nil, fmt.Errorf("flow: protocol %s needs a destination port", f.Protocol)
	case proto != protoTCP && proto != protoUDP && f.Port != 0:
		return nil, fmt.Errorf("flow: port %d given for protocol %s, which has no ports", f.Port, f.Protocol)
	case f.ICMPType != nil && proto != protoICMP:
		return nil, fmt.Errorf("flow: icmp_type given for protocol %s", f.Protocol)
	case f.ICMPType != nil && (*f.ICMPType < 0 || *f.ICMPType > 255):
		return nil, fmt.Errorf("flow: icmp_type %d is outside 0-255", *f.ICMPType)
	case len(f.Sources) == 0:
		return nil, fmt.Errorf("flow: no sources")
	case len(f.Destinations) == 0 && len(f.DestinationNames) == 0:
		return nil, fmt.Errorf("flow: no destinations and no destination names")
	}
	var err error
	if fs.srcCIDRs, err = flowAddrs("sources", f.Sources); err != nil {
		return nil, err
	}
	if fs.dstCIDRs, err = flowAddrs("destinations", f.Destinations); err != nil {
		return nil, err
	}
	fs.src = normalize(append([]span(nil), fs.srcCIDRs...))
	fs.dst = normalize(append([]span(nil), fs.dstCIDRs...))
	seen := map[string]bool{}
	for _, n := range f.DestinationNames {
		n = canonicalName(n)
		if n == "" {
			return nil, fmt.Errorf("flow: empty destination name")
		}
		if !seen[n] {
			seen[n] = true
			fs.names = append(fs.names, n)
		}
	}
	sort.Strings(fs.names)
	ranges := map[string][]string{}
	for n, rs := range f.DestinationRanges {
		ranges[canonicalName(n)] = rs
	}
	for _, n := range fs.names {
		rs, ok := ranges[n]
		if !ok {
			fs.nameRanges = append(fs.nameRanges, nil)
			continue
		}
		spans, err := flowAddrs("destination_ranges["+n+"]", rs)
		if err != nil {
			return nil, err
		}
		set := normalize(spans)
		if set == nil {
			set = addrSet{} // known to have no ranges: never nil, which means unknown
		}
		fs.nameRanges = append(fs.nameRanges, set)
	}
	fs.top = ipv4Max
	if len(fs.names) > 0 {
		fs.top = namesBase + uint64(len(fs.names)) - 1
		fs.dst = fs.dst.union(addrSet{{namesBase, fs.top}})
	}
	return fs, nil
}

func flowAddrs(field string, cidrs []string) ([]span, error) {
	var spans []span
	for i, c := range cidrs {
		s, ok, err := parseIPv4Prefix(c)
		if err != nil {
			return nil, fmt.Errorf("flow: %s[%d]: %v", field, i, err)
		}
		if !ok {
			return nil, fmt.Errorf("flow: %s[%d]: %q is IPv6; flows are IPv4", field, i, c)
		}
		spans = append(spans, s)
	}
	return spans, nil
}

func canonicalName(n string) string {
	return strings.TrimSuffix(strings.ToLower(strings.TrimSpace(n)), ".")
}

// nameMatches accepts an exact name or a "*.suffix" wildcard.
func nameMatches(pattern, name string) bool {
	if pattern == name {
		return true
	}
	if suffix, ok := strings.CutPrefix(pattern, "*."); ok {
		return strings.HasSuffix(name, "."+suffix)
	}
	return false
}
