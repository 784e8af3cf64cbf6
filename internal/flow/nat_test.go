package flow

import (
	"fmt"
	"strings"
	"testing"

	"github.com/hybridcheck/hybridcheck/internal/snapshot"
	"github.com/hybridcheck/hybridcheck/internal/testkit"
)

// natRule builds a NAT rule: kind "exempt" is a no-NAT rule (pfSense no nat, nft accept or
// iptables RETURN in postrouting), anything else the snapshot's kind.
func natRuleOf(index int, kind, iface, proto, src, dst string) snapshot.NATRule {
	r := snapshot.NATRule{Index: index, Kind: kind, Interface: iface, Protocol: proto, Source: endpointOf(src), Destination: endpointOf(dst),
		Description: kind + " " + src + " -> " + dst}
	if kind == "exempt" {
		r.Kind, r.NoNAT = "snat", true
	}
	return r
}

func withNAT(dev *snapshot.Device, mode string, rules ...snapshot.NATRule) *snapshot.Device {
	dev.NAT = snapshot.NAT{OutboundMode: mode, Rules: rules}
	return dev
}

// natSummary is "verdict: piece; piece" with each piece "sources>destinations/protocol=verdict by rule index".
func natSummary(t *testing.T, dev *snapshot.Device, f NATFlow) string {
	t.Helper()
	res := testkit.Must(compiled(t, dev).NAT(f))(t)
	var parts []string
	for _, p := range res.Pieces {
		by := "-"
		if p.Rule != nil {
			by = p.Rule.Text
			if p.Rule.Automatic {
				by = "automatic"
			}
		}
		parts = append(parts, strings.Join(p.Sources, ",")+">"+strings.Join(p.Destinations, ",")+"/"+p.Protocol+"="+p.Verdict+" by "+by)
	}
	return res.Verdict + ": " + strings.Join(parts, "; ")
}

func natTo(proto string, src, dst string) NATFlow {
	return NATFlow{Protocol: proto, Sources: strings.Split(src, ","), Destinations: strings.Split(dst, ",")}
}

