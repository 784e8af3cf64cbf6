package nftables

import (
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"testing"

	"github.com/hybridcheck/hybridcheck/internal/collector/device/devicetest"

	"github.com/hybridcheck/hybridcheck/internal/snapshot"
)

// exports are the repository's real nftables exports.
var exports = devicetest.Exports{Import: Import, Dir: devicetest.RealData("nftables-json"), Pattern: "*.json"}

// validate wraps the device in a snapshot and runs the snapshot's own schema validation.
func validate(t *testing.T, dev *snapshot.Device) { devicetest.Validate(t, dev, "") }

// The counts come from reading each file's .nft twin: a chain of type nat becomes NAT rules,
// as does a regular chain that holds dnat/snat/masquerade/redirect statements.
func TestRealExportsImportWithTheirCounts(t *testing.T) {
	type wantCounts struct {
		chains, rules, nat, sets int
		version                  string
	}
	want := map[string]wantCounts{
		"nftables-rs__nftables-init.json": {3, 24, 2, 1, "nftables 1.0.9"},
		"nftables-rs__setmap.json":        {0, 0, 2, 1, "nftables 1.0.9"},
	}
	devicetest.HandCounted(t, exports.Files(t), exports.File, want, func(t *testing.T, dev *snapshot.Device, _ []string, w wantCounts) {
		got := [4]int{len(dev.Firewall.Chains), devicetest.RuleCount(dev), len(dev.NAT.Rules), len(dev.Aliases)}
		if exp := [4]int{w.chains, w.rules, w.nat, w.sets}; got != exp {
			t.Errorf("chains, rules, NAT rules, named sets used = %v, want %v", got, exp)
		}
		if dev.Version != w.version {
			t.Errorf("version %q, want %q", dev.Version, w.version)
		}
		if dev.Firewall.Model != "nftables" {
			t.Errorf("model %q", dev.Firewall.Model)
		}
		validate(t, dev)
	})
}

func TestRealExportSemantics(t *testing.T) {
	exports.Files(t)
	load := func(name string) (*snapshot.Device, []string) {
		return exports.File(t, exports.Path(name))
	}

	t.Run("anonymous sets, prefixes, negation and jumps", func(t *testing.T) {
		dev, _ := load("nftables-rs__nftables-init.json")
		in := devicetest.ChainNamed(t, dev, "filter", "input")
		web := in.Rules[9]
		if web.Protocol != "tcp" || !reflect.DeepEqual(web.Destination.Ports, []snapshot.PortRange{{From: 22, To: 22}, {From: 80, To: 80}, {From: 443, To: 443}}) ||
			!reflect.DeepEqual(web.States, []string{"new"}) || web.Location.Path != "table inet filter/chain input/rule[9] handle 15" ||
			web.Location.Line != 474 {
			t.Errorf("tcp dport {ssh, http, https} ct state new accept: %+v", web)
		}
		admin := in.Rules[10]
		// The .nft defines 12.34.56.78/29; nft masks it to the network.
		if admin.Action != "jump" || admin.JumpTarget != "admin" ||
			!reflect.DeepEqual(admin.Source.CIDRs, []string{"10.0.0.0/8", "12.34.56.72/29", "172.16.0.0/16"}) || admin.Source.Any {
			t.Errorf("ip saddr $admin jump admin: %+v", admin)
		}
		spam := devicetest.ChainNamed(t, dev, "filter", "output").Rules[6]
		if spam.Action != "block" || !spam.Destination.Not || !reflect.DeepEqual(spam.Destination.CIDRs, []string{"127.0.0.1/32"}) ||
			len(spam.Destination.Ports) != 3 || spam.Destination.Ports[2].From != 587 {
			t.Errorf("tcp dport {25,465,587} ip daddr != $mailout drop: %+v", spam)
		}
		icmp := in.Rules[12]
		if icmp.Protocol != "icmp" || !reflect.DeepEqual(icmp.ICMPTypes, []int{3, 9, 11, 12}) || len(icmp.Unsupported) != 1 {
			t.Errorf("icmp type {...} limit rate accept: %+v", icmp)
		}
	})

	t.Run("dynamic named set is unsupported, not resolved to nothing", func(t *testing.T) {
		dev, warnings := load("nftables-rs__nftables-init.json")
		r := devicetest.ChainNamed(t, dev, "filter", "input").Rules[0]
		if r.Action != "block" || len(r.Unsupported) != 1 || !strings.Contains(r.Unsupported[0], "@blackhole") {
			t.Errorf("ip saddr @blackhole drop: %+v", r)
		}
		if !slices.ContainsFunc(warnings, func(w string) bool { return strings.Contains(w, "rule[0] handle 5") }) {
			t.Errorf("no warning for the blackhole rule in %q", warnings)
		}
	})

	t.Run("set map in a NAT statement", func(t *testing.T) {
		dev, _ := load("nftables-rs__setmap.json")
		if a := dev.Aliases[0]; a.Name != "porttoip" || !strings.HasPrefix(dev.NAT.Rules[1].Translation, "map ") {
			t.Errorf("snat to tcp dport map @porttoip: alias %+v, rule %+v", a, dev.NAT.Rules[1])
		}
	})
}

