package flow

import (
	"testing"

	"github.com/hybridcheck/hybridcheck/internal/snapshot"
)

func TestPFSemantics(t *testing.T) {
	kubelet := tcp(10250, vpc, nodes) // HN-FW-01: enters on the IPsec interface
	egress := tcp(443, nodes, vpc)    // HN-FW-06: enters on LAN, leaves by IPsec
	ptr := func(i int) *int { return &i }
	tests := []struct {
		name  string
		rules []snapshot.FirewallRule
		flow  Flow
		want  summary
		note  string
	}{
		{
			name:  "first match passes",
			rules: []snapshot.FirewallRule{r("pass", "tcp", vpc, nodes, on("enc0"), port(10250, 10250)), r("block", "any", "any", "any", on("enc0"))},
			flow:  kubelet,
			want:  summary{allowed: true, by: "filter[0]"},
		},
		{
			name:  "block above pass blocks and is cited",
			rules: []snapshot.FirewallRule{r("block", "tcp", "any", nodes, on("enc0"), port(10250, 10250)), r("pass", "tcp", vpc, nodes, on("enc0"))},
			flow:  kubelet,
			want:  summary{blocked: "10.0.0.0/16>10.200.0.0/24=filter[0]"},
		},
		{
			name:  "partly overlapping block names the blocked piece",
			rules: []snapshot.FirewallRule{r("block", "tcp", "10.0.1.0/24", "10.200.0.128/25", on("ipsec")), r("pass", "tcp", vpc, nodes, on("ipsec"))},
			flow:  kubelet,
			want:  summary{partial: true, by: "filter[1]", blocked: "10.0.1.0/24>10.200.0.128/25=filter[0]"},
		},
		{
			name:  "partly covering pass leaves the rest to the default",
			rules: []snapshot.FirewallRule{r("pass", "tcp", "10.0.0.0/17", nodes, on("ipsec"))},
			flow:  kubelet,
			want:  summary{partial: true, by: "filter[0]", blocked: "10.0.128.0/17>10.200.0.0/24=default:block:filter@ipsec"},
		},
		{
			name:  "not source excludes the flow",
			rules: []snapshot.FirewallRule{r("pass", "tcp", "!10.0.0.0/8", nodes, on("ipsec"))},
			flow:  kubelet,
			want:  summary{blocked: "10.0.0.0/16>10.200.0.0/24=default:block:filter@ipsec"},
		},
		{
			name:  "not destination block spares the flow",
			rules: []snapshot.FirewallRule{r("block", "any", "any", "!"+nodes, on("ipsec")), r("pass", "tcp", "any", "any", on("ipsec"))},
			flow:  kubelet,
			want:  summary{allowed: true, by: "filter[1]"},
		},
		{
			name:  "alias resolved to CIDRs",
			rules: []snapshot.FirewallRule{r("pass", "tcp", "alias:AWS_NETS="+vpc, "alias:NODES="+nodes+","+nodes2, on("ipsec"), port(10250, 10250))},
			flow:  kubelet,
			want:  summary{allowed: true, by: "filter[0]"},
		},
		{
			name: "floating quick block beats the interface pass",
			rules: []snapshot.FirewallRule{
				r("pass", "tcp", vpc, nodes, on("ipsec")),
				r("block", "tcp", "any", "any", floating(true, "in", "ipsec", "wan"), port(10000, 10999)),
			},
			flow: kubelet,
			want: summary{blocked: "10.0.0.0/16>10.200.0.0/24=filter[1]"},
		},
		{
			name: "floating quick rule on another interface does not apply",
			rules: []snapshot.FirewallRule{
				r("block", "tcp", "any", "any", floating(true, "in", "wan")),
				r("pass", "tcp", vpc, nodes, on("ipsec")),
			},
			flow: kubelet,
			want: summary{allowed: true, by: "filter[1]"},
		},
		{
			name: "interface rule wins over non-quick floating block",
			rules: []snapshot.FirewallRule{
				r("block", "tcp", "any", "any", floating(false, "in")),
				r("pass", "tcp", vpc, nodes, on("ipsec")),
			},
			flow: kubelet,
			want: summary{allowed: true, by: "filter[1]"},
		},
		{
			name: "non-quick floating rules: last match wins (block last)",
			rules: []snapshot.FirewallRule{
				r("pass", "tcp", "any", "any", floating(false, "in")),
				r("block", "tcp", "any", nodes, floating(false, "any")),
			},
			flow: kubelet,
			want: summary{blocked: "10.0.0.0/16>10.200.0.0/24=filter[1]"},
		},
		{
			name: "non-quick floating rules: last match wins (pass last)",
			rules: []snapshot.FirewallRule{
				r("block", "tcp", "any", nodes, floating(false, "in")),
				r("pass", "tcp", "any", "any", floating(false, "in")),
			},
			flow: kubelet,
			want: summary{allowed: true, by: "filter[1]"},
		},
		{
			name:  "default block when nothing matches",
			rules: []snapshot.FirewallRule{r("pass", "udp", "any", "any", on("ipsec"))},
			flow:  kubelet,
			want:  summary{blocked: "10.0.0.0/16>10.200.0.0/24=default:block:filter@ipsec"},
		},
		{
			name:  "disabled rule is skipped",
			rules: []snapshot.FirewallRule{r("pass", "tcp", "any", "any", on("ipsec"), disabled)},
			flow:  kubelet,
			want:  summary{blocked: "10.0.0.0/16>10.200.0.0/24=default:block:filter@ipsec"},
		},
		{
			name:  "rule on the wrong interface does not match",
			rules: []snapshot.FirewallRule{r("pass", "tcp", "any", "any", on("lan"))},
			flow:  kubelet,
			want:  summary{blocked: "10.0.0.0/16>10.200.0.0/24=default:block:filter@ipsec"},
		},
		{
			name:  "port range contains the port",
			rules: []snapshot.FirewallRule{r("pass", "tcp", "any", "any", on("ipsec"), port(10000, 10300))},
			flow:  kubelet,
			want:  summary{allowed: true, by: "filter[0]"},
		},
		{
			name:  "port range misses the port",
			rules: []snapshot.FirewallRule{r("pass", "tcp", "any", "any", on("ipsec"), port(80, 443), port(10251, 10300))},
			flow:  kubelet,
			want:  summary{blocked: "10.0.0.0/16>10.200.0.0/24=default:block:filter@ipsec"},
		},
		{
			name: "non-quick floating block in any direction also blocks on the way out",
			rules: []snapshot.FirewallRule{
				r("pass", "tcp", vpc, nodes, on("ipsec")),
				r("block", "tcp", "any", nodes, floating(false, "any")),
			},
			flow: kubelet,
			want: summary{blocked: "10.0.0.0/16>10.200.0.0/24=filter[1]"},
		},
		{
			name:  "tcp/udp rule matches tcp",
			rules: []snapshot.FirewallRule{r("pass", "tcp/udp", "any", "any", on("ipsec"))},
			flow:  kubelet,
			want:  summary{allowed: true, by: "filter[0]"},
		},
		{
			name:  "inet6 rule never matches IPv4",
			rules: []snapshot.FirewallRule{r("pass", "tcp", "any", "any", on("ipsec"), inet6)},
			flow:  kubelet,
			want:  summary{blocked: "10.0.0.0/16>10.200.0.0/24=default:block:filter@ipsec"},
		},
		{
			name:  "negated IPv6 address does not make a rule match IPv4",
			rules: []snapshot.FirewallRule{r("block", "any", "!2001:db8::/32", "any", on("ipsec")), r("pass", "tcp", "any", "any", on("ipsec"))},
			flow:  kubelet,
			want:  summary{allowed: true, by: "filter[1]"},
		},
		{
			name:  "icmp type listed",
			rules: []snapshot.FirewallRule{r("pass", "icmp", "any", "any", on("ipsec"), icmpTypes(0, 8))},
			flow:  Flow{Protocol: "icmp", ICMPType: ptr(8), Sources: []string{vpc}, Destinations: []string{nodes}},
			want:  summary{allowed: true, by: "filter[0]"},
		},
		{
			name:  "icmp type not listed",
			rules: []snapshot.FirewallRule{r("pass", "icmp", "any", "any", on("ipsec"), icmpTypes(0))},
			flow:  Flow{Protocol: "icmp", ICMPType: ptr(8), Sources: []string{vpc}, Destinations: []string{nodes}},
			want:  summary{blocked: "10.0.0.0/16>10.200.0.0/24=default:block:filter@ipsec"},
		},
		{
			name:  "icmp rule without types covers every type",
			rules: []snapshot.FirewallRule{r("pass", "icmp", "any", "any", on("ipsec"))},
			flow:  Flow{Protocol: "icmp", Sources: []string{vpc}, Destinations: []string{nodes}},
			want:  summary{allowed: true, by: "filter[0]"},
		},
		{
			name:  "typed icmp pass does not cover a flow of every type",
			rules: []snapshot.FirewallRule{r("pass", "icmp", "any", "any", on("ipsec"), icmpTypes(8))},
			flow:  Flow{Protocol: "icmp", Sources: []string{vpc}, Destinations: []string{nodes}},
			want:  summary{blocked: "10.0.0.0/16>10.200.0.0/24=default:block:filter@ipsec"},
			note:  "not counted as passing",
		},
		{
			name:  "pass with an unsupported match does not count",
			rules: []snapshot.FirewallRule{r("pass", "tcp", "any", "any", on("ipsec"), unsupported("os fingerprint"))},
			flow:  kubelet,
			want:  summary{blocked: "10.0.0.0/16>10.200.0.0/24=default:block:filter@ipsec"},
			note:  "os fingerprint",
		},
		{
			name:  "block with an unsupported match makes the flow unknown, naming the rule",
			rules: []snapshot.FirewallRule{r("block", "tcp", "any", "any", on("ipsec"), unsupported("schedule")), r("pass", "tcp", "any", "any", on("ipsec"))},
			flow:  kubelet,
			want:  summary{unknown: "10.0.0.0/16>10.200.0.0/24=filter[0]"},
		},
		{
			name:  "source port subset does not cover the flow",
			rules: []snapshot.FirewallRule{r("pass", "tcp", "any", "any", on("ipsec"), srcPort(1024, 2048))},
			flow:  kubelet,
			want:  summary{blocked: "10.0.0.0/16>10.200.0.0/24=default:block:filter@ipsec"},
		},
		{
			name:  "ephemeral source ports cover the flow",
			rules: []snapshot.FirewallRule{r("pass", "tcp", "any", "any", on("ipsec"), srcPort(1024, 65535))},
			flow:  kubelet,
			want:  summary{allowed: true, by: "filter[0]"},
		},
		{
			name:  "LAN egress to the VPC passes in on lan",
			rules: []snapshot.FirewallRule{r("pass", "tcp", "alias:NODES="+nodes+","+nodes2, "alias:AWS_NETS="+vpc, on("lan"), port(443, 443))},
			flow:  egress,
			want:  summary{allowed: true, by: "filter[0]"},
		},
		{
			name: "floating quick out block on the egress interface",
			rules: []snapshot.FirewallRule{
				r("pass", "tcp", "any", "any", on("lan")),
				r("block", "tcp", "any", vpc, floating(true, "out", "enc0")),
			},
			flow: egress,
			want: summary{partial: false, blocked: "10.200.0.0/24>10.0.0.0/16=filter[1]"},
		},
		{
			name:  "pod sources routed to a node enter on lan",
			rules: []snapshot.FirewallRule{r("pass", "tcp", pods, vpc, on("lan"))},
			flow:  tcp(443, pods, vpc),
			want:  summary{allowed: true, by: "filter[0]"},
		},
		{
			name: "sources on two interfaces are judged each on its own",
			rules: []snapshot.FirewallRule{
				r("pass", "tcp", "any", vpc, on("lan")),
				r("block", "tcp", "any", vpc, on("opt1")),
			},
			flow: tcp(443, nodes+","+nodes2, vpc),
			want: summary{partial: true, by: "filter[0]", blocked: "10.200.1.0/24>10.0.0.0/16=filter[1]"},
		},
		{
			name: "VTI traffic: IPsec group rules before the VTI interface's own",
			rules: []snapshot.FirewallRule{
				r("block", "tcp", "any", "any", on("opt2")),
				r("pass", "tcp", "any", nodes, on("enc0")),
			},
			flow: tcp(10250, "172.31.0.0/16", nodes),
			want: summary{allowed: true, by: "filter[1]"},
		},
		{
			name:  "hosts of one connected network talk without the device",
			rules: nil,
			flow:  Flow{Protocol: "udp", Port: 8472, Sources: []string{nodes}, Destinations: []string{nodes}},
			want:  summary{allowed: true},
			note:  "does not cross the device",
		},
		{
			name:  "node networks on two interfaces cross the device",
			rules: []snapshot.FirewallRule{r("pass", "udp", nodes, "any", on("lan"))},
			flow:  Flow{Protocol: "udp", Port: 8472, Sources: []string{nodes, nodes2}, Destinations: []string{nodes, nodes2}},
			want:  summary{partial: true, by: "filter[0]", blocked: "10.200.1.0/24>10.200.0.0/24=default:block:filter@opt1"},
		},
		{
			name:  "pod networks routed to nodes hairpin through the device",
			rules: nil,
			flow:  tcp(53, pods, pods),
			want:  summary{blocked: "192.168.0.0/16>192.168.0.0/16=default:block:filter@lan"},
		},
		{
			name:  "inbound IKE to the WAN address",
			rules: []snapshot.FirewallRule{r("pass", "udp", tunnelIP, "self", on("wan"), port(500, 500))},
			flow:  Flow{Protocol: "udp", Port: 500, Sources: []string{tunnelIP}, Destinations: []string{wanAddr}},
			want:  summary{allowed: true, by: "filter[0]"},
		},
		{
			name:  "ESP to the WAN address without a rule",
			rules: []snapshot.FirewallRule{r("pass", "udp", tunnelIP, "self", on("wan"))},
			flow:  Flow{Protocol: "esp", Sources: []string{tunnelIP}, Destinations: []string{wanAddr}},
			want:  summary{blocked: "198.51.100.7/32>203.0.113.2/32=default:block:filter@wan"},
		},
		{
			name:  "outbound from the device itself passes unless a floating rule blocks",
			rules: nil,
			flow:  Flow{Protocol: "udp", Port: 4500, Sources: []string{wanAddr}, Destinations: []string{tunnelIP}},
			want:  summary{allowed: true},
			note:  "enter on self",
		},
		{
			name:  "outbound from the device blocked by a floating out rule",
			rules: []snapshot.FirewallRule{r("block", "udp", "any", "any", floating(true, "out", "wan"), port(4500, 4500))},
			flow:  Flow{Protocol: "udp", Port: 4500, Sources: []string{wanAddr}, Destinations: []string{tunnelIP}},
			want:  summary{blocked: "203.0.113.2/32>198.51.100.7/32=filter[0]"},
		},
		{
			name:  "egress to a name: FQDN alias lists it",
			rules: []snapshot.FirewallRule{r("pass", "tcp", nodes, "fqdn:ssm.us-east-1.amazonaws.com", on("lan"), port(443, 443))},
			flow:  Flow{Protocol: "tcp", Port: 443, Sources: []string{nodes}, DestinationNames: []string{"ssm.us-east-1.amazonaws.com"}},
			want:  summary{allowed: true, by: "filter[0]"},
		},
		{
			name:  "egress to a name: FQDN alias lists another name",
			rules: []snapshot.FirewallRule{r("pass", "tcp", nodes, "fqdn:eks.us-east-1.amazonaws.com", on("lan"), port(443, 443))},
			flow:  Flow{Protocol: "tcp", Port: 443, Sources: []string{nodes}, DestinationNames: []string{"ssm.us-east-1.amazonaws.com", "eks.us-east-1.amazonaws.com"}},
			want:  summary{partial: true, by: "filter[0]", blocked: "10.200.0.0/24>ssm.us-east-1.amazonaws.com=default:block:filter@lan"},
		},
		{
			name:  "egress to a name: an address alias of private networks does not hold a public endpoint",
			rules: []snapshot.FirewallRule{r("pass", "tcp", nodes, "alias:AWS_NETS="+vpc, on("lan"))},
			flow:  Flow{Protocol: "tcp", Port: 443, Sources: []string{nodes}, DestinationNames: []string{"ssm.us-east-1.amazonaws.com"}},
			want:  summary{blocked: "10.200.0.0/24>ssm.us-east-1.amazonaws.com=default:block:filter@lan"},
		},
		{
			name:  "egress to a name: a block to an RFC1918 alias does not block a public endpoint",
			rules: []snapshot.FirewallRule{r("block", "tcp", nodes, "alias:RFC1918=10.0.0.0/8,172.16.0.0/12,192.168.0.0/16", on("lan")), r("pass", "tcp", nodes, "any", on("lan"))},
			flow:  Flow{Protocol: "tcp", Port: 443, Sources: []string{nodes}, DestinationNames: []string{"ssm.us-east-1.amazonaws.com"}},
			want:  summary{allowed: true, by: "filter[1]"},
		},
		{
			name:  "egress to a name: a pass to ! RFC1918 passes a public endpoint",
			rules: []snapshot.FirewallRule{r("pass", "tcp", nodes, "!10.0.0.0/8,172.16.0.0/12,192.168.0.0/16", on("lan"))},
			flow:  Flow{Protocol: "tcp", Port: 443, Sources: []string{nodes}, DestinationNames: []string{"ssm.us-east-1.amazonaws.com"}},
			want:  summary{allowed: true, by: "filter[0]"},
		},
		{
			name:  "egress to a name: a public address alias without the ip-ranges is unknown",
			rules: []snapshot.FirewallRule{r("pass", "tcp", nodes, "alias:AWS_PUBLIC=52.94.0.0/16", on("lan"))},
			flow:  Flow{Protocol: "tcp", Port: 443, Sources: []string{nodes}, DestinationNames: []string{"ssm.us-east-1.amazonaws.com"}},
			want:  summary{unknown: "10.200.0.0/24>ssm.us-east-1.amazonaws.com=filter[0]"},
		},
		{
			name:  "egress to a name: a public address alias covering the published ranges holds the name",
			rules: []snapshot.FirewallRule{r("pass", "tcp", nodes, "alias:AWS_PUBLIC=52.94.0.0/16", on("lan"))},
			flow: Flow{Protocol: "tcp", Port: 443, Sources: []string{nodes}, DestinationNames: []string{"ssm.us-east-1.amazonaws.com"},
				DestinationRanges: map[string][]string{"ssm.us-east-1.amazonaws.com": {"52.94.0.0/22", "52.94.224.0/20"}}},
			want: summary{allowed: true, by: "filter[0]"},
		},
		{
			name:  "egress to a name: a public address alias covering part of the ranges does not",
			rules: []snapshot.FirewallRule{r("pass", "tcp", nodes, "alias:AWS_PUBLIC=52.94.0.0/22", on("lan"))},
			flow: Flow{Protocol: "tcp", Port: 443, Sources: []string{nodes}, DestinationNames: []string{"ssm.us-east-1.amazonaws.com"},
				DestinationRanges: map[string][]string{"ssm.us-east-1.amazonaws.com": {"52.94.0.0/22", "52.94.224.0/20"}}},
			want: summary{blocked: "10.200.0.0/24>ssm.us-east-1.amazonaws.com=default:block:filter@lan"},
		},
		{
			name:  "egress to a name: ! a set meeting the published ranges does not pass it",
			rules: []snapshot.FirewallRule{r("pass", "tcp", nodes, "!10.0.0.0/8,52.94.0.0/22", on("lan"))},
			flow: Flow{Protocol: "tcp", Port: 443, Sources: []string{nodes}, DestinationNames: []string{"ssm.us-east-1.amazonaws.com"},
				DestinationRanges: map[string][]string{"ssm.us-east-1.amazonaws.com": {"52.94.0.0/22", "52.94.224.0/20"}}},
			want: summary{blocked: "10.200.0.0/24>ssm.us-east-1.amazonaws.com=default:block:filter@lan"},
		},
		{
			name:  "egress to a name: an interface network is no address alias",
			rules: []snapshot.FirewallRule{r("pass", "tcp", nodes, "alias:opt1="+nodes2, on("lan"))},
			flow:  Flow{Protocol: "tcp", Port: 443, Sources: []string{nodes}, DestinationNames: []string{"ssm.us-east-1.amazonaws.com"}},
			want:  summary{blocked: "10.200.0.0/24>ssm.us-east-1.amazonaws.com=default:block:filter@lan"},
		},
		{
			name:  "egress to a name: plain private CIDRs do not hold it",
			rules: []snapshot.FirewallRule{r("pass", "tcp", nodes, "10.0.0.0/8", on("lan"))},
			flow:  Flow{Protocol: "tcp", Port: 443, Sources: []string{nodes}, DestinationNames: []string{"ssm.us-east-1.amazonaws.com"}},
			want:  summary{blocked: "10.200.0.0/24>ssm.us-east-1.amazonaws.com=default:block:filter@lan"},
		},
		{
			name:  "egress to a name: a rule to any destination counts",
			rules: []snapshot.FirewallRule{r("block", "tcp", nodes, "10.0.0.0/8", on("lan")), r("pass", "tcp", nodes, "any", on("lan"))},
			flow:  Flow{Protocol: "tcp", Port: 443, Sources: []string{nodes}, DestinationNames: []string{"ssm.us-east-1.amazonaws.com"}},
			want:  summary{allowed: true, by: "filter[1]"},
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			wantSummary(t, pfDevice(tc.rules...), tc.flow, tc.want, tc.note)
		})
	}
}

func TestPFIngressInterface(t *testing.T) {
	tests := []struct {
		src  string
		want string
	}{
		{vpc, "ipsec"},
		{nodes, "lan"},
		{pods, "lan"},
		{nodes + "," + nodes2, "lan,opt1"},
		{"172.31.5.0/24", "opt2"},
		{tunnelIP, "wan"},
		{wanAddr, "self"},
	}
	for _, tc := range tests {
		t.Run(tc.src, func(t *testing.T) {
			res := evaluate(t, pfDevice(), tcp(443, tc.src, "10.99.0.0/16"))
			if res.IngressInterface != tc.want {
				t.Errorf("ingress %q, want %q", res.IngressInterface, tc.want)
			}
		})
	}
}

func TestPFDisabledPhase2IsNotATunnel(t *testing.T) {
	dev := pfDevice()
	dev.IPsec.Phase2[0].Disabled = true
	res := evaluate(t, dev, tcp(10250, vpc, nodes))
	if res.IngressInterface != "wan" {
		t.Errorf("ingress %q, want wan: a disabled phase 2 carries no traffic", res.IngressInterface)
	}
}
