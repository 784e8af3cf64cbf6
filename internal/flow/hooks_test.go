package flow

import (
	"strings"
	"testing"

	"github.com/hybridcheck/hybridcheck/internal/snapshot"
)

func TestNftablesSemantics(t *testing.T) {
	kubelet := tcp(10250, vpc, nodes)
	checkChainCases(t, func(chains ...snapshot.Chain) *snapshot.Device { return hookDevice("nftables", chains...) }, []chainCase{
		{
			name:   "first match accepts",
			chains: []snapshot.Chain{base("forward", "forward", 0, "drop", r("pass", "tcp", vpc, nodes, port(10250, 10250)), r("block", "any", "any", "any"))},
			flow:   kubelet,
			want:   summary{allowed: true, by: "forward[0]"},
		},
		{
			name:   "drop above accept",
			chains: []snapshot.Chain{base("forward", "forward", 0, "accept", r("block", "tcp", "10.0.0.0/8", "any"), r("pass", "tcp", vpc, nodes))},
			flow:   kubelet,
			want:   summary{blocked: "10.0.0.0/16>10.200.0.0/24=forward[0]"},
		},
		{
			name:   "policy drop when nothing matches",
			chains: []snapshot.Chain{base("forward", "forward", 0, "drop", r("pass", "udp", "any", "any"))},
			flow:   kubelet,
			want:   summary{blocked: "10.0.0.0/16>10.200.0.0/24=default:block:forward"},
		},
		{
			name:   "policy accept is cited",
			chains: []snapshot.Chain{base("forward", "forward", 0, "accept")},
			flow:   kubelet,
			want:   summary{allowed: true, by: "default:pass:forward"},
		},
		{
			name: "accept ends only its base chain; a later base chain drops",
			chains: []snapshot.Chain{
				base("late", "forward", 10, "accept", r("block", "tcp", "10.0.2.0/24", "any")),
				base("early", "forward", -10, "accept", r("pass", "any", "any", "any")),
			},
			flow: kubelet,
			want: summary{partial: true, by: "early[0] default:pass:late", blocked: "10.0.2.0/24>10.200.0.0/24=late[0]"},
		},
		{
			name: "drop in the first base chain ends everything",
			chains: []snapshot.Chain{
				base("late", "forward", 10, "accept", r("pass", "any", "any", "any")),
				base("early", "forward", -10, "accept", r("block", "tcp", "any", nodes)),
			},
			flow: kubelet,
			want: summary{blocked: "10.0.0.0/16>10.200.0.0/24=early[0]"},
		},
		{
			name: "jump, return and continue in the caller",
			chains: []snapshot.Chain{
				base("forward", "forward", 0, "drop",
					r("jump", "tcp", vpc, "any", target("from_vpc")),
					r("block", "any", "any", "any", desc("catch-all"))),
				user("from_vpc",
					r("return", "any", "10.0.1.0/24", "any"),
					r("pass", "tcp", "any", nodes, port(10250, 10250))),
			},
			flow: kubelet,
			want: summary{partial: true, by: "from_vpc[1]", blocked: "10.0.1.0/24>10.200.0.0/24=forward[1]"},
		},
		{
			name: "goto does not come back: the base chain policy applies",
			chains: []snapshot.Chain{
				base("forward", "forward", 0, "drop",
					r("goto", "tcp", vpc, "any", target("from_vpc")),
					r("pass", "any", "any", "any")),
				user("from_vpc", r("pass", "tcp", "10.0.0.0/17", "any")),
			},
			flow: kubelet,
			want: summary{partial: true, by: "from_vpc[0]", blocked: "10.0.128.0/17>10.200.0.0/24=default:block:forward"},
		},
		{
			name:   "established-only rule does not admit a new flow",
			chains: []snapshot.Chain{base("forward", "forward", 0, "drop", r("pass", "any", "any", "any", states("established", "related")))},
			flow:   kubelet,
			want:   summary{blocked: "10.0.0.0/16>10.200.0.0/24=default:block:forward"},
		},
		{
			name:   "ct state new admits",
			chains: []snapshot.Chain{base("forward", "forward", 0, "drop", r("block", "any", "any", "any", states("invalid")), r("pass", "tcp", "any", "any", states("new")))},
			flow:   kubelet,
			want:   summary{allowed: true, by: "forward[1]"},
		},
		{
			name:   "input hook for a flow to the device",
			chains: []snapshot.Chain{base("forward", "forward", 0, "accept"), base("input", "input", 0, "drop", r("pass", "udp", "any", "self", port(500, 500)))},
			flow:   Flow{Protocol: "udp", Port: 500, Sources: []string{tunnelIP}, Destinations: []string{wanAddr}},
			want:   summary{allowed: true, by: "input[0]"},
		},
		{
			name:   "output hook for a flow from the device",
			chains: []snapshot.Chain{base("forward", "forward", 0, "accept"), base("output", "output", 0, "drop")},
			flow:   Flow{Protocol: "udp", Port: 4500, Sources: []string{wanAddr}, Destinations: []string{tunnelIP}},
			want:   summary{blocked: "203.0.113.2/32>198.51.100.7/32=default:block:output"},
		},
		{
			name:   "iifname matches the ingress interface",
			chains: []snapshot.Chain{base("forward", "forward", 0, "drop", r("pass", "tcp", "any", "any", on("eth1"), out("eth0")))},
			flow:   tcp(443, nodes, "52.0.0.0/8"),
			want:   summary{allowed: true, by: "forward[0]"},
		},
		{
			name:   "iifname wildcard on the wrong interface",
			chains: []snapshot.Chain{base("forward", "forward", 0, "drop", r("pass", "tcp", "any", "any", on("eth0*")))},
			flow:   tcp(443, nodes, "52.0.0.0/8"),
			want:   summary{blocked: "10.200.0.0/24>52.0.0.0/8=default:block:forward"},
		},
		{
			name: "prerouting drop stops a forwarded flow",
			chains: []snapshot.Chain{
				base("raw", "prerouting", -300, "accept", r("block", "tcp", "10.0.3.0/24", "any")),
				base("forward", "forward", 0, "accept"),
			},
			flow: kubelet,
			want: summary{partial: true, by: "default:pass:forward", blocked: "10.0.3.0/24>10.200.0.0/24=raw[0]"},
		},
		{
			name: "a jump that may not match is followed both ways",
			chains: []snapshot.Chain{
				base("forward", "forward", 0, "accept",
					r("jump", "tcp", "any", "any", target("strict"), unsupported("meta mark 0x1")),
					r("pass", "any", "any", "any")),
				user("strict", r("block", "tcp", "10.0.4.0/24", "any")),
			},
			flow: kubelet,
			want: summary{partial: true, by: "forward[1]", blocked: "10.0.4.0/24>10.200.0.0/24=strict[0]"},
			note: "both taking and skipping",
		},
		{
			name:   "jump to a missing chain is taken to block",
			chains: []snapshot.Chain{base("forward", "forward", 0, "accept", r("jump", "tcp", "any", "any", target("nowhere")))},
			flow:   kubelet,
			want:   summary{blocked: "10.0.0.0/16>10.200.0.0/24=forward[0]"},
			note:   "does not exist",
		},
		{
			name: "ip6 family chain does not see IPv4",
			chains: []snapshot.Chain{func() snapshot.Chain {
				c := base("forward6", "forward", -5, "drop")
				c.Family = "ip6"
				return c
			}(), base("forward", "forward", 0, "accept")},
			flow: kubelet,
			want: summary{allowed: true, by: "default:pass:forward"},
		},
	})
}

