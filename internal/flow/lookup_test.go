package flow

import (
	"fmt"
	"strings"
	"testing"

	"github.com/hybridcheck/hybridcheck/internal/snapshot"
	"github.com/hybridcheck/hybridcheck/internal/testkit"
)

func lookupSummary(t *testing.T, dev *snapshot.Device, cidrs ...string) string {
	t.Helper()
	res := testkit.Must(compiled(t, dev).Lookup(cidrs))(t)
	var out []string
	for _, r := range res {
		for _, p := range r.Parts {
			out = append(out, fmt.Sprintf("%s:%s=%s/%s/%s/%s", r.CIDR, strings.Join(p.CIDRs, ","), p.Route, p.Via, p.Interface, p.Role))
		}
	}
	return strings.Join(out, " ")
}

func TestLookup(t *testing.T) {
	pf := func() *snapshot.Device { return pfDevice() }
	tests := []struct {
		name string
		dev  func() *snapshot.Device
		want string
	}{
		// pfDevice routes the pods through the node gateway on LAN, 172.31.0.0/16 into the VTI.
		{"static route via a node", pf, "192.168.0.0/16:192.168.0.0/16=192.168.0.0/16/static/lan/inside"},
		{"connected", pf, "10.200.0.0/24:10.200.0.0/24=10.200.0.0/24/connected/lan/inside"},
		{"into the VTI", pf, "172.31.0.0/16:172.31.0.0/16=172.31.0.0/16/static/opt2/vpn"},
		{"IPsec selector first", pf, "10.0.0.0/16:10.0.0.0/16=10.0.0.0/16/ipsec-selector/ipsec/vpn"},
		{"default route", pf, "8.8.0.0/16:8.8.0.0/16=0.0.0.0/0/default/wan/wan"},
		{"a static default route", func() *snapshot.Device {
			d := hookDevice("nftables")
			d.StaticRoutes = []snapshot.StaticRoute{{Destination: "0.0.0.0/0", GatewayAddress: "10.200.0.254"}}
			return d
		}, "8.8.0.0/16:8.8.0.0/16=0.0.0.0/0/default/eth1/wan"},
		{"a route out of the WAN", func() *snapshot.Device {
			d := pfDevice()
			d.StaticRoutes = []snapshot.StaticRoute{{Destination: "192.168.0.0/16", GatewayAddress: "203.0.113.1"}}
			return d
		}, "192.168.0.0/16:192.168.0.0/16=192.168.0.0/16/static/wan/wan"},
		{"a gateway the export does not show", func() *snapshot.Device {
			d := pfDevice()
			d.StaticRoutes = []snapshot.StaticRoute{{Destination: "192.168.0.0/16", Gateway: "NOWHERE"}}
			return d
		}, "192.168.0.0/16:192.168.0.0/16=192.168.0.0/16/static//unknown"},
		{"no default route", func() *snapshot.Device { return noWAN(hookDevice("nftables")) }, "8.8.0.0/16:8.8.0.0/16=/none//unknown"},
		{"more specific route splits", func() *snapshot.Device {
			d := pfDevice()
			d.StaticRoutes = append(d.StaticRoutes, snapshot.StaticRoute{Destination: "192.168.128.0/17", Interface: "wan"})
			return d
		}, "192.168.0.0/16:192.168.128.0/17=192.168.128.0/17/static/wan/wan 192.168.0.0/16:192.168.0.0/17=192.168.0.0/16/static/lan/inside"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			cidr := strings.SplitN(tc.want, ":", 2)[0]
			if got := lookupSummary(t, tc.dev(), cidr); got != tc.want {
				t.Errorf("\ngot  %s\nwant %s", got, tc.want)
			}
		})
	}
	if _, err := evalRego(t, pfDevice(), `hybridcheck.device_lookup(input.device, ["fe80::/10"])`); err == nil || !strings.Contains(err.Error(), "IPv6") {
		t.Errorf("IPv6 should be an error, got %v", err)
	}
}