// ruleNamed finds a filter rule by its comment (its description in the snapshot).
func ruleNamed(t *testing.T, c snapshot.Chain, comment string) snapshot.FirewallRule {
	t.Helper()
	return devicetest.Find(t, c.Rules, func(r snapshot.FirewallRule) bool { return r.Description == comment }, "no rule %q in chain %s", comment, c.Name)
}

// natNamed finds a NAT rule by its comment.
func natNamed(t *testing.T, dev *snapshot.Device, comment string) snapshot.NATRule {
	t.Helper()
	return devicetest.Find(t, dev.NAT.Rules, func(r snapshot.NATRule) bool { return r.Description == comment }, "no NAT rule %q", comment)
}

// testdata/semantics.json was written for these tests (see semantics.nft): the constructs the
// GPL and CC-BY-SA exports showed, which cannot ship in the repository.
func TestWrittenExportSemantics(t *testing.T) {
	dev, warnings := exports.File(t, filepath.Join("testdata", "semantics.json"))
	validate(t, dev)

	t.Run("policies, hooks and priorities", func(t *testing.T) {
		fwd := devicetest.ChainNamed(t, dev, "filter", "forward")
		out := devicetest.ChainNamed(t, dev, "filter", "output")
		if fwd.Policy != "drop" || fwd.Hook != "forward" || out.Policy != "accept" || out.Priority != 100 {
			t.Errorf("forward %s/%s, output %s/%d", fwd.Policy, fwd.Hook, out.Policy, out.Priority)
		}
		r := ruleNamed(t, fwd, "wan to lan return")
		if !reflect.DeepEqual(r.Interfaces, []string{"wan0"}) || !reflect.DeepEqual(r.OutInterfaces, []string{"lan0"}) ||
			!reflect.DeepEqual(r.States, []string{"established", "related"}) || r.Action != "pass" {
			t.Errorf("iifname wan0 oifname lan0 ct state established,related accept: %+v", r)
		}
		if p := devicetest.ChainNamed(t, dev, "portknock", "input").Priority; p != -10 {
			t.Errorf("priority filter - 10 read as %d", p)
		}
		if c := devicetest.ChainNamed(t, dev, "filter", "helper"); c.Hook != "" || c.Policy != "" {
			t.Errorf("regular chain got hook %q policy %q", c.Hook, c.Policy)
		}
	})

	t.Run("negated interface, IPv6, verdict maps, limits, ranges and state negation", func(t *testing.T) {
		in := devicetest.ChainNamed(t, dev, "filter", "input")
		if in.Policy != "drop" || len(ruleNamed(t, in, "negated interface").Unsupported) == 0 {
			t.Errorf("input: policy %s, negated interface %+v", in.Policy, ruleNamed(t, in, "negated interface"))
		}
		if r := ruleNamed(t, in, "verdict map"); r.Action != "other" || !strings.Contains(r.Unsupported[0], "verdict map") {
			t.Errorf("ip saddr vmap: %+v", r)
		}
		if r := ruleNamed(t, in, "rate limit"); len(r.Unsupported) != 1 || !strings.Contains(r.Unsupported[0], "limit") {
			t.Errorf("limit rate: %+v", r)
		}
		if r := ruleNamed(t, in, "port range"); r.Protocol != "tcp" || !reflect.DeepEqual(r.Destination.Ports, []snapshot.PortRange{{From: 100, To: 222}}) {
			t.Errorf("tcp dport 100-222: %+v", r)
		}
		if r := ruleNamed(t, in, "state negation"); !reflect.DeepEqual(r.States, []string{"invalid", "untracked"}) {
			t.Errorf("ct state != established|related|new: %v", r.States)
		}
		if r := ruleNamed(t, devicetest.ChainNamed(t, dev, "filter6", "input"), "icmpv6"); r.IPVersion != "inet6" || r.Protocol != "icmpv6" {
			t.Errorf("ip6 nexthdr icmpv6 accept: %+v", r)
		}
		if len(warnings) != 4 {
			t.Errorf("%d warnings, want one per unmodelled rule (4): %q", len(warnings), warnings)
		}
	})

	t.Run("NAT statements and exemptions", func(t *testing.T) {
		if r := natNamed(t, dev, "masquerade wan"); r.Kind != "masquerade" || r.Interface != "wan0" || r.Translation != "interface-address" || r.NoNAT {
			t.Errorf("oifname wan0 masquerade: %+v", r)
		}
		if r := natNamed(t, dev, "exemption"); !r.NoNAT || r.Kind != "dnat" {
			t.Errorf("iifname != wan0 accept: %+v", r)
		}
		if r := natNamed(t, dev, "fixed dnat"); r.Kind != "dnat" || r.Translation != "10.2.3.4" || !reflect.DeepEqual(r.Source.CIDRs, []string{"10.1.1.1/32"}) {
			t.Errorf("ip saddr 10.1.1.1 dnat to 10.2.3.4: %+v", r)
		}
		if r := natNamed(t, dev, "port dnat"); r.Translation != "10.2.3.4:4242" || r.Protocol != "tcp" || r.Destination.Ports[0].From != 42 {
			t.Errorf("dnat to 10.2.3.4:4242: %+v", r)
		}
		if r := natNamed(t, dev, "masquerade set"); r.Kind != "masquerade" || !reflect.DeepEqual(r.Source.CIDRs, []string{"10.141.11.0/24", "10.141.13.0/24"}) {
			t.Errorf("ip saddr {...} masquerade: %+v", r)
		}
	})
}

