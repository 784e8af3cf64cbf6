package linux

import (
	"net/netip"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/hybridcheck/hybridcheck/internal/collector/device"
	"github.com/hybridcheck/hybridcheck/internal/collector/device/devicetest"
	"github.com/hybridcheck/hybridcheck/internal/snapshot"
)

const salt = "5eed5eed5eed5eed5eed5eed5eed5eed5eed5eed5eed5eed5eed5eed5eed5eed"

// gatewayDir is the Linux gateway of the TGW/BGP variant (testdata/linux at the repository root).
var gatewayDir = filepath.Join("..", "..", "..", "..", "testdata", "linux", "gateway")

func importDir(t *testing.T, dir string) (*snapshot.Device, []string) {
	t.Helper()
	dev, src, err := device.Import("linux", dir, salt)
	if err != nil {
		t.Fatal(err)
	}
	devicetest.Validate(t, dev, salt)
	return dev, src.Warnings
}

func neighbor(t *testing.T, dev *snapshot.Device, addr string) snapshot.BGPNeighbor {
	t.Helper()
	return devicetest.Find(t, dev.BGP.Neighbors, func(n snapshot.BGPNeighbor) bool { return n.Address == addr }, "no BGP neighbor %s", addr)
}

func route(t *testing.T, dev *snapshot.Device, dst string) snapshot.StaticRoute {
	t.Helper()
	return devicetest.Find(t, dev.StaticRoutes, func(r snapshot.StaticRoute) bool { return r.Destination == dst }, "no static route to %s", dst)
}

func TestGatewayFolderIsOneDevice(t *testing.T) {
	dev, warnings := importDir(t, gatewayDir)
	if len(warnings) > 0 {
		t.Errorf("warnings: %v", warnings)
	}
	if dev.Name != "eks-hybrid-linux-gw-1" || dev.Format != "linux" || dev.Firewall.Model != "nftables" {
		t.Errorf("name %q format %q model %q", dev.Name, dev.Format, dev.Firewall.Model)
	}
	if !reflect.DeepEqual(dev.WANAddresses, []string{"3.232.157.211"}) {
		t.Errorf("WAN addresses %v", dev.WANAddresses)
	}
	for name, role := range map[string]string{"lo": "loopback", "eth0": "wan", "eth1": "lan", "eth2": "lan", "vti1": "vti", "vti2": "vti"} {
		if got := devicetest.Interface(t, dev, name).Role; got != role {
			t.Errorf("%s role %q, want %q", name, got, role)
		}
	}
	if m := devicetest.Interface(t, dev, "vti2").Mark; m != "200" {
		t.Errorf("vti2 key read as mark %q, want 200 (iproute2 prints 0.0.0.200)", m)
	}
	p1 := devicetest.Phase1(t, dev, "aws-tunnel-1")
	want1 := snapshot.IPsecPhase1{ID: "aws-tunnel-1", Interface: "eth0", RemoteGateway: "52.44.108.101", IKEVersion: "ikev2",
		AuthMethod: "pre_shared_key", Proposals: []snapshot.IPsecProposal{{Encryption: "aes", KeyLength: 256, Hash: "sha256", DHGroup: 14}},
		LifetimeSeconds: 28800, DPDEnabled: true, DPDDelaySeconds: 10,
		PSKFingerprint: snapshot.PSKFingerprint(salt, "example-tunnel-1-psk-placeholder"),
		Location:       &snapshot.Location{File: "swanctl/swanctl.conf", Line: 6}}
	if !reflect.DeepEqual(p1, want1) {
		t.Errorf("phase 1 tunnel 1:\n got %+v\nwant %+v", p1, want1)
	}
	if fp := devicetest.Phase1(t, dev, "aws-tunnel-2").PSKFingerprint; fp != snapshot.PSKFingerprint(salt, "example-tunnel-2-psk-placeholder") {
		t.Errorf("tunnel 2 PSK from conf.d/secrets.conf not matched by its id")
	}
	p2 := devicetest.Phase2(t, dev, "aws-tunnel-2/tunnel-2")
	if p2.Mode != "vti" || p2.Interface != "vti2" || p2.Mark != "200" || p2.LocalAddress != "169.254.11.2/30" ||
		p2.RemoteAddress != "169.254.11.1/30" || p2.PFSGroup != 14 || p2.LifetimeSeconds != 3600 || len(p2.LocalNetworks) != 0 {
		t.Errorf("phase 2 tunnel 2: %+v", p2)
	}
	if r := route(t, dev, "10.100.0.0/16"); r.Interface != "vti1" || r.GatewayAddress != "169.254.10.1" || r.Description != "installed by bgp" {
		t.Errorf("BGP-installed route to the VPC: %+v", r)
	}
	// The pod route is both in FRR and in the kernel table: one route, cited at its config line.
	if r := route(t, dev, "192.168.0.0/16"); r.GatewayAddress != "10.200.0.10" || r.Location.File != "frr.conf" {
		t.Errorf("pod route: %+v", r)
	}
	if len(dev.StaticRoutes) != 3 || len(dev.Gateways) != 1 || !dev.Gateways[0].Default {
		t.Errorf("routes %+v gateways %+v", dev.StaticRoutes, dev.Gateways)
	}
	if dev.BGP == nil || dev.BGP.LocalASN != 65000 || dev.BGP.RouterID != "10.200.0.1" || len(dev.BGP.Neighbors) != 2 {
		t.Fatalf("BGP: %+v", dev.BGP)
	}
	n := neighbor(t, dev, "169.254.11.1")
	if n.RemoteASN != 64512 || !n.Enabled || n.ExportFilter != "prefix-list hybrid-out" ||
		!reflect.DeepEqual(n.Advertised, []string{"10.200.0.0/16", "192.168.0.0/16"}) {
		t.Errorf("neighbor tunnel 2: %+v", n)
	}
	rules := 0
	for _, c := range dev.Firewall.Chains {
		rules += len(c.Rules)
	}
	if len(dev.Firewall.Chains) != 5 || rules != 26 || len(dev.NAT.Rules) != 3 {
		t.Errorf("chains %d rules %d NAT %d", len(dev.Firewall.Chains), rules, len(dev.NAT.Rules))
	}
}

