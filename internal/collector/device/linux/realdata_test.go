//go:build realdata

// The real strongSwan, Libreswan and FRR files are GPL and cannot be shipped in the
// repository: these tests read them from ../shared/realdata beside the work tree and run with
// `make test-realdata` (CI runs it), never silently skipped by `make test`.

package linux

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/hybridcheck/hybridcheck/internal/collector/device/devicetest"
	"github.com/hybridcheck/hybridcheck/internal/snapshot"
)

// counts are hand-counted from each real file (or pair of files, a config with its secrets):
// phase 1 and 2 entries, phase 1 entries with a PSK fingerprint, disabled phase 1 entries,
// interfaces, static routes, BGP neighbours and networks, firewall rules, warnings.
type counts struct {
	p1, p2, psk, disabled, ifaces, routes, neighbors, networks, rules, warnings int
}

func TestRealFilesImportWithTheirCounts(t *testing.T) {
	devicetest.RealFiles(t, filepath.Join(realdata, "strongswan"), "*")
	cases := map[string]struct {
		files []string
		want  counts
	}{
		// 2 conns with mark= (route-based), aes128-sha1-modp1024, no ipsec.secrets beside it,
		// placeholders for addresses; warnings: no ruleset, 2 VTIs not in ip addr output.
		"aws-s2svpn ipsec.conf": {[]string{"strongswan/aws-s2svpn-router__ipsec.conf"}, counts{p1: 2, p2: 2, warnings: 3}},
		// swanctl rw responder: 3des-md5-modp1024, no remote_addrs; warnings: no ruleset, road warrior.
		"ikev1 3des-md5 swanctl + iptables rules": {[]string{"strongswan/strongswan__ikev1-algs-alg-3des-md5__moon.swanctl.conf", "strongswan/strongswan__testing-hosts-default.iptables.rules"}, counts{p1: 1, p2: 1, rules: 12, warnings: 1}},
		// stroke net-net with its 5-line ipsec.secrets.
		"ikev1 stroke ipsec.conf":           {[]string{"strongswan/strongswan__ikev1-stroke-net2net-psk__moon.ipsec.conf"}, counts{p1: 1, p2: 1, warnings: 3}},
		"ikev2 stroke ipsec.conf + secrets": {[]string{"strongswan/strongswan__ikev2-stroke-net2net-psk__moon.ipsec.conf", "strongswan/strongswan__ikev2-stroke-net2net-psk__moon.ipsec.secrets"}, counts{p1: 1, p2: 1, psk: 1, warnings: 3}},
		// swanctl with 5 secrets: the one naming both moon and sun is chosen.
		"ikev2 net2net psk moon": {[]string{"strongswan/strongswan__ikev2-net2net-psk__moon.swanctl.conf"}, counts{p1: 1, p2: 1, psk: 1, warnings: 1}},
		"ikev2 net2net psk sun":  {[]string{"strongswan/strongswan__ikev2-net2net-psk__sun.swanctl.conf"}, counts{p1: 1, p2: 1, psk: 1, warnings: 1}},
		// route-based, pubkey: VTI mark 42 and XFRM if_id 1337/42, no interfaces given.
		"route-based vti":   {[]string{"strongswan/strongswan__route-based-net2net-vti__moon.swanctl.conf"}, counts{p1: 1, p2: 1, warnings: 2}},
		"route-based xfrmi": {[]string{"strongswan/strongswan__route-based-net2net-xfrmi__moon.swanctl.conf"}, counts{p1: 1, p2: 1, warnings: 2}},
		// Libreswan: 2 PSK conns without auto= (not loaded: disabled), default proposals;
		// warnings: no ruleset, per conn not loaded + default IKE + default ESP.
		"libreswan aws-updown north": {[]string{"libreswan/libreswan__ikev2-aws-updown__north.conf", "libreswan/libreswan__ikev2-aws-updown__north.secrets"}, counts{p1: 2, p2: 2, psk: 2, disabled: 2, warnings: 7}},
		// Libreswan VTI: also=west-east is a template; rsasig; not loaded, default proposals, no vti0.
		"libreswan xfrm-vti-05 west": {[]string{"libreswan/libreswan__xfrm-vti-05__west.conf"}, counts{p1: 1, p2: 1, disabled: 1, warnings: 5}},
		// FRR template: placeholders for the ASN and both neighbours.
		"frr aws template": {[]string{"frr/aws-s2svpn-router__bgpd.conf"}, counts{warnings: 4}},
		// eBGP with MD5 passwords to 2 neighbours.
		"frr bgp_auth R1": {[]string{"frr/frr__topotests-bgp_auth__R1.bgpd.conf"}, counts{neighbors: 2, warnings: 1}},
		// 2 interfaces, 2 iBGP neighbours (one with a conditional advertise-map), 2 static routes
		// redistributed; warnings: no ruleset, advertise-map, no default route.
		"frr conditional advertisement r2": {[]string{"frr/frr__topotests-bgp_conditional_advertisement_static_route__r2.frr.conf"}, counts{ifaces: 2, routes: 2, neighbors: 2, networks: 2, warnings: 3}},
		// ip -j addr: lo + enp0s25; the down sample: lo + a DOWN interface.
		"ip addr":      {[]string{"iproute2-json/cloud-init__sample-ipaddrshow-json.json"}, counts{ifaces: 2, warnings: 2}},
		"ip addr down": {[]string{"iproute2-json/cloud-init__sample-ipaddrshow-json-down.json"}, counts{ifaces: 2, warnings: 2}},
	}
	covered := map[string]bool{}
	for name, c := range cases {
		t.Run(name, func(t *testing.T) {
			dir := t.TempDir()
			for _, f := range c.files {
				covered[f] = true
				data, err := os.ReadFile(filepath.Join(realdata, f))
				if err != nil {
					t.Fatal(err)
				}
				if err := os.WriteFile(filepath.Join(dir, filepath.Base(f)), data, 0o600); err != nil {
					t.Fatal(err)
				}
			}
			dev, warnings := importDir(t, dir)
			got := counts{p1: len(dev.IPsec.Phase1), p2: len(dev.IPsec.Phase2), ifaces: len(dev.Interfaces),
				routes: len(dev.StaticRoutes), warnings: len(warnings)}
			for _, p := range dev.IPsec.Phase1 {
				if p.PSKFingerprint != "" {
					got.psk++
				}
				if p.Disabled {
					got.disabled++
				}
			}
			for _, ch := range dev.Firewall.Chains {
				got.rules += len(ch.Rules)
			}
			if dev.BGP != nil {
				got.neighbors, got.networks = len(dev.BGP.Neighbors), len(dev.BGP.Networks)
			}
			if got != c.want {
				t.Errorf("got  %+v\nwant %+v\nwarnings:\n%s", got, c.want, strings.Join(warnings, "\n"))
			}
		})
	}
	// Every real strongSwan, Libreswan, FRR and iproute2 file is in a case.
	for _, sub := range []string{"strongswan", "libreswan", "frr", "iproute2-json"} {
		files, _ := filepath.Glob(filepath.Join(realdata, sub, "*"))
		for _, f := range files {
			if rel := sub + "/" + filepath.Base(f); !covered[rel] && filepath.Base(f) != "README.md" {
				t.Errorf("%s has no case", rel)
			}
		}
	}
}

// TestRealSecretsMatchTheirConnections checks which of the real secrets the importer picked,
// by fingerprint, where the choice is the point of the file.
func TestRealSecretsMatchTheirConnections(t *testing.T) {
	devicetest.RealFiles(t, filepath.Join(realdata, "strongswan"), "*.swanctl.conf")
	dir := t.TempDir()
	data, err := os.ReadFile(filepath.Join(realdata, "strongswan", "strongswan__ikev2-net2net-psk__moon.swanctl.conf"))
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "swanctl.conf"), data, 0o600); err != nil {
		t.Fatal(err)
	}
	dev, _ := importDir(t, dir)
	// ike-3 names both moon and sun; its secret is base64 (0s...).
	if got := devicetest.Phase1(t, dev, "gw-gw").PSKFingerprint; got != snapshot.PSKFingerprint(salt, mustBase64(t, "v+NkxY9LLZvwj4qCC2o/gGrWDF2d21jL")) {
		t.Error("gw-gw did not get the secret naming both its identities")
	}
}

func mustBase64(t *testing.T, s string) string {
	t.Helper()
	v, err := secretValue("0s" + s)
	if err != nil {
		t.Fatal(err)
	}
	return v
}
