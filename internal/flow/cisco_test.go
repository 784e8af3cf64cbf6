package flow

import (
	"math/rand"
	"testing"

	"github.com/hybridcheck/hybridcheck/internal/snapshot"
)

// ciscoDevice is a router in the cisco model: WAN Gi1, nodes on Gi2, the VPC behind Tunnel1.
// Chains are ACL bindings (Hook in or out), as the cisco-ios importer writes them.
func ciscoDevice(chains ...snapshot.Chain) *snapshot.Device {
	return &snapshot.Device{
		Name: "rtr", Format: "cisco-ios", WANAddresses: []string{wanAddr},
		Interfaces: []snapshot.Interface{
			{Name: "Gi1", Enabled: true, Role: "wan", Addresses: []string{wanAddr + "/24"}, Networks: []string{"203.0.113.0/24"}},
			{Name: "Gi2", Enabled: true, Role: "lan", Addresses: []string{"10.200.0.1/24"}, Networks: []string{nodes}},
			{Name: "Tunnel1", Enabled: true, Role: "vti", Addresses: []string{"169.254.10.2/30"}, Networks: []string{"169.254.10.0/30"}},
		},
		Firewall:     snapshot.Firewall{Model: "cisco", DefaultAction: "pass", Chains: chains},
		StaticRoutes: []snapshot.StaticRoute{{Destination: vpc, Interface: "Tunnel1"}},
		Gateways:     []snapshot.Gateway{{Name: "default", Interface: "Gi1", Address: "203.0.113.1", Default: true}},
	}
}

// binding is an ACL bound to an interface in a direction, closed by its implicit deny.
func binding(name, iface, direction string, rules ...snapshot.FirewallRule) snapshot.Chain {
	for i := range rules {
		rules[i].Interfaces, rules[i].Direction = []string{iface}, direction
	}
	rules = append(rules, r("block", "any", "any", "any", on(iface), dir(direction), desc("implicit deny")))
	c := indexed(name, rules)
	c.Hook = direction
	return c
}

func TestCiscoModel(t *testing.T) {
	kubelet := tcp(10250, vpc, nodes)
	egress := tcp(443, nodes, vpc)
	checkChainCases(t, ciscoDevice, []chainCase{
		{name: "no ACL on either interface passes without a rule", flow: kubelet, want: summary{allowed: true}},
		{name: "the egress ACL's permit passes", chains: []snapshot.Chain{binding("LAN-OUT", "Gi2", "out", r("pass", "tcp", vpc, nodes, port(10250, 10250)))},
			flow: kubelet, want: summary{allowed: true, by: "LAN-OUT[0]"}},
		{name: "an inbound ACL on the egress interface does not apply", chains: []snapshot.Chain{binding("LAN-IN", "Gi2", "in")},
			flow: kubelet, want: summary{allowed: true}},
		{name: "the ingress ACL's implicit deny blocks", chains: []snapshot.Chain{binding("VPC-IN", "Tunnel1", "in", r("pass", "tcp", vpc, nodes, port(22, 22)))},
			flow: kubelet, want: summary{blocked: "10.0.0.0/16>10.200.0.0/24=VPC-IN[1]"}},
		{name: "ingress then egress: both must permit, both are cited", chains: []snapshot.Chain{
			binding("LAN-IN", "Gi2", "in", r("pass", "any", nodes, "any")),
			binding("VPN-OUT", "Tunnel1", "out", r("pass", "tcp", "any", vpc, port(443, 443))),
		}, flow: egress, want: summary{allowed: true, by: "LAN-IN[0] VPN-OUT[0]"}},
		{name: "egress ACL blocks what ingress passed", chains: []snapshot.Chain{
			binding("LAN-IN", "Gi2", "in", r("pass", "any", nodes, "any")),
			binding("VPN-OUT", "Tunnel1", "out", r("pass", "tcp", "any", vpc, port(22, 22))),
		}, flow: egress, want: summary{blocked: "10.200.0.0/24>10.0.0.0/16=VPN-OUT[1]"}},
		{name: "first match: a deny above the permit blocks part", chains: []snapshot.Chain{binding("VPC-IN", "Tunnel1", "in",
			r("block", "tcp", "10.0.1.0/24", nodes), r("pass", "tcp", vpc, nodes))},
			flow: kubelet, want: summary{partial: true, by: "VPC-IN[1]", blocked: "10.0.1.0/24>10.200.0.0/24=VPC-IN[0]"}},
		{name: "a deny with an unsupported match is unknown", chains: []snapshot.Chain{binding("VPC-IN", "Tunnel1", "in",
			r("block", "tcp", "any", "any", unsupported("time-range WORK")), r("pass", "tcp", vpc, nodes))},
			flow: kubelet, want: summary{unknown: "10.0.0.0/16>10.200.0.0/24=VPC-IN[0]"}},
	})
}

// Random flows through a router with ACLs both ways: every answer partitions its flow.
func TestCiscoModelPartitions(t *testing.T) {
	e := compiled(t, ciscoDevice(
		binding("LAN-IN", "Gi2", "in", r("block", "tcp", "10.200.0.128/25", "any", port(22, 22)), r("pass", "any", nodes, "any")),
		binding("VPC-IN", "Tunnel1", "in", r("pass", "tcp", "10.0.0.0/17", nodes, port(10000, 11000))),
		binding("WAN-IN", "Gi1", "in", r("pass", "udp", "198.51.100.0/24", wanAddr+"/32", port(500, 500))),
	))
	rng := rand.New(rand.NewSource(7))
	nets := []string{vpc, nodes, "10.0.0.0/17", "10.200.0.128/25", "198.51.100.0/24", wanAddr, "0.0.0.0/0", "192.0.2.0/24"}
	protos := []string{"tcp", "udp", "icmp", "any"}
	for i := 0; i < 300; i++ {
		f := Flow{Protocol: protos[rng.Intn(len(protos))], Sources: []string{nets[rng.Intn(len(nets))]}, Destinations: []string{nets[rng.Intn(len(nets))]}}
		if f.Protocol == "tcp" || f.Protocol == "udp" {
			f.Port = []int{22, 443, 500, 10250}[rng.Intn(4)]
		}
		res, err := e.Evaluate(f)
		if err != nil {
			continue
		}
		checkPartition(t, res, f)
	}
}
