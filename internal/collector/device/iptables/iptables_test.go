package iptables

import (
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/hybridcheck/hybridcheck/internal/collector/device/devicetest"

	"github.com/hybridcheck/hybridcheck/internal/snapshot"
)

// exports are the repository's real iptables exports.
var exports = devicetest.Exports{Import: Import, Dir: devicetest.RealData("iptables-save"), Pattern: "*"}

func importText(t *testing.T, text string) (*snapshot.Device, []string) {
	t.Helper()
	dev, warnings, err := Import("rules.v4", []byte(text), "")
	if err != nil {
		t.Fatalf("%v\n%s", err, text)
	}
	return dev, warnings
}

// validate wraps the device in a snapshot and runs the snapshot's own schema validation.
func validate(t *testing.T, dev *snapshot.Device) { devicetest.Validate(t, dev, "") }

// Counted by reading each file: every declared chain outside the nat table, plus built-in
// chains that receive rules without a declaration (z2-firewall's POSTROUTING).
func TestRealExportsImportWithTheirCounts(t *testing.T) {
	type wantCounts struct{ chains, rules, nat int }
	want := map[string]wantCounts{
		"batfish__example__live__host1.iptables":     {8, 2, 0},
		"batfish__example__live__host2.iptables":     {8, 2, 0},
		"batfish__iptables-firewall__z1-firewall.v4": {1, 3, 0},
		"batfish__iptables-firewall__z2-firewall.v4": {2, 8, 0},
		"batfish__iptables-firewall__z2-host2.v4":    {2, 1, 0},
		"batfish__router-iptables__host1.iptables":   {1, 1, 0},
	}
	devicetest.HandCounted(t, exports.Files(t), exports.File, want, func(t *testing.T, dev *snapshot.Device, warnings []string, w wantCounts) {
		got := [3]int{len(dev.Firewall.Chains), devicetest.RuleCount(dev), len(dev.NAT.Rules)}
		if exp := [3]int{w.chains, w.rules, w.nat}; got != exp {
			t.Errorf("chains, rules, NAT rules = %v, want %v", got, exp)
		}
		if len(warnings) != 0 {
			t.Errorf("unexpected warnings %q", warnings)
		}
		validate(t, dev)
	})
}

func TestRealExportSemantics(t *testing.T) {
	exports.Files(t)
	dev, _ := exports.File(t, exports.Path("batfish__example__live__host1.iptables"))
	in := devicetest.ChainNamed(t, dev, "filter", "INPUT")
	if in.Policy != "drop" || in.Hook != "input" || in.Priority != 0 {
		t.Errorf("INPUT: %+v", in)
	}
	if r := in.Rules[0]; r.Protocol != "udp" || !reflect.DeepEqual(r.Destination.Ports, []snapshot.PortRange{{From: 53, To: 53}}) ||
		r.Action != "pass" || r.Location.Line != 15 {
		t.Errorf("-A INPUT -p udp --dport 53 -j ACCEPT: %+v", r)
	}
	if dev.Version != "iptables-save v1.4.7" {
		t.Errorf("version %q", dev.Version)
	}

	dev, _ = exports.File(t, exports.Path("batfish__example__live__host2.iptables"))
	if r := devicetest.ChainNamed(t, dev, "filter", "OUTPUT").Rules[0]; r.Action != "block" || !reflect.DeepEqual(r.Destination.CIDRs, []string{"2.128.0.101/32"}) {
		t.Errorf("-A OUTPUT -d 2.128.0.101 -j DROP: %+v", r)
	}

	dev, _ = exports.File(t, exports.Path("batfish__iptables-firewall__z2-firewall.v4"))
	pre := devicetest.ChainNamed(t, dev, "mangle", "PREROUTING")
	if pre.Policy != "drop" || pre.Priority != -150 || len(pre.Rules) != 7 {
		t.Errorf("mangle PREROUTING: policy %s priority %d rules %d", pre.Policy, pre.Priority, len(pre.Rules))
	}
	if r := pre.Rules[0]; r.Protocol != "89" || r.Source.CIDRs[0] != "10.0.1.1/32" {
		t.Errorf("OSPF rule: %+v", r)
	}
	if r := pre.Rules[1]; !reflect.DeepEqual(r.Interfaces, []string{"eth0"}) || r.Source.CIDRs[0] != "10.0.3.0/24" {
		t.Errorf("-s 10.0.3.0/24 -i eth0: %+v", r)
	}
	if r := pre.Rules[3]; !reflect.DeepEqual(r.Source.Ports, []snapshot.PortRange{{From: 80, To: 80}}) || r.Destination.Ports != nil {
		t.Errorf("--sport 80: %+v", r)
	}
	post := devicetest.ChainNamed(t, dev, "mangle", "POSTROUTING")
	if post.Policy != "accept" || len(post.Rules) != 1 {
		t.Errorf("undeclared built-in POSTROUTING: %+v", post)
	}
}

