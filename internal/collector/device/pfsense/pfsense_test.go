package pfsense

import (
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"testing"

	"github.com/hybridcheck/hybridcheck/internal/collector/device"
	"github.com/hybridcheck/hybridcheck/internal/collector/device/devicetest"
	"github.com/hybridcheck/hybridcheck/internal/snapshot"
)

const testSalt = "6b1f0c3d9a2e4f5061728394a5b6c7d8e9f00112233445566778899aabbccddee"

// realdata is the repository's testdata/realdata, found from the test's directory.
func realdata(t testing.TB) string {
	t.Helper()
	dir, err := os.Getwd()
	if err != nil {
		t.Fatal(err)
	}
	for {
		if _, err := os.Stat(filepath.Join(dir, "go.mod")); err == nil {
			break
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			t.Fatal("go.mod not found above the test directory")
		}
		dir = parent
	}
	rd := filepath.Join(dir, "testdata", "realdata")
	if _, err := os.Stat(rd); err != nil {
		t.Fatalf("real data missing: %v", err)
	}
	return rd
}

func importFile(t *testing.T, f flavor, path string) (*snapshot.Device, []string) {
	t.Helper()
	return devicetest.ImportFile(t, f.importFunc(), path, testSalt)
}

func importString(t *testing.T, f flavor, xml string) (*snapshot.Device, []string) {
	t.Helper()
	dev, warnings, err := importConfig(f, "inline.xml", []byte(xml), testSalt)
	if err != nil {
		t.Fatalf("import: %v", err)
	}
	return dev, warnings
}

func rules(dev *snapshot.Device) []snapshot.FirewallRule { return dev.Firewall.Chains[0].Rules }

func ruleByDescr(t *testing.T, dev *snapshot.Device, descr string) snapshot.FirewallRule {
	t.Helper()
	return devicetest.Find(t, rules(dev), func(r snapshot.FirewallRule) bool { return r.Description == descr }, "no rule %q", descr)
}

func natByKind(dev *snapshot.Device, kind string) []snapshot.NATRule {
	var out []snapshot.NATRule
	for _, r := range dev.NAT.Rules {
		if r.Kind == kind {
			out = append(out, r)
		}
	}
	return out
}

// vlanCount counts distinct VLAN devices, assigned to an interface or not.
func vlanCount(dev *snapshot.Device) int {
	seen := map[string]bool{}
	for _, i := range dev.Interfaces {
		if i.VLANID > 0 {
			seen[i.Device] = true
		}
	}
	return len(seen)
}

func assignedInterfaces(dev *snapshot.Device) int {
	n := 0
	for _, i := range dev.Interfaces {
		if strings.HasPrefix(i.Location.Path, "interfaces/") {
			n++
		}
	}
	return n
}

// validInSnapshot checks the device against the snapshot's JSON schema, as Save would.
func validInSnapshot(t *testing.T, dev *snapshot.Device, format string) {
	t.Helper()
	d := *dev
	d.Format, d.Source = format, "config.xml"
	s := &snapshot.Snapshot{
		SchemaVersion: snapshot.SchemaVersion, ToolVersion: "test", CollectedAt: "2026-01-01T00:00:00Z",
		Sources: []snapshot.Source{{ID: "device:" + format, Kind: "device", Status: "ok"}},
		Devices: []snapshot.Device{d},
	}
	data, err := snapshot.Marshal(s)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := snapshot.Parse("snapshot.json", data); err != nil {
		t.Errorf("device does not validate: %v", err)
	}
}

func hasWarning(warnings []string, want string) bool {
	return slices.Contains(warnings, want)
}