func TestIptablesSemantics(t *testing.T) {
	kubelet := tcp(10250, vpc, nodes)
	// iptIn is the chain name of table with its policy and rules; ipt the same in filter.
	iptIn := func(table, name, policy string, rules ...snapshot.FirewallRule) snapshot.Chain {
		c := indexed(name, rules)
		c.Table, c.Policy = table, policy
		return c
	}
	ipt := func(name, policy string, rules ...snapshot.FirewallRule) snapshot.Chain {
		return iptIn("filter", name, policy, rules...)
	}
	checkChainCases(t, func(chains ...snapshot.Chain) *snapshot.Device { return hookDevice("iptables", chains...) }, []chainCase{
		{
			name: "user chain with RETURN",
			chains: []snapshot.Chain{
				ipt("FORWARD", "drop", r("jump", "any", "any", nodes, target("TO-NODES"))),
				ipt("TO-NODES", "", r("return", "any", "10.0.1.0/24", "any"), r("pass", "tcp", vpc, "any", port(10250, 10250))),
			},
			flow: kubelet,
			want: summary{partial: true, by: "TO-NODES[1]", blocked: "10.0.1.0/24>10.200.0.0/24=default:block:FORWARD"},
		},
		{
			name:   "policy ACCEPT",
			chains: []snapshot.Chain{ipt("FORWARD", "accept", r("block", "udp", "any", "any"))},
			flow:   kubelet,
			want:   summary{allowed: true, by: "default:pass:FORWARD"},
		},
		{
			name:   "INPUT for the device's own address; FORWARD is not consulted",
			chains: []snapshot.Chain{ipt("INPUT", "drop", r("pass", "udp", "any", "any", port(4500, 4500))), ipt("FORWARD", "drop")},
			flow:   Flow{Protocol: "udp", Port: 4500, Sources: []string{tunnelIP}, Destinations: []string{wanAddr}},
			want:   summary{allowed: true, by: "INPUT[0]"},
		},
		{
			name:   "nat table chains are not the filter",
			chains: []snapshot.Chain{iptIn("nat", "FORWARD", "drop"), ipt("FORWARD", "accept")},
			flow:   kubelet,
			want:   summary{allowed: true, by: "default:pass:FORWARD"},
		},
		{
			name:   "conntrack established only",
			chains: []snapshot.Chain{ipt("FORWARD", "drop", r("pass", "any", "any", "any", states("related", "established")))},
			flow:   kubelet,
			want:   summary{blocked: "10.0.0.0/16>10.200.0.0/24=default:block:FORWARD"},
		},
		{
			name: "mangle PREROUTING policy DROP filters before FORWARD",
			chains: []snapshot.Chain{
				iptIn("mangle", "PREROUTING", "drop", r("pass", "any", "10.0.0.0/17", "any")),
				ipt("FORWARD", "accept"),
			},
			flow: kubelet,
			want: summary{partial: true, by: "mangle/PREROUTING[0] default:pass:FORWARD", blocked: "10.0.128.0/17>10.200.0.0/24=default:block:mangle/PREROUTING"},
		},
		{
			name: "raw runs before mangle",
			chains: []snapshot.Chain{
				iptIn("mangle", "PREROUTING", "accept", r("pass", "any", "any", "any")),
				iptIn("raw", "PREROUTING", "accept", r("block", "tcp", "10.0.5.0/24", "any")),
				ipt("FORWARD", "accept"),
			},
			flow: kubelet,
			want: summary{partial: true, by: "mangle/PREROUTING[0] default:pass:FORWARD", blocked: "10.0.5.0/24>10.200.0.0/24=raw/PREROUTING[0]"},
		},
		{
			name:   "no FORWARD chain: the device default applies",
			chains: []snapshot.Chain{ipt("INPUT", "drop")},
			flow:   kubelet,
			want:   summary{allowed: true, by: "default:pass:forward"},
		},
	})
}