// testdata/seed-example.iptables is the output of iptables-save 1.8.9 after iptables-restore
// of the seed network's rules (prepare-network.md) in a fresh network namespace.
func TestSeedExample(t *testing.T) {
	dev := exports.SeedExample(t, "seed-example.iptables")
	if len(dev.Firewall.Chains) != 4 || devicetest.RuleCount(dev) != 31 || len(dev.NAT.Rules) != 2 {
		t.Fatalf("chains %d rules %d NAT %d", len(dev.Firewall.Chains), devicetest.RuleCount(dev), len(dev.NAT.Rules))
	}
	in := devicetest.ChainNamed(t, dev, "filter", "INPUT")
	ike := in.Rules[3]
	if in.Policy != "drop" || ike.Protocol != "udp" || ike.Source.CIDRs[0] != "3.225.148.144/32" ||
		!reflect.DeepEqual(ike.Destination.Ports, []snapshot.PortRange{{From: 500, To: 500}, {From: 1194, To: 1194}, {From: 4500, To: 4500}}) ||
		ike.Location.Line != 10 {
		t.Errorf("IKE/NAT-T rule: %+v", ike)
	}
	if esp := in.Rules[4]; esp.Protocol != "esp" || esp.Description != "ESP for IPsec data encryption" {
		t.Errorf("ESP rule: %+v", esp)
	}
	fwd := devicetest.ChainNamed(t, dev, "filter", "FORWARD")
	if r := fwd.Rules[0]; !reflect.DeepEqual(r.States, []string{"established", "related"}) {
		t.Errorf("-m state --state RELATED,ESTABLISHED: %v", r.States)
	}
	if r := fwd.Rules[10]; r.Action != "jump" || r.JumpTarget != "TO-AWS-VPC" {
		t.Errorf("jump: %+v", r)
	}
	web := fwd.Rules[12]
	if !web.Destination.Not || web.Destination.CIDRs[0] != "10.0.0.0/8" || web.Interfaces[0] != "eth1" || web.OutInterfaces[0] != "eth0" {
		t.Errorf("! -d 10.0.0.0/8: %+v", web)
	}
	if r := fwd.Rules[13]; r.Action != "log" {
		t.Errorf("LOG rule action %q", r.Action)
	}
	toAWS := devicetest.ChainNamed(t, dev, "filter", "TO-AWS-VPC")
	if toAWS.Hook != "" || toAWS.Policy != "" || toAWS.Rules[4].Action != "return" {
		t.Errorf("user chain: %+v", toAWS)
	}
	if r := toAWS.Rules[1]; !reflect.DeepEqual(r.Destination.Ports, []snapshot.PortRange{{From: 2379, To: 2380}, {From: 4240, To: 4240}}) {
		t.Errorf("--dports 4240,2379:2380: %v", r.Destination.Ports)
	}
	exempt, masq := dev.NAT.Rules[0], dev.NAT.Rules[1]
	if !exempt.NoNAT || exempt.Destination.CIDRs[0] != "10.100.0.0/16" || exempt.Location.Path != "nat/POSTROUTING/rule[0]" {
		t.Errorf("exemption: %+v", exempt)
	}
	if masq.Kind != "masquerade" || masq.Interface != "eth0" || masq.NoNAT || masq.Translation != "interface-address" {
		t.Errorf("masquerade: %+v", masq)
	}
}