// testdata/seed-example.json is real nft output for testdata/seed-example.nft (see its header).
func TestSeedExample(t *testing.T) {
	dev := exports.SeedExample(t, "seed-example.json")
	if len(dev.Firewall.Chains) != 4 || devicetest.RuleCount(dev) != 28 || len(dev.NAT.Rules) != 2 || len(dev.Aliases) != 2 {
		t.Fatalf("chains %d rules %d NAT %d aliases %d", len(dev.Firewall.Chains), devicetest.RuleCount(dev), len(dev.NAT.Rules), len(dev.Aliases))
	}
	in := devicetest.ChainNamed(t, dev, "filter", "input")
	if in.Policy != "drop" || in.Hook != "input" {
		t.Errorf("input chain %+v", in)
	}
	natT := in.Rules[4]
	if natT.Protocol != "udp" || natT.Source.Alias != "aws_tunnels" ||
		!reflect.DeepEqual(natT.Source.CIDRs, []string{"3.225.148.144/32", "52.44.108.101/32"}) ||
		!reflect.DeepEqual(natT.Destination.CIDRs, []string{"3.232.157.211/32"}) ||
		!reflect.DeepEqual(natT.Destination.Ports, []snapshot.PortRange{{From: 4500, To: 4500}}) {
		t.Errorf("NAT-T rule: %+v", natT)
	}
	if esp := in.Rules[5]; esp.Protocol != "esp" || esp.IPVersion != "inet" {
		t.Errorf("ESP rule: %+v", esp)
	}
	fwd := devicetest.ChainNamed(t, dev, "filter", "forward")
	if dns := fwd.Rules[3]; dns.Protocol != "tcp/udp" || dns.Destination.Ports[0].From != 53 {
		t.Errorf("meta l4proto {tcp, udp} th dport 53: %+v", dns)
	}
	jump := fwd.Rules[11]
	if jump.Action != "jump" || jump.JumpTarget != "to_aws_vpc" || jump.Source.Alias != "hybrid_nets" ||
		!reflect.DeepEqual(jump.Source.CIDRs, []string{"10.200.0.0/16", "192.168.0.0/16"}) {
		t.Errorf("jump to_aws_vpc: %+v", jump)
	}
	web := fwd.Rules[12]
	if !web.Destination.Not || len(web.Destination.CIDRs) != 3 || web.Interfaces[0] != "eth1" || web.OutInterfaces[0] != "eth0" {
		t.Errorf("egress 443 rule: %+v", web)
	}
	etcd := devicetest.ChainNamed(t, dev, "filter", "to_aws_vpc").Rules[1]
	if !reflect.DeepEqual(etcd.Destination.Ports, []snapshot.PortRange{{From: 2379, To: 2380}, {From: 4240, To: 4240}}) {
		t.Errorf("tcp dport {4240, 2379-2380}: %v", etcd.Destination.Ports)
	}
	exempt, masq := dev.NAT.Rules[0], dev.NAT.Rules[1]
	if !exempt.NoNAT || !reflect.DeepEqual(exempt.Destination.CIDRs, []string{"10.100.0.0/16"}) || exempt.Index != 0 {
		t.Errorf("exemption: %+v", exempt)
	}
	if masq.Kind != "masquerade" || masq.Interface != "eth0" || masq.NoNAT || masq.Index != 1 {
		t.Errorf("masquerade: %+v", masq)
	}
}