func TestGenericSemantics(t *testing.T) {
	kubelet := tcp(10250, vpc, nodes)
	tests := []struct {
		name  string
		rules []snapshot.FirewallRule
		deflt string
		flow  Flow
		want  summary
	}{
		{"first match", []snapshot.FirewallRule{r("pass", "tcp", vpc, nodes), r("block", "any", "any", "any")}, "block", kubelet, summary{allowed: true, by: "filter[0]"}},
		{"block first", []snapshot.FirewallRule{r("reject", "tcp", "any", "10.200.0.0/25"), r("pass", "any", "any", "any")}, "block", kubelet,
			summary{partial: true, by: "filter[1]", blocked: "10.0.0.0/16>10.200.0.0/25=filter[0]"}},
		{"default block", nil, "block", kubelet, summary{blocked: "10.0.0.0/16>10.200.0.0/24=default:block:filter"}},
		{"default pass", []snapshot.FirewallRule{r("block", "udp", "any", "any")}, "pass", kubelet, summary{allowed: true, by: "default:pass:filter"}},
		{"direction out on the node interface blocks what leaves to the nodes",
			[]snapshot.FirewallRule{r("block", "tcp", "any", "any", on("eth1"), dir("out")), r("pass", "any", "any", "any")}, "block", kubelet,
			summary{blocked: "10.0.0.0/16>10.200.0.0/24=filter[0]"}},
		{"direction in on the node interface does not see traffic entering from the WAN",
			[]snapshot.FirewallRule{r("block", "tcp", "any", "any", on("eth1"), dir("in")), r("pass", "any", "any", "any")}, "block", kubelet,
			summary{allowed: true, by: "filter[1]"}},
		{"direction any on the node interface blocks both ways",
			[]snapshot.FirewallRule{r("block", "tcp", "any", "any", on("eth1"), dir("any")), r("pass", "any", "any", "any")}, "block", kubelet,
			summary{blocked: "10.0.0.0/16>10.200.0.0/24=filter[0]"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			dev := hookDevice("generic", indexed("filter", tc.rules))
			dev.Firewall.DefaultAction = tc.deflt
			wantSummary(t, dev, tc.flow, tc.want, "")
		})
	}
}