func TestRuleOptions(t *testing.T) {
	cases := []struct {
		name, rule string
		check      func(r snapshot.FirewallRule) bool
	}{
		{"negated source", `-A INPUT ! -s 10.0.0.0/8 -j DROP`, func(r snapshot.FirewallRule) bool {
			return r.Source.Not && r.Source.CIDRs[0] == "10.0.0.0/8" && r.Action == "block"
		}},
		{"old-style negation", `-A INPUT -s ! 10.0.0.1 -j DROP`, func(r snapshot.FirewallRule) bool {
			return r.Source.Not && r.Source.CIDRs[0] == "10.0.0.1/32"
		}},
		{"long options", `-A INPUT --source 10.0.0.1 --destination 10.0.0.2 --protocol udp --destination-port 53 --jump ACCEPT`, func(r snapshot.FirewallRule) bool {
			return r.Source.CIDRs[0] == "10.0.0.1/32" && r.Destination.CIDRs[0] == "10.0.0.2/32" && r.Protocol == "udp" &&
				r.Destination.Ports[0].From == 53 && r.Action == "pass"
		}},
		{"unknown flag keeps the target", `-A INPUT -m recent --rcheck --seconds 60 -j DROP`, func(r snapshot.FirewallRule) bool {
			return r.Action == "block" && reflect.DeepEqual(r.Unsupported, []string{"-m recent", "--rcheck", "--seconds 60"})
		}},
		{"dotted netmask", `-A INPUT -d 192.168.4.7/255.255.255.0 -j ACCEPT`, func(r snapshot.FirewallRule) bool {
			return r.Destination.CIDRs[0] == "192.168.4.0/24"
		}},
		{"port range", `-A INPUT -p tcp -m tcp --dport 1000:2000 -j ACCEPT`, func(r snapshot.FirewallRule) bool {
			return r.Protocol == "tcp" && r.Destination.Ports[0] == snapshot.PortRange{From: 1000, To: 2000}
		}},
		{"open port range", `-A INPUT -p udp --sport 1024: -j ACCEPT`, func(r snapshot.FirewallRule) bool {
			return r.Source.Ports[0] == snapshot.PortRange{From: 1024, To: 65535}
		}},
		{"multiport sports", `-A INPUT -p tcp -m multiport --sports 80,8000:8080 -j ACCEPT`, func(r snapshot.FirewallRule) bool {
			return len(r.Source.Ports) == 2 && r.Source.Ports[1] == snapshot.PortRange{From: 8000, To: 8080}
		}},
		{"negated ctstate", `-A INPUT -m conntrack ! --ctstate NEW,INVALID -j ACCEPT`, func(r snapshot.FirewallRule) bool {
			return reflect.DeepEqual(r.States, []string{"established", "related", "untracked"})
		}},
		{"icmp name", `-A INPUT -p icmp --icmp-type echo-request -j ACCEPT`, func(r snapshot.FirewallRule) bool {
			return r.Protocol == "icmp" && reflect.DeepEqual(r.ICMPTypes, []int{8})
		}},
		{"iprange", `-A INPUT -m iprange --src-range 10.0.0.1-10.0.0.2 -j ACCEPT`, func(r snapshot.FirewallRule) bool {
			return reflect.DeepEqual(r.Source.CIDRs, []string{"10.0.0.1/32", "10.0.0.2/32"})
		}},
		{"quoted comment", `-A INPUT -m comment --comment "say \"hi\" now" -j REJECT --reject-with icmp-port-unreachable`, func(r snapshot.FirewallRule) bool {
			return r.Description == `say "hi" now` && r.Action == "reject" && r.Unsupported == nil
		}},
		{"counters prefix", `[12:3456] -A INPUT -i eth0 -j ACCEPT`, func(r snapshot.FirewallRule) bool {
			return r.Interfaces[0] == "eth0" && r.Action == "pass"
		}},
		{"goto", `-A INPUT -g LAN`, func(r snapshot.FirewallRule) bool { return r.Action == "goto" && r.JumpTarget == "LAN" }},
		{"rate limit is unsupported", `-A INPUT -p tcp --dport 22 -m limit --limit 3/min -j ACCEPT`, func(r snapshot.FirewallRule) bool {
			return r.Action == "pass" && len(r.Unsupported) == 2 && r.Unsupported[0] == "-m limit"
		}},
		{"negated interface is unsupported", `-A INPUT ! -i lo -d 127.0.0.0/8 -j DROP`, func(r snapshot.FirewallRule) bool {
			return len(r.Unsupported) == 1 && r.Interfaces == nil
		}},
		{"unknown target is unsupported", `-A INPUT -j FROBNICATE`, func(r snapshot.FirewallRule) bool {
			return r.Action == "other" && r.Unsupported[0] == "target FROBNICATE"
		}},
		{"mark target is a non-terminal", `-A INPUT -j MARK --set-mark 0x1`, func(r snapshot.FirewallRule) bool {
			return r.Action == "other" && r.Unsupported == nil
		}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			dev, _ := importText(t, "*filter\n:INPUT ACCEPT [0:0]\n:LAN - [0:0]\n"+tc.rule+"\nCOMMIT\n")
			r := devicetest.ChainNamed(t, dev, "filter", "INPUT").Rules[0]
			if !tc.check(r) {
				t.Errorf("%s\n=> %+v", tc.rule, r)
			}
		})
	}
}

