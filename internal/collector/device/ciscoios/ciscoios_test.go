package ciscoios

import (
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"testing"

	"github.com/hybridcheck/hybridcheck/internal/collector/device/devicetest"
	"github.com/hybridcheck/hybridcheck/internal/snapshot"
)

const testSalt = "5a17c0ffee5a17c0ffee5a17c0ffee5a17c0ffee5a17c0ffee5a17c0ffee5a17"

// importFile imports the config at path and checks it against the snapshot schema.
func importFile(t *testing.T, path string) (*snapshot.Device, []string) {
	t.Helper()
	dev, warnings := devicetest.ImportFile(t, Import, path, testSalt)
	dev.Format, dev.Source = Format, path
	devicetest.Validate(t, dev, testSalt)
	return dev, warnings
}

func chain(t *testing.T, d *snapshot.Device, name string) snapshot.Chain {
	t.Helper()
	var have []string
	for _, c := range d.Firewall.Chains {
		have = append(have, c.Name)
	}
	return devicetest.Find(t, d.Firewall.Chains, func(c snapshot.Chain) bool { return c.Name == name }, "no chain %q (have %v)", name, have)
}

func TestFeatures(t *testing.T) {
	d, warnings := importFile(t, filepath.Join("testdata", "features.cfg"))
	t.Run("header and banner", func(t *testing.T) {
		if d.Name != "edge-1" || d.Version != "17.9" || d.Firewall.Model != "cisco" || d.Firewall.DefaultAction != "pass" {
			t.Errorf("name %q version %q firewall %s/%s", d.Name, d.Version, d.Firewall.Model, d.Firewall.DefaultAction)
		}
		for _, i := range d.Interfaces {
			if i.Name == "Banner0" || i.Name == "AfterEnd" {
				t.Errorf("interface %s comes from a banner or after end", i.Name)
			}
		}
	})
	t.Run("interfaces", func(t *testing.T) {
		wan := devicetest.Interface(t, d, "GigabitEthernet1")
		if wan.Role != "wan" || !reflect.DeepEqual(wan.Networks, []string{"203.0.113.0/24"}) || wan.Description != "Internet" {
			t.Errorf("GigabitEthernet1 %+v", wan)
		}
		sub := devicetest.Interface(t, d, "GigabitEthernet2.100")
		if sub.Role != "vlan" || sub.VLANID != 100 || sub.Parent != "GigabitEthernet2" ||
			!reflect.DeepEqual(sub.Addresses, []string{"10.200.0.1/24", "10.200.1.1/24"}) {
			t.Errorf("GigabitEthernet2.100 %+v", sub)
		}
		if g3 := devicetest.Interface(t, d, "GigabitEthernet3"); g3.Enabled {
			t.Errorf("GigabitEthernet3 is shut down but enabled")
		}
		if lo := devicetest.Interface(t, d, "Loopback0"); lo.Role != "loopback" {
			t.Errorf("Loopback0 role %s", lo.Role)
		}
		if t1 := devicetest.Interface(t, d, "Tunnel1"); t1.Role != "vti" {
			t.Errorf("Tunnel1 role %s", t1.Role)
		}
		if !reflect.DeepEqual(d.WANAddresses, []string{"203.0.113.10"}) {
			t.Errorf("wan addresses %v", d.WANAddresses)
		}
		if len(d.Gateways) != 1 || d.Gateways[0].Address != "203.0.113.1" || d.Gateways[0].Interface != "GigabitEthernet1" || !d.Gateways[0].Default {
			t.Errorf("gateways %+v", d.Gateways)
		}
	})
	t.Run("IKEv2 VTI", func(t *testing.T) {
		p := devicetest.Phase1(t, d, "Tunnel1")
		want := []snapshot.IPsecProposal{
			{Encryption: "aes", KeyLength: 256, Hash: "sha256", DHGroup: 14}, {Encryption: "aes", KeyLength: 256, Hash: "sha256", DHGroup: 2},
			{Encryption: "aes", KeyLength: 256, Hash: "sha1", DHGroup: 14}, {Encryption: "aes", KeyLength: 256, Hash: "sha1", DHGroup: 2},
			{Encryption: "aes-gcm", KeyLength: 128, DHGroup: 14}, {Encryption: "aes-gcm", KeyLength: 128, DHGroup: 2},
		}
		if p.IKEVersion != "ikev2" || p.RemoteGateway != "3.3.3.1" || p.Interface != "GigabitEthernet1" || p.LifetimeSeconds != 28800 ||
			!p.DPDEnabled || p.DPDDelaySeconds != 10 || !reflect.DeepEqual(p.Proposals, want) {
			t.Errorf("Tunnel1 phase 1 %+v", p)
		}
		// The peer's key is the keyring's remote key, not the local one.
		if p.PSKFingerprint != snapshot.PSKFingerprint(testSalt, "ikev2.remote.key") {
			t.Errorf("Tunnel1 fingerprint is not that of the remote key")
		}
		p2 := devicetest.Phase2(t, d, "Tunnel1")
		if p2.Mode != "vti" || p2.LocalAddress != "169.254.10.2/30" || p2.RemoteAddress != "169.254.10.1/30" || p2.PFSGroup != 14 || p2.LifetimeSeconds != 3000 ||
			!reflect.DeepEqual(p2.Proposals, []snapshot.IPsecProposal{{Encryption: "aes-gcm", KeyLength: 256}}) {
			t.Errorf("Tunnel1 phase 2 %+v", p2)
		}
	})
	t.Run("IKEv1 VTI and keyrings", func(t *testing.T) {
		p := devicetest.Phase1(t, d, "Tunnel2")
		want := []snapshot.IPsecProposal{{Encryption: "aes", KeyLength: 256, Hash: "sha256", DHGroup: 14}, {Encryption: "3des", Hash: "md5", DHGroup: 1}}
		if p.IKEVersion != "ikev1" || p.AuthMethod != "pre_shared_key" || p.LifetimeSeconds != 86400 || !reflect.DeepEqual(p.Proposals, want) ||
			!p.DPDEnabled || p.DPDDelaySeconds != 10 {
			t.Errorf("Tunnel2 phase 1 %+v", p)
		}
		// The host entry wins over the /24 of the same keyring.
		if p.PSKFingerprint != snapshot.PSKFingerprint(testSalt, "keyring.host") {
			t.Errorf("Tunnel2 fingerprint is not the host key's")
		}
		p2 := devicetest.Phase2(t, d, "Tunnel2")
		if p2.RemoteAddress != "169.254.11.2/30" || p2.PFSGroup != 0 || p2.LifetimeSeconds != 3600 {
			t.Errorf("Tunnel2 phase 2 %+v", p2)
		}
	})
	t.Run("crypto maps", func(t *testing.T) {
		p := devicetest.Phase1(t, d, "crypto map OUTSIDE-MAP 10")
		if p.Disabled || p.RemoteGateway != "4.4.4.4" || p.Interface != "GigabitEthernet1" || p.PSKFingerprint != snapshot.PSKFingerprint(testSalt, "map.key.one") {
			t.Errorf("OUTSIDE-MAP phase 1 %+v", p)
		}
		p2 := devicetest.Phase2(t, d, "crypto map OUTSIDE-MAP 10")
		if p2.Mode != "tunnel" || !reflect.DeepEqual(p2.LocalNetworks, []string{"10.200.0.0/16"}) || !reflect.DeepEqual(p2.RemoteNetworks, []string{"10.0.0.0/16"}) || p2.PFSGroup != 5 {
			t.Errorf("OUTSIDE-MAP phase 2 %+v", p2)
		}
		if u := devicetest.Phase2(t, d, "crypto map UNUSED-MAP 10"); !u.Disabled {
			t.Errorf("a map on no interface is not disabled")
		}
	})
	t.Run("ACL bindings", func(t *testing.T) {
		in := chain(t, d, "OUTSIDE-IN in on GigabitEthernet1")
		if in.Hook != "in" || len(in.Rules) != 7 {
			t.Fatalf("OUTSIDE-IN chain %+v", in)
		}
		ike := in.Rules[0]
		if ike.Protocol != "udp" || !reflect.DeepEqual(ike.Destination.Ports, []snapshot.PortRange{{From: 500, To: 500}, {From: 4500, To: 4500}}) ||
			!reflect.DeepEqual(ike.Source.CIDRs, []string{"3.3.3.0/24"}) || !reflect.DeepEqual(ike.Interfaces, []string{"GigabitEthernet1"}) || ike.Direction != "in" {
			t.Errorf("IKE rule %+v", ike)
		}
		if r := in.Rules[3]; r.Protocol != "icmp" || !reflect.DeepEqual(r.ICMPTypes, []int{0}) {
			t.Errorf("echo-reply rule %+v", r)
		}
		if r := in.Rules[4]; !reflect.DeepEqual(r.States, []string{"established"}) {
			t.Errorf("established rule %+v", r)
		}
		if r := in.Rules[5]; r.Action != "block" || !reflect.DeepEqual(r.Unsupported, []string{"time-range OFFICE"}) {
			t.Errorf("time-range rule %+v", r)
		}
		if r := in.Rules[6]; r.Action != "block" || !r.Source.Any || r.Description != "OUTSIDE-IN: implicit deny" {
			t.Errorf("implicit deny %+v", r)
		}
		out := chain(t, d, "101 out on GigabitEthernet2.100")
		if out.Hook != "out" || len(out.Rules) != 3 || !reflect.DeepEqual(out.Rules[0].Destination.Ports, []snapshot.PortRange{{From: 10250, To: 10260}}) ||
			out.Rules[1].Action != "block" || !reflect.DeepEqual(out.Rules[1].Destination.CIDRs, []string{"10.200.0.0/24"}) {
			t.Errorf("101 chain %+v", out)
		}
		for _, c := range d.Firewall.Chains {
			if strings.Contains(c.Name, "GigabitEthernet3") {
				t.Errorf("a shut interface's ACL is bound: %s", c.Name)
			}
		}
	})
	t.Run("NAT", func(t *testing.T) {
		var got []string
		for _, r := range d.NAT.Rules {
			got = append(got, strings.Join([]string{r.Kind, r.Interface, strings.Join(r.Source.CIDRs, ","), strings.Join(r.Destination.CIDRs, ","), r.Translation, map[bool]string{true: "nonat", false: "nat"}[r.NoNAT]}, " "))
		}
		want := []string{
			"outbound GigabitEthernet1 10.200.0.0/16,192.168.10.1/32,192.168.0.0/16 10.0.0.0/16  nonat",
			"outbound GigabitEthernet1 10.200.0.0/16  interface-address nat",
			"port-forward GigabitEthernet1   10.200.0.20 nat",
		}
		if !reflect.DeepEqual(got, want) {
			t.Errorf("NAT rules\n got %q\nwant %q", got, want)
		}
	})
	t.Run("routes and BGP", func(t *testing.T) {
		var routes []string
		for _, r := range d.StaticRoutes {
			routes = append(routes, r.Destination+" "+r.GatewayAddress+" "+r.Interface)
		}
		// The default route is the default gateway (above), not a static route.
		if want := []string{"10.50.0.0/16 10.200.0.254 GigabitEthernet2.100", "10.60.0.0/16  Null0"}; !reflect.DeepEqual(routes, want) {
			t.Errorf("routes %q", routes)
		}
		b := d.BGP
		if b == nil || b.LocalASN != 65010 || b.RouterID != "10.255.0.1" {
			t.Fatalf("bgp %+v", b)
		}
		want := []snapshot.BGPNeighbor{
			{Address: "169.254.10.1", RemoteASN: 64512, Enabled: true, Description: "aws tunnel 1"},
			{Address: "169.254.11.2", RemoteASN: 64512, Enabled: false},
			// Not activated while `no bgp default ipv4-unicast` is set.
			{Address: "10.200.0.50", RemoteASN: 65020, Enabled: false},
		}
		if !reflect.DeepEqual(b.Neighbors, want) {
			t.Errorf("neighbours %+v", b.Neighbors)
		}
		// Classful 192.168.0.0 is a /24; the aggregate 10/8 covers advertised prefixes, 172.16/12
		// covers none and is not advertised.
		if want := []string{"10.0.0.0/8", "10.200.0.0/16", "10.50.0.0/16", "10.60.0.0/16", "192.168.0.0/24"}; !reflect.DeepEqual(b.Networks, want) {
			t.Errorf("networks %v", b.Networks)
		}
	})
	t.Run("warnings name lines and hold no secret", func(t *testing.T) {
		if !slices.ContainsFunc(warnings, func(w string) bool { return strings.HasPrefix(w, "line ") && strings.Contains(w, "time-range OFFICE") }) {
			t.Errorf("no warning for the time-range match: %q", warnings)
		}
		for _, w := range warnings {
			for _, s := range []string{"ikev2.remote.key", "map.key.one", "keyring.host", "CanaryCommunity", "0822455D0A16"} {
				if strings.Contains(w, s) {
					t.Errorf("warning %q holds a secret", w)
				}
			}
		}
	})
}

