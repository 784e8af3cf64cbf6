package device

import (
	"net/netip"
	"strings"
	"testing"
)

func TestRangeCIDRs(t *testing.T) {
	cases := []struct{ lo, hi, want string }{
		{"10.0.0.0", "10.0.0.255", "10.0.0.0/24"},
		{"10.0.0.5", "10.0.0.20", "10.0.0.5/32,10.0.0.6/31,10.0.0.8/29,10.0.0.16/30,10.0.0.20/32"},
		{"192.168.1.1", "192.168.1.1", "192.168.1.1/32"},
		{"0.0.0.0", "255.255.255.255", "0.0.0.0/0"},
		{"2001:db8::", "2001:db8::ffff", "2001:db8::/112"},
	}
	for _, c := range cases {
		got := strings.Join(RangeCIDRs(netip.MustParseAddr(c.lo), netip.MustParseAddr(c.hi)), ",")
		if got != c.want {
			t.Errorf("%s-%s: got %s, want %s", c.lo, c.hi, got, c.want)
		}
	}
}

func TestPortNumber(t *testing.T) {
	for s, want := range map[string]int{"443": 443, "https": 443, "ipsec-nat-t": 4500, "0": 0, "65535": 65535} {
		if n, ok := PortNumber(s); !ok || n != want {
			t.Errorf("%q: got %d %v, want %d", s, n, ok, want)
		}
	}
	for _, s := range []string{"65536", "-1", "nosuchservice", ""} {
		if _, ok := PortNumber(s); ok {
			t.Errorf("%q accepted", s)
		}
	}
}