func TestNATTargets(t *testing.T) {
	dev, warnings := importText(t, `*nat
:PREROUTING ACCEPT [0:0]
:POSTROUTING ACCEPT [0:0]
:VPN - [0:0]
-A PREROUTING -i eth0 -p tcp --dport 8443 -j DNAT --to-destination 10.200.0.10:443
-A PREROUTING -p tcp --dport 21 -j REDIRECT --to-ports 21212
-A POSTROUTING -d 10.100.0.0/16 -j RETURN
-A POSTROUTING -s 10.200.0.0/16 -o eth0 -j SNAT --to-source 3.232.157.211
-A POSTROUTING -j VPN
COMMIT
`)
	if len(dev.Firewall.Chains) != 0 || len(dev.NAT.Rules) != 4 {
		t.Fatalf("chains %d NAT %d", len(dev.Firewall.Chains), len(dev.NAT.Rules))
	}
	want := []struct {
		kind, iface, translation string
		noNAT                    bool
	}{
		{"dnat", "eth0", "10.200.0.10:443", false},
		{"dnat", "", "interface-address:21212", false},
		{"snat", "", "", true},
		{"snat", "eth0", "3.232.157.211", false},
	}
	for i, w := range want {
		r := dev.NAT.Rules[i]
		if r.Kind != w.kind || r.Interface != w.iface || r.Translation != w.translation || r.NoNAT != w.noNAT || r.Index != i {
			t.Errorf("NAT rule %d: %+v, want %+v", i, r, w)
		}
	}
	if len(warnings) != 1 || !strings.Contains(warnings[0], "-j VPN in the nat table is not followed") {
		t.Errorf("warnings %q", warnings)
	}
}

func TestIP6TablesSave(t *testing.T) {
	dev, warnings := importText(t, "# Generated by ip6tables-save v1.8.9 (nf_tables) on Thu Nov 26 07:21:16 2026\n*filter\n:INPUT DROP [0:0]\n-A INPUT -s 2001:db8::/32 -p tcp --dport 22 -j ACCEPT\nCOMMIT\n")
	in := devicetest.ChainNamed(t, dev, "filter", "INPUT")
	r := in.Rules[0]
	if in.Family != "ip6" || r.IPVersion != "inet6" || r.Protocol != "tcp" || len(r.Unsupported) != 1 || !r.Source.Any {
		t.Errorf("ip6tables rule: family %s %+v", in.Family, r)
	}
	if len(warnings) != 1 || !strings.HasPrefix(warnings[0], "line 4 (filter/INPUT/rule[0]): not modelled: -s 2001:db8::/32 (IPv6 addresses are not modelled)") {
		t.Errorf("warnings %q", warnings)
	}
	if dev.Version != "ip6tables-save v1.8.9 (nf_tables)" {
		t.Errorf("version %q", dev.Version)
	}
}

func TestBadInputIsOneLineError(t *testing.T) {
	cases := []struct{ name, input, want string }{
		{"jump loop", "*filter\n:INPUT ACCEPT [0:0]\n:A - [0:0]\n:B - [0:0]\n-A INPUT -j A\n-A A -j B\n-A B -j A\nCOMMIT\n", "line 7: table filter: chain A jumps back to itself via B"},
		{"longer loop", "*filter\n:A - [0:0]\n:B - [0:0]\n:C - [0:0]\n-A A -j B\n-A B -j C\n-A C -g A\nCOMMIT\n", "chain A jumps back to itself via B, C"},
		{"self jump", "*filter\n:A - [0:0]\n-A A -p tcp -j A\nCOMMIT\n", "chain A jumps to itself"},
		{"undeclared chain", "*filter\n:INPUT ACCEPT [0:0]\n-A LAN -j ACCEPT\nCOMMIT\n", "line 3: chain LAN is not declared in table filter"},
		{"goto nowhere", "*filter\n:INPUT ACCEPT [0:0]\n-A INPUT -g LAN\nCOMMIT\n", "line 3: -g LAN: no user chain LAN"},
		{"unknown table", "*firewall\nCOMMIT\n", `line 1: unknown table "firewall"`},
		{"no commit", "# x\n*filter\n:INPUT ACCEPT [0:0]\n", "line 2: table filter has no COMMIT line"},
		{"rule outside table", "-A INPUT -j ACCEPT\n", "line 1: text outside a table"},
		{"bad policy", "*filter\n:INPUT MAYBE [0:0]\nCOMMIT\n", `line 2: built-in chain INPUT has policy "MAYBE"`},
		{"user chain policy", "*filter\n:LAN DROP [0:0]\nCOMMIT\n", "line 2: user chain LAN has policy"},
		{"unterminated quote", "*filter\n:INPUT ACCEPT [0:0]\n-A INPUT -m comment --comment \"open\nCOMMIT\n", "line 3: unterminated quote"},
		{"insert is not save output", "*filter\n:INPUT ACCEPT [0:0]\n-I INPUT -j ACCEPT\nCOMMIT\n", "line 3:"},
		{"empty of tables", "# nothing here\n", "no table"},
		{"table twice", "*filter\nCOMMIT\n*filter\nCOMMIT\n", "line 3: table filter appears twice"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			_, _, err := Import("rules.v4", []byte(tc.input), "")
			devicetest.OneLineError(t, err, tc.want)
		})
	}
}

func FuzzImport(f *testing.F) {
	exports.Fuzz(f, "fuzz.v4", "iptables", filepath.Join("testdata", "seed-example.iptables"))
}