func TestType7(t *testing.T) {
	for enc, want := range map[string]string{"0822455D0A16": "cisco", "051F1F1F241B000A180B160012420F2F32": "type7.canary.key"} {
		if got, ok := decodeType7(enc); !ok || got != want {
			t.Errorf("decodeType7(%s) = %q %v, want %q", enc, got, ok, want)
		}
	}
	for _, bad := range []string{"", "0", "99AA", "08ZZ", "082"} {
		if _, ok := decodeType7(bad); ok {
			t.Errorf("decodeType7(%q) decoded", bad)
		}
	}
}

func TestBadInput(t *testing.T) {
	cases := []struct{ name, cfg, want string }{
		{"binary", "hostname x\n\x00\x01", "line 2: NUL byte"},
		{"ASA", ": Saved\n:\nASA Version 9.0(3)\nhostname fw\n", "line 3: Cisco ASA configuration (ASA Version 9.0(3)): the cisco-ios format reads IOS and IOS-XE only"},
		{"NX-OS", "version 7.0(3)I7(5)\nfeature bgp\nhostname n9k\n", "line 2: NX-OS configuration"},
		{"not a config", "{\"Vpcs\": []}\n", "line 1: not an IOS running-config"},
		{"only comments", "!\n! nothing\n!\n", "line 1: not an IOS running-config"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			_, _, err := Import("bad.cfg", []byte(tc.cfg), testSalt)
			devicetest.OneLineError(t, err, tc.want)
		})
	}
}