func TestNATModel(t *testing.T) {
	const nodes16 = "10.200.0.0/16"
	masqWAN := natRuleOf(9, "masquerade", "eth0", "any", "any", "any")
	tests := []struct {
		name string
		dev  *snapshot.Device
		flow NATFlow
		want string
	}{
		// pf: an exemption bound to another interface never sees traffic leaving by the WAN
		// (policy-based IPsec is matched after the WAN's outbound NAT).
		{"pf exemption on another interface", withNAT(pfDevice(), "advanced",
			natRuleOf(0, "exempt", "opt1", "any", nodes, vpc), natRuleOf(1, "outbound", "wan", "any", nodes, "any")),
			natTo("any", nodes, vpc), "translated: 10.200.0.0/24>10.0.0.0/16/any=translated by NAT rule 1 (outbound 10.200.0.0/24 -> any)"},
		{"pf exemption on the WAN", withNAT(pfDevice(), "advanced",
			natRuleOf(0, "exempt", "wan", "any", nodes, vpc), natRuleOf(1, "outbound", "wan", "any", nodes, "any")),
			natTo("any", nodes, vpc), "not_translated: 10.200.0.0/24>10.0.0.0/16/any=not_translated by NAT rule 0 (exempt 10.200.0.0/24 -> 10.0.0.0/16)"},
		// Two /17 exemptions together hold the node /16 before pfSense's automatic rules.
		{"pf two /17 exemptions", withNAT(pfDevice(), "hybrid",
			natRuleOf(0, "exempt", "wan", "any", "10.200.0.0/17", vpc), natRuleOf(1, "exempt", "wan", "any", "10.200.128.0/17", vpc)),
			natTo("any", nodes16, vpc), "not_translated: 10.200.0.0/17>10.0.0.0/16/any=not_translated by NAT rule 0 (exempt 10.200.0.0/17 -> 10.0.0.0/16); 10.200.128.0/17>10.0.0.0/16/any=not_translated by NAT rule 1 (exempt 10.200.128.0/17 -> 10.0.0.0/16)"},
		{"pf one /17 exemption", withNAT(pfDevice(), "hybrid",
			natRuleOf(1, "exempt", "wan", "any", "10.200.128.0/17", vpc)),
			natTo("any", nodes16, vpc), "partly: 10.200.128.0/17>10.0.0.0/16/any=not_translated by NAT rule 1 (exempt 10.200.128.0/17 -> 10.0.0.0/16); 10.200.0.0/23>10.0.0.0/16/any=translated by automatic; 10.200.2.0/23,10.200.4.0/22,10.200.8.0/21,10.200.16.0/20,10.200.32.0/19,10.200.64.0/18>10.0.0.0/16/any=not_translated by -"},
		// pfSense ignores the manual rules, exemptions included, in automatic mode.
		{"pf automatic mode ignores exemptions", withNAT(pfDevice(), "automatic", natRuleOf(0, "exempt", "", "any", nodes, vpc)),
			natTo("tcp", nodes, vpc), "translated: 10.200.0.0/24>10.0.0.0/16/any=translated by automatic"},
		{"pf disabled", withNAT(pfDevice(), "disabled", natRuleOf(0, "outbound", "", "any", "any", "any")),
			natTo("any", nodes, vpc), "not_translated: 10.200.0.0/24>10.0.0.0/16/any=not_translated by -"},
		// pf looks up binat before nat, whatever their order in the export.
		{"pf binat before nat", withNAT(pfDevice(), "advanced",
			natRuleOf(0, "exempt", "wan", "any", nodes, vpc), natRuleOf(1, "one-to-one", "wan", "any", nodes, "any")),
			natTo("any", nodes, vpc), "translated: 10.200.0.0/24>10.0.0.0/16/any=translated by NAT rule 1 (one-to-one 10.200.0.0/24 -> any)"},
		// Route-based VPN: BGP from the AWS tunnel puts the VPC behind the VTI, so the WAN
		// masquerade never sees it; internet traffic still leaves by the WAN and is translated.
		{"pf VTI egress skips the WAN masquerade", withNAT(vtiDevice(64512, "169.254.10.1"), "advanced", natRuleOf(0, "outbound", "wan", "any", nodes, "any")),
			NATFlow{Protocol: "any", Sources: []string{nodes}, Destinations: []string{vpc}, AWS: awsCtx},
			"not_translated: 10.200.0.0/24>10.0.0.0/16/any=not_translated by -"},
		{"pf VTI device still translates to the internet", withNAT(vtiDevice(64512, "169.254.10.1"), "advanced", natRuleOf(0, "outbound", "wan", "any", nodes, "any")),
			NATFlow{Protocol: "any", Sources: []string{nodes}, Internet: true, AWS: awsCtx},
			"translated: 10.200.0.0/24>internet/any=translated by NAT rule 0 (outbound 10.200.0.0/24 -> any)"},
		// nftables: postrouting in rule order; a TCP-only accept exempts only TCP.
		{"nftables TCP-only exemption", withNAT(hookDevice("nftables"), "rules",
			natRuleOf(0, "exempt", "eth0", "tcp", nodes, vpc), natRuleOf(1, "masquerade", "eth0", "any", nodes, "any")),
			natTo("any", nodes, vpc), "partly: 10.200.0.0/24>10.0.0.0/16/tcp=not_translated by NAT rule 0 (exempt 10.200.0.0/24 -> 10.0.0.0/16); 10.200.0.0/24>10.0.0.0/16/other=translated by NAT rule 1 (masquerade 10.200.0.0/24 -> any)"},
		{"nftables TCP-only exemption, a TCP flow", withNAT(hookDevice("nftables"), "rules",
			natRuleOf(0, "exempt", "eth0", "tcp", nodes, vpc), natRuleOf(1, "masquerade", "eth0", "any", nodes, "any")),
			natTo("tcp", nodes, vpc), "not_translated: 10.200.0.0/24>10.0.0.0/16/any=not_translated by NAT rule 0 (exempt 10.200.0.0/24 -> 10.0.0.0/16)"},
		// The classic exemption: masquerade everything but the VPC.
		{"nftables negated destination", withNAT(hookDevice("nftables"), "rules", natRuleOf(0, "masquerade", "eth0", "any", nodes, "!"+vpc)),
			natTo("any", nodes, vpc), "not_translated: 10.200.0.0/24>10.0.0.0/16/any=not_translated by -"},
		{"nftables negated destination to the internet", withNAT(hookDevice("nftables"), "rules", natRuleOf(0, "masquerade", "eth0", "any", nodes, "!"+vpc)),
			NATFlow{Protocol: "udp", Port: 53, Sources: []string{nodes}, Internet: true},
			"translated: 10.200.0.0/24>internet/any=translated by NAT rule 0 (masquerade 10.200.0.0/24 -> !10.0.0.0/16)"},
		// nftables: the VPC routed into a VTI (a static route) leaves the WAN masquerade out.
		{"nftables VTI route skips the WAN masquerade", withNAT(linuxVTI(hookDevice("nftables")), "rules", masqWAN),
			natTo("any", nodes, vpc), "not_translated: 10.200.0.0/24>10.0.0.0/16/any=not_translated by -"},
		// iptables: the same order; an interface-bound rule on the LAN does not see VPC traffic.
		{"iptables interface-bound exemption", withNAT(hookDevice("iptables"), "rules",
			natRuleOf(0, "exempt", "eth1", "any", nodes, vpc), masqWAN),
			natTo("any", nodes, vpc), "translated: 10.200.0.0/24>10.0.0.0/16/any=translated by NAT rule 9 (masquerade any -> any)"},
		{"iptables two /17 exemptions", withNAT(hookDevice("iptables"), "rules",
			natRuleOf(0, "exempt", "", "any", nodes16, "10.0.0.0/17"), natRuleOf(1, "exempt", "", "any", nodes16, "10.0.128.0/17"), masqWAN),
			natTo("any", nodes, vpc), "not_translated: 10.200.0.0/24>10.0.0.0/17/any=not_translated by NAT rule 0 (exempt 10.200.0.0/16 -> 10.0.0.0/17); 10.200.0.0/24>10.0.128.0/17/any=not_translated by NAT rule 1 (exempt 10.200.0.0/16 -> 10.0.128.0/17)"},
		{"iptables TCP-only RETURN", withNAT(hookDevice("iptables"), "rules", natRuleOf(0, "exempt", "", "tcp", nodes, vpc), masqWAN),
			natTo("icmp", nodes, vpc), "translated: 10.200.0.0/24>10.0.0.0/16/any=translated by NAT rule 9 (masquerade any -> any)"},
		{"iptables negated destination", withNAT(hookDevice("iptables"), "rules", natRuleOf(0, "masquerade", "eth0", "any", "10.200.0.0/16", "!10.0.0.0/8")),
			natTo("tcp", nodes, vpc+",8.8.8.8/32"), "partly: 10.200.0.0/24>8.8.8.8/32/any=translated by NAT rule 0 (masquerade 10.200.0.0/16 -> !10.0.0.0/8); 10.200.0.0/24>10.0.0.0/16/any=not_translated by -"},
		// A rule the importer could not model decides nothing: the part it matches is unknown.
		{"unmodelled rule", withNAT(hookDevice("nftables"), "rules", natRuleOf(0, "other", "", "any", nodes, "any"), masqWAN),
			natTo("any", nodes, vpc), "unknown: 10.200.0.0/24>10.0.0.0/16/any=unknown by NAT rule 0 (other 10.200.0.0/24 -> any)"},
		// Where the routing does not say which interface the traffic leaves by, a rule bound
		// to an interface cannot be judged.
		{"unknown egress", withNAT(noWAN(hookDevice("nftables")), "rules", masqWAN),
			NATFlow{Protocol: "tcp", Port: 443, Sources: []string{nodes}, Internet: true},
			"unknown: 10.200.0.0/24>internet/any=unknown by NAT rule 9 (masquerade any -> any)"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if got := natSummary(t, tc.dev, tc.flow); got != tc.want {
				t.Errorf("\ngot  %s\nwant %s", got, tc.want)
			}
		})
	}
}