// TestImportRealConfigs imports every real config and checks the counts of each section.
// The expected numbers were counted in the XML files, not taken from the importer.
func TestImportRealConfigs(t *testing.T) {
	rd := realdata(t)
	cases := []struct {
		file                                             string
		flavor                                           flavor
		filter, floating, outbound, portFwd, p1, p2, vln int
		ifaces                                           int
	}{
		{"pfsense/redactor__canary-corpus.xml", pfSense, 0, 0, 0, 0, 1, 0, 0, 2},
		{"pfsense/redactor__test-config1.xml", pfSense, 14, 0, 0, 2, 2, 2, 0, 3},
		{"pfsense/redactor__test-config2.xml", pfSense, 13, 1, 8, 2, 0, 0, 2, 7},
		{"opnsense/opndossier__gateway_groups_test.xml", opnSense, 1, 0, 0, 0, 0, 0, 0, 2},
		{"opnsense/opndossier__sample.config.5.xml", opnSense, 3, 0, 0, 0, 0, 0, 0, 3},
		{"opnsense/opndossier__sample.config.6.xml", opnSense, 51, 0, 51, 0, 0, 0, 0, 54},
		{"opnsense/opnsense-core__config.xml.sample.xml", opnSense, 2, 0, 0, 0, 0, 0, 0, 2},
	}
	for _, tc := range cases {
		t.Run(filepath.Base(tc.file), func(t *testing.T) {
			dev, _ := importFile(t, tc.flavor, filepath.Join(rd, tc.file))
			validInSnapshot(t, dev, tc.flavor.root())
			if dev.Firewall.Model != "pf" || dev.Firewall.DefaultAction != "block" || len(dev.Firewall.Chains) != 1 || dev.Firewall.Chains[0].Name != "filter" {
				t.Fatalf("firewall = %+v, want one pf chain \"filter\" with default block", dev.Firewall)
			}
			rs := rules(dev)
			floating := 0
			for i, r := range rs {
				if r.Index != i || r.Location == nil || r.Location.Line == 0 || r.Location.Path == "" {
					t.Errorf("rule %d: index %d, location %+v", i, r.Index, r.Location)
				}
				if r.Floating {
					floating++
					if i >= floating {
						t.Errorf("floating rule %q at %d after an interface rule", r.Description, i)
					}
				}
			}
			got := []int{len(rs), floating, len(natByKind(dev, "outbound")), len(natByKind(dev, "port-forward")),
				len(dev.IPsec.Phase1), len(dev.IPsec.Phase2), vlanCount(dev), assignedInterfaces(dev)}
			want := []int{tc.filter, tc.floating, tc.outbound, tc.portFwd, tc.p1, tc.p2, tc.vln, tc.ifaces}
			if !reflect.DeepEqual(got, want) {
				t.Errorf("[filter floating outbound port-forward phase1 phase2 vlans interfaces] = %v, want %v", got, want)
			}
		})
	}
}