// TestFilesAreRecognisedByContent gives the gateway's files meaningless names: the device
// imported is the same.
func TestFilesAreRecognisedByContent(t *testing.T) {
	want, _ := importDir(t, gatewayDir)
	dir := t.TempDir()
	i := 0
	err := filepath.Walk(gatewayDir, func(p string, fi os.FileInfo, err error) error {
		if err != nil || fi.IsDir() {
			return err
		}
		data, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		i++
		return os.WriteFile(filepath.Join(dir, "export-"+string(rune('a'+i))), data, 0o600)
	})
	if err != nil {
		t.Fatal(err)
	}
	got, _ := importDir(t, dir)
	if len(got.IPsec.Phase1) != 2 || len(got.IPsec.Phase2) != 2 || len(got.Interfaces) != len(want.Interfaces) ||
		got.BGP == nil || len(got.BGP.Neighbors) != 2 || len(got.Firewall.Chains) != len(want.Firewall.Chains) ||
		devicetest.Phase1(t, got, "aws-tunnel-1").PSKFingerprint != devicetest.Phase1(t, want, "aws-tunnel-1").PSKFingerprint {
		t.Errorf("renamed files import differently: %+v", got)
	}
}

func TestStrongSwanIPsecConfAndSecrets(t *testing.T) {
	dev, warnings := importDir(t, filepath.Join("testdata", "strongswan-legacy"))
	office := devicetest.Phase1(t, dev, "office")
	if office.IKEVersion != "ikev2" || office.LifetimeSeconds != 28800 || office.DPDMaxFailures != 3 ||
		!reflect.DeepEqual(office.Proposals, []snapshot.IPsecProposal{{Encryption: "aes", KeyLength: 256, Hash: "sha256", DHGroup: 14}, {Encryption: "aes", KeyLength: 128, Hash: "sha256", DHGroup: 19}}) {
		t.Errorf("office: %+v", office)
	}
	// One key in three encodings, each chosen by the identities it names.
	for id, key := range map[string]string{"office": "office psk with spaces", "aws-1": "legacy-psk-one", "aws-2": "legacy-psk-two"} {
		if got := devicetest.Phase1(t, dev, id).PSKFingerprint; got != snapshot.PSKFingerprint(salt, key) {
			t.Errorf("%s: PSK fingerprint is not that of its key", id)
		}
	}
	if p := devicetest.Phase2(t, dev, "office/office"); !reflect.DeepEqual(p.RemoteNetworks, []string{"10.2.0.0/16", "10.3.0.0/16"}) ||
		p.PFSGroup != 14 || !reflect.DeepEqual(p.Proposals, []snapshot.IPsecProposal{{Encryption: "aes256gcm", KeyLength: 256}}) {
		t.Errorf("office phase 2: %+v", p)
	}
	aws := devicetest.Phase1(t, dev, "aws-1")
	if aws.IKEVersion != "ikev1" || !reflect.DeepEqual(aws.Proposals, []snapshot.IPsecProposal{{Encryption: "aes", KeyLength: 128, Hash: "sha1", DHGroup: 2}}) {
		t.Errorf("aws-1 does not inherit conn %%default: %+v", aws)
	}
	if p := devicetest.Phase2(t, dev, "aws-2/aws-2"); p.Mode != "vti" || p.Mark != "200" {
		t.Errorf("aws-2 with mark= is not route-based: %+v", p)
	}
	if !devicetest.Phase1(t, dev, "disabled").Disabled || devicetest.Phase1(t, dev, "aws-2").Disabled {
		t.Error("auto= not read: a conn without auto is not loaded, auto=add is")
	}
	if !hasWarning(warnings, `ipsec.conf:32: route-based child "aws-1/aws-1"`) {
		t.Errorf("no warning for the VTI missing from ip addr: %v", warnings)
	}
}