func TestBadInput(t *testing.T) {
	e := compiled(t, pfDevice())
	flows := []struct {
		flow Flow
		want string
	}{
		{Flow{Protocol: "tcp", Sources: []string{vpc}, Destinations: []string{nodes}}, "needs a destination port"},
		{Flow{Protocol: "smtp", Port: 25, Sources: []string{vpc}, Destinations: []string{nodes}}, `protocol "smtp"`},
		{Flow{Protocol: "tcp", Port: 70000, Sources: []string{vpc}, Destinations: []string{nodes}}, "outside 0-65535"},
		{Flow{Protocol: "tcp", Port: 443, Sources: []string{"10.0.0.0/33"}, Destinations: []string{nodes}}, "sources[0]"},
		{Flow{Protocol: "tcp", Port: 443, Sources: []string{"2001:db8::/32"}, Destinations: []string{nodes}}, "IPv6"},
		{Flow{Protocol: "tcp", Port: 443, Sources: []string{vpc}}, "no destinations"},
		{Flow{Protocol: "esp", Port: 443, Sources: []string{vpc}, Destinations: []string{nodes}}, "has no ports"},
	}
	for _, tc := range flows {
		_, err := e.Evaluate(tc.flow)
		if err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("flow %+v: error %v, want one containing %q", tc.flow, err, tc.want)
		}
	}

	bad := pfDevice(r("pass", "tcp", "10.0.0.300/24", "any"))
	if _, err := NewEvaluator(bad); err == nil || !strings.Contains(err.Error(), `device "edge": chain "filter" rule 0: source:`) {
		t.Errorf("bad rule CIDR: error %v", err)
	}
	odd := pfDevice()
	odd.Firewall.Model = "ipfw"
	if _, err := NewEvaluator(odd); err == nil || !strings.Contains(err.Error(), `model "ipfw"`) {
		t.Errorf("unknown model: error %v", err)
	}
}
