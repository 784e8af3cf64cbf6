package device

import (
	"net/netip"
	"strconv"
)

// RangeCIDRs splits an inclusive address range (IPv4 or IPv6, a <= b, same family) into the
// fewest prefixes that cover it exactly: every importer turns "10.0.0.5-10.0.0.20" style
// ranges into the CIDR lists the snapshot holds with this one function.
func RangeCIDRs(a, b netip.Addr) []string {
	var out []string
	for {
		bits := a.BitLen()
		for bits > 0 {
			p := netip.PrefixFrom(a, bits-1).Masked()
			if p.Addr() != a || lastAddr(p).Compare(b) > 0 {
				break
			}
			bits--
		}
		p := netip.PrefixFrom(a, bits)
		out = append(out, p.String())
		last := lastAddr(p)
		if last.Compare(b) >= 0 {
			return out
		}
		a = last.Next()
	}
}

func lastAddr(p netip.Prefix) netip.Addr {
	b := p.Masked().Addr().AsSlice()
	for i := p.Bits(); i < len(b)*8; i++ {
		b[i/8] |= 1 << (7 - i%8)
	}
	a, _ := netip.AddrFromSlice(b)
	return a
}

// serviceByName covers the service names iptables-save and nft print when a listing is not
// numeric (from /etc/services), for the ports the hybrid nodes guide cares about and the
// common ones around them.
var serviceByName = map[string]int{
	"ssh": 22, "http": 80, "https": 443, "domain": 53, "bootps": 67, "bootpc": 68, "ntp": 123,
	"smtp": 25, "submission": 587, "submissions": 465, "isakmp": 500, "ipsec-nat-t": 4500,
	"openvpn": 1194, "bgp": 179, "telnet": 23, "ftp": 21, "snmp": 161, "kubelet": 10250,
}

// PortNumber reads a port given as a number (0-65535) or a service name.
func PortNumber(s string) (int, bool) {
	if n, ok := serviceByName[s]; ok {
		return n, true
	}
	n, err := strconv.Atoi(s)
	return n, err == nil && n >= 0 && n <= 65535
}