func TestLibreswanIncludesAndAlso(t *testing.T) {
	dev, _ := importDir(t, filepath.Join("testdata", "libreswan"))
	if len(dev.IPsec.Phase1) != 2 {
		t.Fatalf("want the two tunnels (aws-common is only a template), got %d", len(dev.IPsec.Phase1))
	}
	p := devicetest.Phase1(t, dev, "aws-tunnel-2")
	if p.IKEVersion != "ikev2" || p.LifetimeSeconds != 28800 || !p.DPDEnabled || p.DPDMaxFailures != 3 ||
		p.PSKFingerprint != snapshot.PSKFingerprint(salt, "libreswan tunnel two key") ||
		p.Location.File != "ipsec.d/aws.conf" || p.Location.Line != 9 {
		t.Errorf("aws-tunnel-2: %+v", p)
	}
	p2 := devicetest.Phase2(t, dev, "aws-tunnel-1/aws-tunnel-1")
	if p2.Mode != "vti" || p2.Mark != "100" || p2.LocalAddress != "169.254.10.2/30" || p2.LifetimeSeconds != 3600 || p2.PFSGroup != 14 ||
		!reflect.DeepEqual(p2.Proposals, []snapshot.IPsecProposal{{Encryption: "aes256gcm", KeyLength: 256}}) {
		t.Errorf("aws-tunnel-1 phase 2: %+v", p2)
	}
}

func TestFRRNeighboursNetworksAndFilters(t *testing.T) {
	dev, warnings := importDir(t, filepath.Join("testdata", "frr"))
	if dev.Name != "frr-edge" || devicetest.Interface(t, dev, "eth1").Description != "node LAN" {
		t.Errorf("hostname %q, interfaces %+v", dev.Name, dev.Interfaces)
	}
	// redistribute static goes through route-map statics (pods only); connected adds eth1.
	if want := []string{"10.200.0.0/16", "10.200.0.0/24", "192.168.0.0/16"}; !reflect.DeepEqual(dev.BGP.Networks, want) {
		t.Errorf("networks %v, want %v", dev.BGP.Networks, want)
	}
	t1 := neighbor(t, dev, "169.254.10.1")
	if t1.RemoteASN != 64512 || !t1.Enabled || t1.ExportFilter != "route-map to-aws" || t1.Description != "tunnel 1" ||
		!reflect.DeepEqual(t1.Advertised, []string{"10.200.0.0/16", "10.200.0.0/24", "192.168.0.0/16"}) {
		t.Errorf("peer-group member: %+v", t1)
	}
	if neighbor(t, dev, "169.254.11.1").Enabled {
		t.Error("neighbor shutdown is enabled")
	}
	n20 := neighbor(t, dev, "10.200.0.20")
	if !n20.Enabled || n20.RemoteASN != 65010 || n20.ExportFilter != "" || n20.Advertised != nil {
		t.Errorf("unfiltered neighbour: %+v", n20)
	}
	if n := neighbor(t, dev, "10.200.0.21"); n.AdvertisedUnknown == "" || n.Advertised != nil {
		t.Errorf("conditional advertisement taken as known: %+v", n)
	}
	if !hasWarning(warnings, "frr.conf:22: neighbor 10.200.0.21: what it is sent is unknown") {
		t.Errorf("warnings %v", warnings)
	}
	if r := route(t, dev, "172.31.0.0/16"); r.GatewayAddress != "10.200.0.99" || r.Location.Line != 36 {
		t.Errorf("static route: %+v", r)
	}
}