func TestBadInputIsOneLineError(t *testing.T) {
	chainJSON := `{"chain": {"family": "inet", "table": "t", "name": "%s", "handle": 1}}`
	cases := []struct{ name, input, want string }{
		{"not JSON", "{\n\"nftables\": [\n}", "line 3: invalid JSON"},
		{"no nftables array", `{"tables": []}`, `no "nftables" array`},
		{"wrong type", `{"nftables": [{"chain": {"family": 4}}]}`, "nftables[0] (chain)"},
		{"command instead of listing", `{"nftables": [{"add": {"table": {"family": "ip", "name": "x"}}}]}`, "is a command"},
		{"rule in undeclared chain", `{"nftables": [{"rule": {"family": "ip", "table": "t", "chain": "c", "handle": 7, "expr": []}}]}`, "chain ip t c is not declared"},
		{"jump to undeclared chain", `{"nftables": [` + strings.ReplaceAll(chainJSON, "%s", "a") + `, {"rule": {"family": "inet", "table": "t", "chain": "a", "expr": [{"jump": {"target": "nowhere"}}]}}]}`, `jump to undeclared chain "nowhere"`},
		{"jump loop", `{"nftables": [` + strings.ReplaceAll(chainJSON, "%s", "a") + `,` + strings.ReplaceAll(chainJSON, "%s", "b") + `,
			{"rule": {"family": "inet", "table": "t", "chain": "a", "expr": [{"jump": {"target": "b"}}]}},
			{"rule": {"family": "inet", "table": "t", "chain": "b", "expr": [{"goto": {"target": "a"}}]}}]}`, "chain a jumps back to itself via b"},
		{"unknown priority", `{"nftables": [{"chain": {"family": "ip", "table": "t", "name": "c", "type": "filter", "hook": "input", "prio": "sooner", "policy": "drop"}}]}`, `unknown priority name "sooner"`},
		{"two kinds in one object", `{"nftables": [{"table": {}, "chain": {}}]}`, "want one object kind"},
		{"element is not an object", "{\"nftables\": [\n{\"table\": {}},\n 42]}", "line 3: nftables[1] is a JSON number, want an object"},
		{"trailing data", `{"nftables": []} {"nftables": []}`, "data after the ruleset"},
		{"second array", `{"nftables": [], "nftables": []}`, `a second "nftables" array`},
		{"top level is a list", `[{"table": {}}]`, "not a JSON object"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			_, _, err := Import("bad.json", []byte(tc.input), "")
			devicetest.OneLineError(t, err, tc.want)
		})
	}
}

func TestChainPriority(t *testing.T) {
	cases := []struct {
		family, prio string
		want         int
	}{
		{"inet", `0`, 0}, {"ip", `-150`, -150}, {"ip", `"filter"`, 0}, {"ip", `"srcnat"`, 100},
		{"ip", `"dstnat"`, -100}, {"inet", `"filter - 10"`, -10}, {"inet", `"mangle + 5"`, -145},
		{"bridge", `"filter"`, -200}, {"ip", `"raw"`, -300}, {"ip", `"security"`, 50},
	}
	for _, tc := range cases {
		got, err := chainPriority(chainObj{Family: tc.family, Prio: []byte(tc.prio)})
		if err != nil || got != tc.want {
			t.Errorf("%s %s: got %d, %v; want %d", tc.family, tc.prio, got, err, tc.want)
		}
	}
}

func TestAddressRangesBecomeCIDRs(t *testing.T) {
	cases := []struct {
		right string
		want  []string
	}{
		{`{"range": ["10.0.0.0", "10.0.0.255"]}`, []string{"10.0.0.0/24"}},
		{`{"range": ["10.0.0.1", "10.0.0.6"]}`, []string{"10.0.0.1/32", "10.0.0.2/31", "10.0.0.4/31", "10.0.0.6/32"}},
		{`{"set": ["10.0.0.9", {"prefix": {"addr": "10.1.2.3", "len": 16}}]}`, []string{"10.0.0.9/32", "10.1.0.0/16"}},
		{`{"range": ["0.0.0.0", "255.255.255.255"]}`, []string{"0.0.0.0/0"}},
	}
	for _, tc := range cases {
		expr := `{"match": {"op": "==", "left": {"payload": {"protocol": "ip", "field": "daddr"}}, "right": ` + tc.right + `}}`
		data := `{"nftables": [{"chain": {"family": "ip", "table": "t", "name": "c"}}, {"rule": {"family": "ip", "table": "t", "chain": "c", "expr": [` + expr + `, {"accept": null}]}}]}`
		dev, _, err := Import("r.json", []byte(data), "")
		if err != nil {
			t.Fatal(err)
		}
		if got := dev.Firewall.Chains[0].Rules[0].Destination.CIDRs; !reflect.DeepEqual(got, tc.want) {
			t.Errorf("%s: got %v, want %v", tc.right, got, tc.want)
		}
	}
}

func FuzzImport(f *testing.F) {
	exports.Fuzz(f, "fuzz.json", "nftables", filepath.Join("testdata", "seed-example.json"))
}
