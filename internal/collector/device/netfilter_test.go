package device

import "testing"

// iptables-save and nft print a protocol by its /etc/protocols keyword or its number; the
// model reads both as the snapshot spells them (ipproto), and keeps what it does not know.
func TestNetfilterProtocol(t *testing.T) {
	for in, want := range map[string]string{
		"tcp": "tcp", "6": "tcp", "ipv6-icmp": "icmpv6", "58": "icmpv6", "esp": "esp",
		"pim": "103", "ospf": "89", "ipip": "94", "ipencap": "4", "sctp": "132", "89": "89",
		"mystery": "mystery",
	} {
		if got := NetfilterProtocol(in); got != want {
			t.Errorf("NetfilterProtocol(%q) = %q, want %q", in, got, want)
		}
	}
}
