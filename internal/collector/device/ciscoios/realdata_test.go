package ciscoios

import (
	"path/filepath"
	"strings"
	"testing"

	"github.com/hybridcheck/hybridcheck/internal/collector/device/devicetest"
	"github.com/hybridcheck/hybridcheck/internal/snapshot"
)

// totals are counted by hand from each file (see the comments); the test fails when the
// importer reads more or less than the file holds.
type totals struct {
	interfaces, enabled, phase1, phase2, chains, rules, nat, routes, neighbors, warnings int
}

var realTotals = map[string]totals{
	// 14 interfaces, 6 shut (Ethernet0/0, 1/3-1/7); Tunnel1/2 protected by two IKEv1 profiles;
	// no ACL bound on an enabled interface (LIMIT_PEER is on the shut Ethernet1/3); 3 ip route;
	// 6 BGP neighbours (2 through peer-group FW).
	"batfish__hybrid-cloud-aws__lhr-border-02.cfg": {14, 8, 2, 2, 0, 0, 0, 3, 6, 0},
	// Tunnel21 (shut) and crypto maps mymap 20, mysecondmap 20 each applied to an interface.
	"batfish__ios-crypto-ipsec__r1.cfg": {3, 2, 3, 3, 0, 0, 0, 0, 0, 0},
	// Tunnel23, Tunnel21, mymap 20, mysecondmap 20.
	"batfish__ios-crypto-ipsec__r2.cfg": {4, 4, 4, 4, 0, 0, 0, 0, 0, 0},
	// Tunnel23; mymap 30 is a dynamic map (warned, not modelled).
	"batfish__ios-crypto-ipsec__r3.cfg": {2, 2, 1, 1, 0, 0, 0, 0, 0, 1},
	// Tunnel1 to 3.3.3.3; ip route 3.3.3.3/32 and 10.10.0.0/16 Null0; DX and VPN neighbours.
	"batfish__test-direct-connect-gateway__onprem-router.txt":   {4, 4, 1, 1, 0, 0, 0, 2, 2, 0},
	"batfish__test-direct-connect-private-vif__onprem-high.txt": {2, 2, 0, 0, 0, 0, 0, 1, 1, 0},
	// Tunnel1, Tunnel2 (GRE, warned), mymap 10 and 20 (no isakmp policy: 4 warnings); mymap 30
	// dynamic (warned).
	"batfish__testconfigs__ios-crypto-map.cfg": {4, 4, 4, 4, 0, 0, 0, 0, 0, 6},
	// A grammar stress file without interfaces: maps VPN 5, VPNMAP 2 and the ASA one-line
	// asacryptomap 10, each warned three times (its transform set and its ACL are not defined,
	// and it is on no interface, so disabled); VPN 10 and myothermap are dynamic (2 warnings).
	"batfish__unit-tests__cisco_crypto.cfg": {0, 0, 3, 3, 0, 0, 0, 0, 0, 11},
	// ip nat outside source static (kind other, warned); the pools translate nothing alone.
	"batfish__unit-tests__cisco_ip_nat.cfg": {0, 0, 0, 0, 0, 0, 1, 0, 0, 1},
}

func TestRealConfigs(t *testing.T) {
	files, err := filepath.Glob(filepath.Join("testdata", "realdata", "*"))
	if err != nil || len(files) != len(realTotals) {
		t.Fatalf("want the %d copied real configs, found %d (%v)", len(realTotals), len(files), err)
	}
	devicetest.HandCounted(t, files, importFile, realTotals, func(t *testing.T, d *snapshot.Device, warnings []string, want totals) {
		if got := count(d, warnings); got != want {
			t.Errorf("got %+v\nwant %+v\nwarnings: %q", got, want, warnings)
		}
		for _, w := range warnings {
			if !strings.HasPrefix(w, "line ") {
				t.Errorf("warning %q does not name its line", w)
			}
		}
	})
}

func count(d *snapshot.Device, warnings []string) totals {
	c := totals{interfaces: len(d.Interfaces), phase1: len(d.IPsec.Phase1), phase2: len(d.IPsec.Phase2),
		chains: len(d.Firewall.Chains), nat: len(d.NAT.Rules), routes: len(d.StaticRoutes), warnings: len(warnings)}
	for _, i := range d.Interfaces {
		if i.Enabled {
			c.enabled++
		}
	}
	for _, ch := range d.Firewall.Chains {
		c.rules += len(ch.Rules)
	}
	if d.BGP != nil {
		c.neighbors = len(d.BGP.Neighbors)
	}
	return c
}