func TestRealConfigSemantics(t *testing.T) {
	rd := realdata(t)
	cases := []struct {
		name   string
		file   string
		flavor flavor
		check  func(t *testing.T, dev *snapshot.Device, warnings []string)
	}{
		{"floating rules first, quick only when asked", "semantics.xml", pfSense, func(t *testing.T, dev *snapshot.Device, _ []string) {
			rs := rules(dev)
			if rs[0].Description != "test_rule_floating" || rs[0].Quick || rs[0].Direction != "any" || !rs[0].Floating {
				t.Errorf("rule 0 = %+v, want non-quick floating test_rule_floating, direction any", rs[0])
			}
			if rs[1].Description != "test_rule_floating_quick" || !rs[1].Quick {
				t.Errorf("rule 1 = %+v, want quick floating test_rule_floating_quick", rs[1])
			}
			if rs[2].Floating || !rs[2].Quick || rs[2].Direction != "in" || rs[2].Location.Path != "filter/rule[1]" {
				t.Errorf("rule 2 = %+v, want the first interface rule, quick, in, filter/rule[1]", rs[2])
			}
		}},
		{"not, host alias and port alias", "semantics.xml", pfSense, func(t *testing.T, dev *snapshot.Device, _ []string) {
			r := ruleByDescr(t, dev, "not_rule_dst")
			want := snapshot.Endpoint{Not: true, CIDRs: []string{"192.168.1.165/32"}, Alias: "srv_admin", Ports: []snapshot.PortRange{{From: 22, To: 22}}}
			if !reflect.DeepEqual(r.Destination, want) || !r.Source.Any || r.Protocol != "tcp" || r.Interfaces[0] != "lan" {
				t.Errorf("not_rule_dst = %+v", r)
			}
		}},
		{"schedule is unsupported and warned", "semantics.xml", pfSense, func(t *testing.T, dev *snapshot.Device, warnings []string) {
			r := ruleByDescr(t, dev, "test_rule_sched")
			if !reflect.DeepEqual(r.Unsupported, []string{`schedule "workdays" not modelled`}) {
				t.Errorf("unsupported = %q", r.Unsupported)
			}
			if !hasWarning(warnings, `filter/rule[2] (tracker 1545574419): schedule "workdays" not modelled`) {
				t.Errorf("warnings = %q", warnings)
			}
		}},
		{"phase 1 proposals, DPD, CARP WAN address, VLAN", "semantics.xml", pfSense, func(t *testing.T, dev *snapshot.Device, _ []string) {
			p := dev.IPsec.Phase1[0]
			want := []snapshot.IPsecProposal{
				{Encryption: "aes", KeyLength: 128, Hash: "sha256", DHGroup: 14},
				{Encryption: "aes", KeyLength: 256, Hash: "sha256", DHGroup: 14},
				{Encryption: "aes128gcm", KeyLength: 128, Hash: "sha256", DHGroup: 14},
				{Encryption: "blowfish", KeyLength: 256, Hash: "aesxcbc", DHGroup: 14},
			}
			if !reflect.DeepEqual(p.Proposals, want) || p.RemoteGateway != "1.2.4.8" || p.IKEVersion != "ikev2" ||
				p.LifetimeSeconds != 28800 || !p.DPDEnabled || p.DPDDelaySeconds != 10 || p.DPDMaxFailures != 5 {
				t.Errorf("phase1[0] = %+v", p)
			}
			for _, p1 := range dev.IPsec.Phase1 {
				if p1.Description == "tunnel_cert" && p1.AuthMethod != "rsasig" {
					t.Errorf("tunnel_cert auth = %q, want rsasig", p1.AuthMethod)
				}
			}
			if !reflect.DeepEqual(dev.WANAddresses, []string{"192.168.240.137", "151.25.19.11"}) {
				t.Errorf("wan addresses = %v, want the WAN address and its CARP VIP", dev.WANAddresses)
			}
			for _, i := range dev.Interfaces {
				if i.Name == "opt3" && (i.Role != "vlan" || i.VLANID != 1100 || i.Parent != "vmx1" || i.Networks[0] != "172.16.151.0/24") {
					t.Errorf("opt3 = %+v", i)
				}
			}
		}},
		{"phase 2 networks and BINAT warning", "semantics.xml", pfSense, func(t *testing.T, dev *snapshot.Device, warnings []string) {
			p := dev.IPsec.Phase2[0]
			if p.Mode != "tunnel" || p.Phase1ID != "1" || len(p.LocalNetworks) != 1 || p.LocalNetworks[0] != "192.168.1.0/24" ||
				!reflect.DeepEqual(p.RemoteNetworks, []string{"10.20.30.0/24"}) || p.LifetimeSeconds != 3600 {
				t.Errorf("phase2[0] = %+v", p)
			}
			if !hasWarning(warnings, "ipsec/phase2[2]: NAT/BINAT translation of the local network not modelled") {
				t.Errorf("warnings = %q", warnings)
			}
		}},
		{"static route to a nested alias", "semantics.xml", pfSense, func(t *testing.T, dev *snapshot.Device, _ []string) {
			var dests []string
			for _, r := range dev.StaticRoutes {
				if r.GatewayAddress != "192.168.240.1" || r.Interface != "wan" {
					t.Errorf("route %+v: want gateway GW_WAN 192.168.240.1 on wan", r)
				}
				dests = append(dests, r.Destination)
			}
			// "servers" holds 172.16.2.0/24 and the aliases lan_voip_poc3 and ad_poc2.
			if want := []string{"10.3.0.0/16", "172.16.2.0/24", "172.16.3.0/24", "192.168.2.3/32"}; !reflect.DeepEqual(dests, want) {
				t.Errorf("routes = %v, want %v", dests, want)
			}
		}},
		{"pre-shared key becomes a keyed fingerprint", "pfsense/redactor__test-config1.xml", pfSense, func(t *testing.T, dev *snapshot.Device, _ []string) {
			p := dev.IPsec.Phase1[0]
			if p.PSKFingerprint != snapshot.PSKFingerprint(testSalt, "cisco") || p.PSKFingerprint == snapshot.PSKFingerprint("00", "cisco") {
				t.Errorf("fingerprint %q is not HMAC(salt, key)", p.PSKFingerprint)
			}
			want := []snapshot.IPsecProposal{{Encryption: "aes", KeyLength: 256, Hash: "sha1", DHGroup: 2}}
			if !reflect.DeepEqual(p.Proposals, want) || p.RemoteGateway != "172.21.41.146" || !p.Disabled {
				t.Errorf("phase1[0] = %+v", p)
			}
			if p2 := dev.IPsec.Phase2[1]; p2.PFSGroup != 14 || !reflect.DeepEqual(p2.RemoteNetworks, []string{"0.0.0.0/0"}) ||
				!reflect.DeepEqual(p2.Proposals, []snapshot.IPsecProposal{{Encryption: "aes", KeyLength: 128, Hash: "sha1"}}) {
				t.Errorf("phase2[1] = %+v", p2)
			}
		}},
		{"URL table alias is unsupported", "pfsense/redactor__test-config1.xml", pfSense, func(t *testing.T, dev *snapshot.Device, _ []string) {
			r := rules(dev)[0]
			if r.Source.Alias != "pfB_Asia_v4" || len(r.Source.CIDRs) != 0 || len(r.Unsupported) != 1 {
				t.Errorf("rule 0 = %+v", r)
			}
		}},
		{"tagged floating block and policy routing", "pfsense/redactor__test-config2.xml", pfSense, func(t *testing.T, dev *snapshot.Device, warnings []string) {
			r := rules(dev)[0]
			if r.Action != "block" || !r.Floating || r.IPVersion != "any" || r.Quick ||
				!reflect.DeepEqual(r.Unsupported, []string{`match on packet tag "MULLVAD_NO_WAN_EGRESS" not modelled`}) {
				t.Errorf("rule 0 = %+v", r)
			}
			if !hasWarning(warnings, `filter/rule[10] (tracker 1585165167): gateway "WAN_DHCP" (policy routing) not modelled`) {
				t.Errorf("warnings = %q", warnings)
			}
			if dev.NAT.OutboundMode != "advanced" {
				t.Errorf("outbound mode = %q", dev.NAT.OutboundMode)
			}
		}},
		{"OPNsense outbound NAT from an interface network", "opnsense/opndossier__sample.config.6.xml", opnSense, func(t *testing.T, dev *snapshot.Device, _ []string) {
			r := dev.NAT.Rules[1]
			if r.Description != "Engineering723" || r.Interface != "wan" || r.Translation != "10.11.12.12" ||
				!reflect.DeepEqual(r.Source.CIDRs, []string{"10.12.75.0/24"}) || r.Source.Alias != "opt6" || !r.Destination.Any {
				t.Errorf("nat rule 1 = %+v", r)
			}
			if dev.NAT.OutboundMode != "advanced" {
				t.Errorf("mode = %q", dev.NAT.OutboundMode)
			}
			carp := rules(dev)[0]
			if !carp.Disabled || carp.Protocol != "112" || !carp.Quick {
				t.Errorf("rule 0 = %+v, want disabled CARP (112)", carp)
			}
		}},
		{"OPNsense MVC rules", "opnsense/opnsense-core__config.xml.sample.xml", opnSense, func(t *testing.T, dev *snapshot.Device, _ []string) {
			rs := rules(dev)
			if rs[0].Description != "Default allow LAN to any rule" || !reflect.DeepEqual(rs[0].Source.CIDRs, []string{"192.168.1.0/24"}) ||
				!rs[0].Destination.Any || rs[0].Location.Path != "OPNsense/Firewall/Filter/rules/rule[1]" {
				t.Errorf("rule 0 = %+v", rs[0])
			}
			if rs[1].IPVersion != "inet6" || len(rs[1].Unsupported) != 1 || len(rs[1].Source.CIDRs) != 0 {
				t.Errorf("rule 1 = %+v, want IPv6 LAN network unsupported", rs[1])
			}
		}},
		{"OPNsense (self) destination", "opnsense/opndossier__sample.config.5.xml", opnSense, func(t *testing.T, dev *snapshot.Device, warnings []string) {
			r := rules(dev)[0]
			if !r.Destination.Self || r.Destination.Ports[0].From != 22 || r.Tracker != "38ab15a5-99c7-4cd7-87cd-e8662aee24f8" {
				t.Errorf("rule 0 = %+v", r)
			}
			if !hasWarning(warnings, "interfaces/wan: address is assigned by DHCP at run time: no static address") {
				t.Errorf("warnings = %q", warnings)
			}
		}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			path := filepath.Join(rd, tc.file)
			if tc.file == "semantics.xml" {
				// Written for these tests in place of the GPL pfsensible configs (see its header).
				path = filepath.Join("testdata", tc.file)
			}
			dev, warnings := importFile(t, tc.flavor, path)
			tc.check(t, dev, warnings)
		})
	}
}

