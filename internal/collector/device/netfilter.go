package device

import "slices"

// netfilterProtocols are the protocol names and numbers iptables-save and nft print, in the
// model's words: the protocols it names, others by number.
var netfilterProtocols = map[string]string{
	"1": "icmp", "6": "tcp", "17": "udp", "47": "gre", "50": "esp", "51": "ah", "58": "icmpv6",
	"ipv6-icmp": "icmpv6", "icmpv6": "icmpv6", "icmp": "icmp", "tcp": "tcp", "udp": "udp",
	"gre": "gre", "esp": "esp", "ah": "ah", "ospf": "89", "sctp": "132", "igmp": "2", "vrrp": "112",
}

// NetfilterProtocol is the model's name of a protocol as iptables-save or nft prints it; a
// name the model does not know is kept as it is.
func NetfilterProtocol(s string) string {
	if n, ok := netfilterProtocols[s]; ok {
		return n
	}
	return s
}

// ConntrackStates are the connection-tracking states a netfilter rule matches, in order.
var ConntrackStates = []string{"established", "invalid", "new", "related", "untracked"}

// ComplementStates are the conntrack states a negated state match ("! --state NEW",
// "ct state != new") matches: every state it does not name.
func ComplementStates(states []string) []string {
	out := make([]string, 0, len(ConntrackStates))
	for _, s := range ConntrackStates {
		if !slices.Contains(states, s) {
			out = append(out, s)
		}
	}
	return out
}
