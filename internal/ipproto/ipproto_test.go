package ipproto

import "testing"

// The numbers are IANA's (https://www.iana.org/assignments/protocol-numbers): a wrong entry
// would make two sources' spellings of one protocol compare unequal.
func TestNumbersAreIANAs(t *testing.T) {
	iana := map[string]int{
		"icmp": 1, "igmp": 2, "ipencap": 4, "tcp": 6, "egp": 8, "udp": 17, "rsvp": 46, "gre": 47,
		"esp": 50, "ah": 51, "icmpv6": 58, "eigrp": 88, "ospf": 89, "ipip": 94, "etherip": 97,
		"pim": 103, "vrrp": 112, "l2tp": 115, "sctp": 132,
	}
	for name, want := range iana {
		if got, ok := Number(name); !ok || got != want {
			t.Errorf("Number(%q) = %d, %v; IANA says %d", name, got, ok, want)
		}
	}
	for name := range aliases {
		if _, ok := named[name]; ok {
			t.Errorf("%q is both a snapshot name and an alias", name)
		}
	}
}

func TestCanonical(t *testing.T) {
	for in, want := range map[string]string{
		"tcp": "tcp", "6": "tcp", "ipv6-icmp": "icmpv6", "icmp6": "icmpv6", "58": "icmpv6",
		"50": "esp", "ospf": "89", "ipip": "94", "ipencap": "4", "vrrp": "112", "carp": "112", "89": "89", "0": "0", "255": "255",
	} {
		if got, ok := Canonical(in); !ok || got != want {
			t.Errorf("Canonical(%q) = %q, %v; want %q", in, got, ok, want)
		}
	}
	// ipv4 and ipv6 are left to pfSense's importer: a flow given "ipv6" means IPv6 traffic to
	// its writer, not protocol 41, and is refused.
	for _, in := range []string{"any", "all", "tcp/udp", "256", "-1", "TCP", "", "foo", "ipv4", "ipv6"} {
		if got, ok := Canonical(in); ok {
			t.Errorf("Canonical(%q) = %q; want not ok", in, got)
		}
	}
}

func TestEvidenceName(t *testing.T) {
	for n, want := range map[int]string{
		6: "tcp", 58: "icmpv6", 4: "ipencap", 94: "ipip", 112: "carp", 41: "41", 46: "rsvp", 97: "etherip", 250: "250",
	} {
		if got := EvidenceName(n); got != want {
			t.Errorf("EvidenceName(%d) = %q; want %q", n, got, want)
		}
	}
}

// EC2 names tcp, udp, icmp and icmpv6 and writes -1 for all protocols; every other protocol
// stays the number AWS answered.
func TestAWSSpellings(t *testing.T) {
	for in, want := range map[string]string{
		"-1": "all", "all": "all", "6": "tcp", "TCP": "tcp", "17": "udp", "1": "icmp", "58": "icmpv6",
		"50": "50", "47": "47", "132": "132",
	} {
		if got := AWSName(in); got != want {
			t.Errorf("AWSName(%q) = %q; want %q", in, got, want)
		}
	}
	for in, want := range map[string]string{
		"all": "-1", "-1": "-1", "tcp": "6", "UDP": "17", "icmpv6": "58", "esp": "50", "99": "99",
	} {
		if got := AWSNumber(in); got != want {
			t.Errorf("AWSNumber(%q) = %q; want %q", in, got, want)
		}
	}
}