func TestPrefixListsAndRouteMaps(t *testing.T) {
	cfg := newFRR()
	for _, l := range []string{"pl seq 5 deny 10.0.0.0/8 ge 25", "pl seq 10 permit 10.0.0.0/8 le 24", "pl seq 15 permit 0.0.0.0/0", "exact permit 192.168.0.0/16"} {
		if err := frrPrefixList(cfg, strings.Fields(l)); err != nil {
			t.Fatal(err)
		}
	}
	cases := []struct {
		list, prefix string
		want         bool
	}{
		{"pl", "10.1.0.0/16", true}, {"pl", "10.1.1.0/25", false}, {"pl", "0.0.0.0/0", true}, {"pl", "172.16.0.0/12", false},
		{"exact", "192.168.0.0/16", true}, {"exact", "192.168.1.0/24", false},
	}
	for _, c := range cases {
		got, err := cfg.prefixListVerdict(c.list, mustPrefix(c.prefix))
		if err != nil || got != c.want {
			t.Errorf("%s on %s = %v, %v; want %v", c.list, c.prefix, got, err, c.want)
		}
	}
	if _, err := cfg.prefixListVerdict("missing", mustPrefix("10.0.0.0/8")); err == nil {
		t.Error("an undefined prefix-list decided something")
	}
}

func mustPrefix(s string) netip.Prefix { return netip.MustParsePrefix(s) }

func TestProposals(t *testing.T) {
	cases := []struct {
		in        string
		libreswan bool
		want      []snapshot.IPsecProposal
		pfs       int
		unknown   int
	}{
		{"aes128-sha256-x25519", false, []snapshot.IPsecProposal{{Encryption: "aes", KeyLength: 128, Hash: "sha256", DHGroup: 31}}, 31, 0},
		{"aes256gcm16-prfsha384-ecp384", false, []snapshot.IPsecProposal{{Encryption: "aes256gcm", KeyLength: 256, DHGroup: 20}}, 20, 0},
		{"aes128gcm128-x25519", false, []snapshot.IPsecProposal{{Encryption: "aes128gcm", KeyLength: 128, DHGroup: 31}}, 31, 0},
		{"aes128gcm12", false, []snapshot.IPsecProposal{{Encryption: "aesgcm12", KeyLength: 128}}, 0, 0},
		{"3des-md5-modp1024!", false, []snapshot.IPsecProposal{{Encryption: "3des", Hash: "md5", DHGroup: 2}}, 2, 0},
		{"aes256-sha2_256;modp2048", true, []snapshot.IPsecProposal{{Encryption: "aes", KeyLength: 256, Hash: "sha256", DHGroup: 14}}, 14, 0},
		{"aes_gcm_c_256-null", true, []snapshot.IPsecProposal{{Encryption: "aes256gcm", KeyLength: 256}}, 0, 0},
		{"aes-sha1", true, []snapshot.IPsecProposal{{Encryption: "aes", KeyLength: 256, Hash: "sha1"}, {Encryption: "aes", KeyLength: 128, Hash: "sha1"}}, 0, 0},
		{"aes256-sha256-modp2048-ecp256", false, []snapshot.IPsecProposal{{Encryption: "aes", KeyLength: 256, Hash: "sha256", DHGroup: 14}, {Encryption: "aes", KeyLength: 256, Hash: "sha256", DHGroup: 19}}, 14, 0},
		{"rot13-sha1", false, nil, 0, 1},
	}
	for _, c := range cases {
		got, pfs, unknown := parseProposals(c.in, c.libreswan)
		if !reflect.DeepEqual(got, c.want) || pfs != c.pfs || len(unknown) != c.unknown {
			t.Errorf("%q: got %+v pfs %d unknown %v; want %+v pfs %d", c.in, got, pfs, unknown, c.want, c.pfs)
		}
	}
}