// TestNoSecretsSurvive imports every real file and checks that no planted or real secret
// reaches the device or the warnings.
func TestNoSecretsSurvive(t *testing.T) {
	rd := realdata(t)
	files, _ := filepath.Glob(filepath.Join(rd, "pfsense", "*.xml"))
	more, _ := filepath.Glob(filepath.Join(rd, "opnsense", "*.xml"))
	files = append(files, more...)
	// Secrets present in the real files: the canary markers, the PSKs "cisco" and "1234",
	// bcrypt hashes, base64 PEM blocks, the SNMP community "public".
	forbidden := []string{"CANARY_", `"cisco"`, `"1234"`, "$2y$", "$2b$", "LS0tLS1", "BEGIN", `"public"`}
	for _, f := range files {
		t.Run(filepath.Base(f), func(t *testing.T) {
			fl := pfSense
			if strings.Contains(f, "opnsense") {
				fl = opnSense
			}
			dev, warnings := importFile(t, fl, f)
			devicetest.NoSecret(t, devicetest.Shown(t, dev, warnings), forbidden)
		})
	}
	t.Run("canary phase 1 key is fingerprinted", func(t *testing.T) {
		dev, _ := importFile(t, pfSense, filepath.Join(rd, "pfsense", "redactor__canary-corpus.xml"))
		got := dev.IPsec.Phase1[0].PSKFingerprint
		if got == "" || got != snapshot.PSKFingerprint(testSalt, "CANARY_IPSECPSK") {
			t.Errorf("fingerprint = %q, want HMAC of the canary key with the snapshot salt", got)
		}
	})
}