// linuxVTI adds a route-based tunnel: the VPC routed into vti0.
func linuxVTI(dev *snapshot.Device) *snapshot.Device {
	dev.Interfaces = append(dev.Interfaces, snapshot.Interface{Name: "vti0", Device: "vti0", Enabled: true, Role: "vti", Addresses: []string{"169.254.10.2/30"}, Networks: []string{"169.254.10.0/30"}})
	dev.StaticRoutes = append(dev.StaticRoutes, snapshot.StaticRoute{Destination: vpc, Interface: "vti0"})
	return dev
}

// noWAN takes away what tells the WAN: no interface has the role and no gateway is the default.
func noWAN(dev *snapshot.Device) *snapshot.Device {
	for i := range dev.Interfaces {
		dev.Interfaces[i].Role = "lan"
	}
	return dev
}

func TestNATBuiltinThroughRego(t *testing.T) {
	dev := withNAT(hookDevice("nftables"), "rules", natRuleOf(0, "exempt", "", "tcp", nodes, vpc), natRuleOf(1, "masquerade", "eth0", "any", nodes, "any"))
	res, err := evalRego(t, dev, `hybridcheck.device_nat(input.device, {"protocol": "any", "sources": ["`+nodes+`"], "destinations": ["`+vpc+`"]})`)
	if err != nil {
		t.Fatal(err)
	}
	m, ok := res.(map[string]any)
	if !ok || m["verdict"] != NATPartly || m["mode"] != "rules" {
		t.Fatalf("device_nat = %v", res)
	}
	pieces := m["pieces"].([]any)
	if len(pieces) != 2 {
		t.Fatalf("pieces = %v", pieces)
	}
	first := pieces[0].(map[string]any)
	rule := first["rule"].(map[string]any)
	if first["verdict"] != NATNotTranslated || first["protocol"] != "tcp" || fmt.Sprint(rule["index"]) != "0" {
		t.Errorf("first piece = %v", first)
	}
	if _, err := evalRego(t, dev, `hybridcheck.device_nat(input.device, {"sources": ["`+nodes+`"], "bogus": 1})`); err == nil || !strings.Contains(err.Error(), "unknown field") {
		t.Errorf("an unknown field should be an error, got %v", err)
	}
}