// TestBadInputIsOneLineNamingFileAndLine writes broken folders and expects exit-2 style
// errors: one line, starting with the file's path, naming the line where there is one.
func TestBadInputIsOneLineNamingFileAndLine(t *testing.T) {
	cases := []struct {
		name  string
		files map[string]string
		want  string // after "DIR/" or, for the folder as a whole, "DIR: "
	}{
		{"unclosed swanctl section", map[string]string{"swanctl.conf": "connections {\n  a {\n    version = 2\n  }\n"}, `swanctl.conf: line 1: section "connections" is not closed`},
		{"stray brace", map[string]string{"swanctl.conf": "connections {\n}\n}\n"}, "swanctl.conf: line 3: '}' closes no section"},
		{"swanctl secret without value", map[string]string{"s.conf": "secrets {\n ike-1 {\n  id = a\n }\n}\n"}, "s.conf: line 2: secrets.ike-1 has no secret"},
		{"bad hex secret", map[string]string{"ipsec.secrets": "a b : PSK 0xZZ\n"}, "ipsec.secrets: line 1: PSK: 0x secret is not hex"},
		{"secrets garbage", map[string]string{"ipsec.secrets": ": PSK \"x\"\nthis is not a secret\n"}, "ipsec.secrets: line 2: not an `IDS : TYPE secret` entry"},
		{"ipsec.conf garbage", map[string]string{"ipsec.conf": "config setup\nconn a\n\tleft=1.2.3.4\nfoo bar baz\n"}, "ipsec.conf: line 4:"},
		{"ipsec.conf key without value", map[string]string{"ipsec.conf": "conn a\n\tleft\n"}, "ipsec.conf: line 2: want key=value"},
		{"ip addr JSON broken", map[string]string{"addr.json": "[{\"ifname\": \"eth0\",\n \"addr_info\": [}]"}, "addr.json: line 2:"},
		{"route-map garbage", map[string]string{"frr.conf": "router bgp 65000\n!\nroute-map x allow ten\n"}, "frr.conf: line 3: want `route-map NAME permit|deny SEQ`"},
		{"two rulesets", map[string]string{"a.json": `{"nftables": []}`, "b.rules": "*filter\nCOMMIT\n"}, "2 firewall rulesets (a.json, b.rules)"},
		{"nothing recognised", map[string]string{"notes.txt": "hello\n"}, "no file of the folder is a gateway export"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			dir := t.TempDir()
			for name, text := range c.files {
				if err := os.WriteFile(filepath.Join(dir, name), []byte(text), 0o600); err != nil {
					t.Fatal(err)
				}
			}
			_, _, err := device.Import("linux", dir, salt)
			if err == nil {
				t.Fatal("no error")
			}
			msg := err.Error()
			if strings.Contains(msg, "\n") || !(strings.HasPrefix(msg, dir+"/") || strings.HasPrefix(msg, dir+": ")) || !strings.Contains(msg, c.want) {
				t.Errorf("error %q, want one line starting with %s/ and holding %q", msg, dir, c.want)
			}
			if strings.Contains(msg, "ZZ") {
				t.Error("the error quotes the secret")
			}
		})
	}
	_, _, err := device.Import("linux", filepath.Join(gatewayDir, "frr.conf"), salt)
	if err == nil || !strings.Contains(err.Error(), "not a directory") {
		t.Errorf("a file given as the folder: %v", err)
	}
}

func hasWarning(warnings []string, prefix string) bool {
	for _, w := range warnings {
		if strings.HasPrefix(w, prefix) {
			return true
		}
	}
	return false
}

// TestNoSecretInTheDevice marshals the devices of every test folder and looks for each secret
// their files hold: PSKs in every encoding, RSA passphrases and raw keys, EAP and XAUTH
// passwords, BGP MD5 and vty passwords.
func TestNoSecretInTheDevice(t *testing.T) {
	secrets := []string{"example-tunnel-1-psk-placeholder", "example-tunnel-2-psk-placeholder", "office psk with spaces",
		"legacy-psk-one", "legacy-psk-two", "6c65676163792d70736b2d6f6e65", "bGVnYWN5LXBzay10d28=", "rsa key passphrase",
		"carol eap password", "dave xauth password", "libreswan tunnel one key", "libreswan tunnel two key", "DEADBEEFSECRET",
		"bgp-md5-secret", "vty-password-secret"}
	var all string
	for _, dir := range []string{gatewayDir, "testdata/strongswan-legacy", "testdata/libreswan", "testdata/frr"} {
		dev, warnings := importDir(t, dir)
		all += devicetest.Shown(t, dev, warnings)
	}
	devicetest.NoSecret(t, all, secrets)
	if !strings.Contains(all, snapshot.PSKFingerprint(salt, "office psk with spaces")) {
		t.Error("the scan saw no fingerprint: it proves nothing")
	}
}

