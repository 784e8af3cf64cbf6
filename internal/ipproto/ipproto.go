// Package ipproto is hybridcheck's one table of IP protocols: their numbers in IANA's
// "Assigned Internet Protocol Numbers" registry and the keywords devices spell them with
// (/etc/protocols, pf, nft, iptables). The snapshot names seven protocols (icmp, tcp, udp,
// gre, esp, ah, icmpv6) and writes every other protocol as its number, so that two sources
// spelling one protocol differently ("ipv6-icmp", "58", "icmp6") compare equal. Names are
// looked up as given, in lower case (device exports print them so); the AWS spellings fold
// case, as EC2 accepts both.
//
// A vendor's own names that are not IANA keywords stay with that vendor's importer (IOS's ahp
// and ipinip, pfSense's ipv4 and ipv6 for the encapsulations), so that a flow or a trace given
// "ipv6" is refused instead of quietly meaning protocol 41.
package ipproto

import (
	"strconv"
	"strings"
)

// named are the protocols the snapshot spells by name, with their numbers.
var named = map[string]int{"icmp": 1, "tcp": 6, "udp": 17, "gre": 47, "esp": 50, "ah": 51, "icmpv6": 58}

// aliases are the other names devices print: other spellings of the named protocols
// (iptables-save's ipv6-icmp, pf's icmp6) and the protocols the snapshot writes by number,
// by their /etc/protocols keywords (ipencap is 4, ipip 94), and pf's carp and pfsync.
var aliases = map[string]int{
	"ipv6-icmp": 58, "icmp6": 58,
	"igmp": 2, "ipencap": 4, "egp": 8, "rsvp": 46, "eigrp": 88, "ospf": 89, "ipip": 94,
	"etherip": 97, "pim": 103, "carp": 112, "vrrp": 112, "l2tp": 115, "sctp": 132, "pfsync": 240,
}

// nameOf is named inverted: the snapshot's name of a protocol number.
var nameOf = func() map[int]string {
	m := make(map[int]string, len(named))
	for name, n := range named {
		m[n] = name
	}
	return m
}()

// Number is the number of a protocol given by any name in the table (lower case), or ok false.
func Number(name string) (int, bool) {
	if n, ok := named[name]; ok {
		return n, true
	}
	n, ok := aliases[name]
	return n, ok
}

// Canonical spells a protocol given by a name in the table or a number 0-255 the way the
// snapshot does: a named protocol by its name, any other by its number in decimal. ok is false
// for anything else ("any", "tcp/udp", an unknown name), which callers keep or refuse.
func Canonical(s string) (string, bool) {
	n, ok := Number(s)
	if !ok {
		var err error
		if n, err = strconv.Atoi(s); err != nil || n < 0 || n > 255 {
			return "", false
		}
	}
	if name, ok := nameOf[n]; ok {
		return name, true
	}
	return strconv.Itoa(n), true
}

// EvidenceName is how a finding's evidence names a protocol number: its snapshot name, else
// its shortest keyword, else the number.
func EvidenceName(n int) string {
	if name, ok := nameOf[n]; ok {
		return name
	}
	best := ""
	for name, num := range aliases {
		if num == n && (best == "" || len(name) < len(best) || len(name) == len(best) && name < best) {
			best = name
		}
	}
	if best == "" {
		return strconv.Itoa(n)
	}
	return best
}

// awsNamed are the protocols EC2 security group and network ACL rules accept and answer by
// name (IpPermission.IpProtocol: "tcp, udp, icmp, icmpv6 or a number; -1 for all").
var awsNamed = map[string]bool{"tcp": true, "udp": true, "icmp": true, "icmpv6": true}

// AWSName is the snapshot's spelling of a protocol as EC2 answers it in a security group or
// network ACL rule: "all" for -1, the four protocols AWS names by name, others as AWS wrote them.
func AWSName(p string) string {
	p = strings.ToLower(p)
	if p == "-1" || p == "all" {
		return "all"
	}
	if c, ok := Canonical(p); ok && awsNamed[c] {
		return c
	}
	return p
}

// AWSNumber is a protocol as EC2 numbers it in a network ACL entry: -1 for all protocols, the
// number for a name in the table, anything else as given.
func AWSNumber(p string) string {
	p = strings.ToLower(p)
	if p == "-1" || p == "all" {
		return "-1"
	}
	if n, ok := Number(p); ok {
		return strconv.Itoa(n)
	}
	return p
}
