package device

import (
	"slices"

	"github.com/hybridcheck/hybridcheck/internal/ipproto"
)

// NetfilterProtocol is the model's name of a protocol as iptables-save or nft prints it; a
// name the model does not know is kept as it is.
func NetfilterProtocol(s string) string {
	if c, ok := ipproto.Canonical(s); ok {
		return c
	}
	return s
}

// conntrackStates are the connection-tracking states a netfilter rule matches, in order.
// Unexported so that no importer can change the list the others read.
var conntrackStates = []string{"established", "invalid", "new", "related", "untracked"}

// IsConntrackState reports whether s (lower case) is a connection-tracking state a netfilter
// rule matches.
func IsConntrackState(s string) bool { return slices.Contains(conntrackStates, s) }

// ComplementStates are the conntrack states a negated state match ("! --state NEW",
// "ct state != new") matches: every state it does not name.
func ComplementStates(states []string) []string {
	out := make([]string, 0, len(conntrackStates))
	for _, s := range conntrackStates {
		if !slices.Contains(states, s) {
			out = append(out, s)
		}
	}
	return out
}