func TestUnrecognisedFilesAreReportedAndIgnored(t *testing.T) {
	dir := t.TempDir()
	files := map[string]string{
		"frr.conf":      "router bgp 65000\n neighbor 192.0.2.1 remote-as 64512\n",
		"daemons":       "[general]\nbgpd=yes\n",
		"README":        "collected on 2026-12-01\n",
		"empty.secrets": "",
	}
	for name, text := range files {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(text), 0o600); err != nil {
			t.Fatal(err)
		}
	}
	dev, warnings := importDir(t, dir)
	if dev.BGP == nil || len(dev.BGP.Neighbors) != 1 {
		t.Fatalf("the FRR file was not read: %+v", dev.BGP)
	}
	for _, want := range []string{"README: not recognised", "daemons: not recognised", "empty.secrets: empty: ignored", "no firewall ruleset"} {
		if !hasWarning(warnings, want) {
			t.Errorf("no warning %q in %v", want, warnings)
		}
	}
}

// TestMultipathRouteIsOneRoutePerPath reads an ECMP route as iproute2 prints it (BGP over both
// tunnels to a transit gateway with ECMP).
func TestMultipathRouteIsOneRoutePerPath(t *testing.T) {
	dir := t.TempDir()
	route := `[{"dst":"10.100.0.0/16","protocol":"bgp","metric":20,"flags":[],"nexthops":[` +
		`{"gateway":"169.254.10.1","dev":"vti1","weight":1,"flags":[]},{"gateway":"169.254.11.1","dev":"vti2","weight":1,"flags":[]}]},` +
		`{"dst":"default","gateway":"192.0.2.1","dev":"eth0","flags":[]}]`
	if err := os.WriteFile(filepath.Join(dir, "route.json"), []byte(route), 0o600); err != nil {
		t.Fatal(err)
	}
	dev, _ := importDir(t, dir)
	var paths []string
	for _, r := range dev.StaticRoutes {
		if r.Destination == "10.100.0.0/16" {
			paths = append(paths, r.Interface+" via "+r.GatewayAddress)
		}
	}
	if !reflect.DeepEqual(paths, []string{"vti1 via 169.254.10.1", "vti2 via 169.254.11.1"}) {
		t.Errorf("ECMP paths %v", paths)
	}
}

// TestDefaultRouteIsTheLocalSide: Libreswan's left=%defaultroute is the interface of the
// default route.
func TestDefaultRouteIsTheLocalSide(t *testing.T) {
	dir := t.TempDir()
	for _, f := range []string{"ipsec.conf", "ipsec.secrets", "ipsec.d/aws.conf"} {
		data, err := os.ReadFile(filepath.Join("testdata", "libreswan", f))
		if err != nil {
			t.Fatal(err)
		}
		if err := os.MkdirAll(filepath.Dir(filepath.Join(dir, f)), 0o700); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(dir, f), data, 0o600); err != nil {
			t.Fatal(err)
		}
	}
	route := `[{"dst":"default","gateway":"198.51.100.1","dev":"enp1s0","flags":[]}]`
	if err := os.WriteFile(filepath.Join(dir, "routes"), []byte(route), 0o600); err != nil {
		t.Fatal(err)
	}
	dev, _ := importDir(t, dir)
	if got := devicetest.Phase1(t, dev, "aws-tunnel-1").Interface; got != "enp1s0" {
		t.Errorf("phase 1 interface %q, want the default route's enp1s0", got)
	}
}

// TestSymlinkedFilesAreRead: a swanctl conf.d copied without -L holds links.
func TestSymlinkedFilesAreRead(t *testing.T) {
	dir := t.TempDir()
	target := filepath.Join(t.TempDir(), "secrets.conf")
	data, err := os.ReadFile(filepath.Join(gatewayDir, "swanctl", "conf.d", "secrets.conf"))
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(target, data, 0o600); err != nil {
		t.Fatal(err)
	}
	conf, err := os.ReadFile(filepath.Join(gatewayDir, "swanctl", "swanctl.conf"))
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "swanctl.conf"), conf, 0o600); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink(target, filepath.Join(dir, "secrets.conf")); err != nil {
		t.Fatal(err)
	}
	dev, _ := importDir(t, dir)
	if devicetest.Phase1(t, dev, "aws-tunnel-1").PSKFingerprint == "" {
		t.Error("the symlinked secrets file was not read")
	}
}