func TestSeedExample(t *testing.T) {
	dev, warnings := importFile(t, pfSense, filepath.Join("testdata", "seed-example.xml"))
	validInSnapshot(t, dev, "pfsense")
	if len(warnings) != 0 {
		t.Errorf("warnings = %q, want none", warnings)
	}
	if dev.Hostname != "eks-hybrid-remote-gateway-1" || !reflect.DeepEqual(dev.WANAddresses, []string{"3.232.157.211"}) {
		t.Errorf("hostname %q, wan %v", dev.Hostname, dev.WANAddresses)
	}
	nets := map[string]snapshot.Interface{}
	for _, i := range dev.Interfaces {
		nets[i.Name] = i
	}
	if i := nets["lan"]; i.Role != "vlan" || i.VLANID != 200 || !reflect.DeepEqual(i.Networks, []string{"10.200.0.0/24"}) {
		t.Errorf("lan = %+v", i)
	}
	if i := nets["opt1"]; i.Role != "vlan" || i.VLANID != 201 || !reflect.DeepEqual(i.Networks, []string{"10.200.1.0/24"}) {
		t.Errorf("opt1 = %+v", i)
	}
	if i := nets["wan"]; i.Role != "wan" || i.Gateway != "3.232.157.1" || !reflect.DeepEqual(i.Addresses, []string{"3.232.157.211/24"}) {
		t.Errorf("wan = %+v", i)
	}
	for _, a := range dev.Aliases {
		if a.Name == "HYBRID_CIDRS" && !reflect.DeepEqual(a.CIDRs, []string{"10.200.0.0/16", "192.168.0.0/16"}) {
			t.Errorf("nested alias HYBRID_CIDRS = %v", a.CIDRs)
		}
	}

	if len(dev.IPsec.Phase1) != 2 || len(dev.IPsec.Phase2) != 4 {
		t.Fatalf("phase1 %d, phase2 %d, want 2 and 4", len(dev.IPsec.Phase1), len(dev.IPsec.Phase2))
	}
	for i, gw := range []string{"52.44.108.101", "3.225.148.144"} {
		p := dev.IPsec.Phase1[i]
		want := []snapshot.IPsecProposal{{Encryption: "aes", KeyLength: 256, Hash: "sha256", DHGroup: 14}}
		if p.RemoteGateway != gw || p.IKEVersion != "ikev2" || !reflect.DeepEqual(p.Proposals, want) || p.LifetimeSeconds != 28800 ||
			!p.DPDEnabled || p.Disabled || p.AuthMethod != "pre_shared_key" || len(p.PSKFingerprint) != 64 {
			t.Errorf("phase1[%d] = %+v", i, p)
		}
	}
	for i, p := range dev.IPsec.Phase2 {
		local := []string{"10.200.0.0/16", "192.168.0.0/16"}[i%2]
		if p.Mode != "tunnel" || !reflect.DeepEqual(p.LocalNetworks, []string{local}) || !reflect.DeepEqual(p.RemoteNetworks, []string{"10.100.0.0/16"}) ||
			p.PFSGroup != 14 || p.LifetimeSeconds != 3600 || p.Phase1ID != []string{"1", "2"}[i/2] {
			t.Errorf("phase2[%d] = %+v", i, p)
		}
	}

	if dev.NAT.OutboundMode != "hybrid" || len(dev.NAT.Rules) != 3 {
		t.Fatalf("nat = %+v", dev.NAT)
	}
	for i, src := range []string{"10.200.0.0/16", "192.168.0.0/16"} {
		r := dev.NAT.Rules[i]
		if !r.NoNAT || r.Translation != "" || !reflect.DeepEqual(r.Source.CIDRs, []string{src}) || !reflect.DeepEqual(r.Destination.CIDRs, []string{"10.100.0.0/16"}) {
			t.Errorf("nat rule %d = %+v, want a no-NAT exemption", i, r)
		}
	}
	if r := dev.NAT.Rules[2]; r.NoNAT || r.Translation != "interface-address" || !r.Destination.Any {
		t.Errorf("nat rule 2 = %+v", r)
	}
	if len(dev.StaticRoutes) != 1 || dev.StaticRoutes[0].Destination != "192.168.0.0/16" || dev.StaticRoutes[0].GatewayAddress != "10.200.0.10" {
		t.Errorf("routes = %+v", dev.StaticRoutes)
	}

	rs := rules(dev)
	if len(rs) != 24 {
		t.Fatalf("%d rules, want 24", len(rs))
	}
	// The 13 floating rules come first although the file lists them after the WAN,
	// IPsec and LAN rules.
	for i, r := range rs {
		if r.Floating != (i < 13) || !r.Quick || r.Disabled || len(r.Unsupported) > 0 {
			t.Errorf("rule %d %q: floating %v quick %v disabled %v unsupported %q", i, r.Description, r.Floating, r.Quick, r.Disabled, r.Unsupported)
		}
	}
	nat := ruleByDescr(t, dev, "NAT-T from the AWS tunnels")
	if nat.Interfaces[0] != "wan" || nat.Direction != "in" || nat.Protocol != "udp" || nat.Location.Path != "filter/rule[2]" ||
		!reflect.DeepEqual(nat.Source.CIDRs, []string{"52.44.108.101/32", "3.225.148.144/32"}) ||
		!nat.Destination.Self || !reflect.DeepEqual(nat.Destination.CIDRs, []string{"3.232.157.211/32"}) ||
		!reflect.DeepEqual(nat.Destination.Ports, []snapshot.PortRange{{From: 4500, To: 4500}}) {
		t.Errorf("NAT-T rule = %+v", nat)
	}
	out := ruleByDescr(t, dev, "IKE and NAT-T to the AWS tunnels")
	if out.Direction != "out" || !reflect.DeepEqual(out.Destination.Ports, []snapshot.PortRange{{From: 500, To: 500}, {From: 4500, To: 4500}}) {
		t.Errorf("outbound IKE rule = %+v", out)
	}
	etcd := ruleByDescr(t, dev, "Hybrid nodes to Amazon EKS, etcd")
	if !reflect.DeepEqual(etcd.Interfaces, []string{"lan", "opt1"}) || !reflect.DeepEqual(etcd.Destination.Ports, []snapshot.PortRange{{From: 2379, To: 2380}}) {
		t.Errorf("etcd rule = %+v", etcd)
	}
	ping := ruleByDescr(t, dev, "AWS to hybrid nodes, cilium-health pings")
	if ping.Interfaces[0] != "enc0" || !reflect.DeepEqual(ping.ICMPTypes, []int{8, 0}) {
		t.Errorf("ping rule = %+v", ping)
	}
	egress := ruleByDescr(t, dev, "Hybrid nodes to EKS, ECR and SSM endpoints")
	if !slices.Contains(egress.Destination.FQDNs, "ssm.us-east-1.amazonaws.com") || len(egress.Destination.CIDRs) != 0 {
		t.Errorf("egress rule = %+v", egress)
	}
	gui := ruleByDescr(t, dev, "Web GUI from the node VLAN")
	if !reflect.DeepEqual(gui.Source.CIDRs, []string{"10.200.0.0/24"}) || !gui.Destination.Self || !reflect.DeepEqual(gui.Destination.CIDRs, []string{"10.200.0.1/32"}) {
		t.Errorf("web GUI rule = %+v", gui)
	}
}

func TestRegisteredFormats(t *testing.T) {
	for _, f := range []string{"pfsense", "opnsense"} {
		if !slices.Contains(device.Formats(), f) {
			t.Errorf("format %q not registered", f)
		}
	}
	path := filepath.Join("testdata", "seed-example.xml")
	dev, src, err := device.Import("pfsense", path, testSalt)
	if err != nil {
		t.Fatal(err)
	}
	if dev.Format != "pfsense" || dev.Source != path || src.Items != 24 || src.Status != "ok" {
		t.Errorf("format %q source %q items %d status %q", dev.Format, dev.Source, src.Items, src.Status)
	}
	bad := filepath.Join(t.TempDir(), "config.xml")
	if err := os.WriteFile(bad, []byte("<opnsense>\n<filter>\n</opnsense>\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	_, _, err = device.Import("opnsense", bad, testSalt)
	if want := bad + ": line 3: malformed XML: element <filter> closed by </opnsense>"; err == nil || err.Error() != want {
		t.Errorf("error %v, want %q", err, want)
	}
}
