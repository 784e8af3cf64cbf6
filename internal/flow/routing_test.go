package flow

import (
	"encoding/json"
	"strings"
	"testing"

	"github.com/hybridcheck/hybridcheck/internal/snapshot"
)

// vtiDevice is the route-based design: no policy-based phase 2 for the VPC, a VTI (opt2,
// ipsec1, 169.254.10.2/30) and a BGP session to the AWS tunnel's inside address that teaches
// the device the VPC prefix. The IPsec tab passes the kubelet from the VPC; WAN passes nothing.
func vtiDevice(neighbourASN int64, neighbour string) *snapshot.Device {
	dev := pfDevice(r("pass", "tcp", vpc, nodes, on("ipsec"), port(10250, 10250), desc("kubelet from AWS")),
		r("pass", "tcp", nodes, vpc, on("lan"), port(443, 443), desc("nodes to the API")))
	dev.IPsec.Phase2 = []snapshot.IPsecPhase2{{Phase1ID: "1", Mode: "vti", LocalAddress: "169.254.10.2", RemoteAddress: "169.254.10.1"}}
	dev.BGP = &snapshot.BGP{Enabled: true, LocalASN: 65000, Neighbors: []snapshot.BGPNeighbor{{Address: neighbour, RemoteASN: neighbourASN, Enabled: true}}}
	return dev
}

var awsCtx = &AWSContext{CIDRs: []string{vpc}, Tunnels: []AWSTunnel{{
	OutsideAddress: "198.51.100.7", AWSInsideAddress: "169.254.10.1", CustomerInsideAddress: "169.254.10.2", AWSASN: 64512, CustomerASN: 65000,
}}}

func withAWS(f Flow) Flow { f.AWS = awsCtx; return f }

func TestRoutingFromAWSBGPNeighbours(t *testing.T) {
	kubelet := tcp(10250, vpc, nodes)
	tests := []struct {
		name      string
		dev       *snapshot.Device
		flow      Flow
		want      summary
		ingress   string
		derivated string
	}{
		{
			name: "VPC learned over BGP from the AWS inside address enters on the VTI",
			dev:  vtiDevice(64512, "169.254.10.1"), flow: withAWS(kubelet),
			want: summary{allowed: true, by: "filter[0]"}, ingress: "opt2",
			derivated: "learned over BGP from AWS tunnel inside address 169.254.10.1 (AS 64512, local AS 65000) on opt2",
		},
		{
			name: "nodes to the VPC leave by the VTI",
			dev:  vtiDevice(64512, "169.254.10.1"), flow: withAWS(tcp(443, nodes, vpc)),
			want: summary{allowed: true, by: "filter[1]"}, ingress: "lan",
		},
		{
			name: "without the AWS side the VPC is taken from the default route (WAN)",
			dev:  vtiDevice(64512, "169.254.10.1"), flow: kubelet,
			want: summary{blocked: "10.0.0.0/16>10.200.0.0/24=default:block:filter@wan"}, ingress: "wan",
		},
		{
			name: "a wrong AWS ASN: the session never comes up, nothing is learned",
			dev:  vtiDevice(64513, "169.254.10.1"), flow: withAWS(kubelet),
			want: summary{blocked: "10.0.0.0/16>10.200.0.0/24=default:block:filter@wan"}, ingress: "wan",
			derivated: "AWS uses AS 64512",
		},
		{
			name: "a neighbour that is not an AWS inside address teaches nothing",
			dev:  vtiDevice(64512, "169.254.10.5"), flow: withAWS(kubelet),
			want: summary{blocked: "10.0.0.0/16>10.200.0.0/24=default:block:filter@wan"}, ingress: "wan",
			derivated: "not an inside address of an AWS tunnel",
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			res := wantSummary(t, tc.dev, tc.flow, tc.want, "")
			if res.IngressInterface != tc.ingress {
				t.Errorf("ingress %q, want %q", res.IngressInterface, tc.ingress)
			}
			if tc.derivated != "" && !strings.Contains(strings.Join(res.Routing, "\n"), tc.derivated) {
				t.Errorf("routing %q does not say %q", res.Routing, tc.derivated)
			}
		})
	}
}

// Where the device's routing cannot settle an AWS prefix, the verdict is unknown, not the WAN.
func TestRoutingUndeterminedIsUnknown(t *testing.T) {
	t.Run("BGP neighbour on no interface", func(t *testing.T) {
		dev := vtiDevice(64512, "169.254.10.1")
		dev.Interfaces = dev.Interfaces[:3] // no VTI holds 169.254.10.1
		res := evaluate(t, dev, withAWS(tcp(10250, vpc, nodes)))
		if got := summarize(res); got.allowed || got.blocked != "" || got.unknown != "10.0.0.0/16>10.200.0.0/24=routing" {
			t.Fatalf("got %+v, want unknown by routing", got)
		}
		if !strings.Contains(res.Unknown[0].Reason, "lies on none of the device's interfaces") {
			t.Errorf("reason %q", res.Unknown[0].Reason)
		}
	})
	t.Run("no WAN and no route", func(t *testing.T) {
		dev := vtiDevice(64512, "169.254.10.1")
		dev.BGP = nil
		dev.Interfaces = dev.Interfaces[1:] // no WAN interface: the default route is not known
		res := evaluate(t, dev, withAWS(tcp(10250, vpc, nodes)))
		if got := summarize(res); got.unknown != "10.0.0.0/16>10.200.0.0/24=routing" {
			t.Fatalf("got %+v, want unknown by routing", got)
		}
	})
}

// pfSense's IPsec policies capture matching traffic before the routing table: a static route
// more specific than the phase 2 remote network does not take the traffic off the tunnel.
func TestIPsecSelectorsPrecedeRoutes(t *testing.T) {
	dev := pfDevice(r("pass", "tcp", vpc, nodes, on("ipsec"), port(10250, 10250)))
	dev.StaticRoutes = append(dev.StaticRoutes, snapshot.StaticRoute{Destination: "10.0.1.0/24", Gateway: "NODE_GW"})
	res := evaluate(t, dev, tcp(10250, vpc, nodes))
	if got := summarize(res); !got.allowed || res.IngressInterface != "ipsec" {
		t.Fatalf("got %+v on %q, want allowed on ipsec", got, res.IngressInterface)
	}
}

// On a stateful firewall an echo reply is state traffic of the echo request the other way.
func TestEchoReplyIsStateTraffic(t *testing.T) {
	reply, request := 0, 8
	replyFlow := Flow{Protocol: "icmp", Sources: []string{vpc}, Destinations: []string{nodes}, ICMPType: &reply}
	// pf: only nodes -> VPC echo requests pass; the replies VPC -> nodes ride their state.
	dev := pfDevice(r("pass", "icmp", nodes, vpc, on("lan"), icmpTypes(request)))
	res := evaluate(t, dev, replyFlow)
	if got := summarize(res); !got.allowed || got.by != "filter[0]" || !hasNote(res, "state traffic of the echo requests") {
		t.Fatalf("pf: got %+v notes %q, want allowed by the request's rule", got, res.Notes)
	}
	if len(res.Passed) != 1 || res.Passed[0].Sources[0] != vpc {
		t.Errorf("pieces are not in the reply's direction: %+v", res.Passed)
	}
	// nftables with "ct state established accept": the same.
	est := r("pass", "any", "any", "any", states("established", "related"))
	fwd := base("forward", "forward", 0, "drop", est, r("pass", "icmp", nodes, vpc, icmpTypes(request)))
	if got := summarize(evaluate(t, hookDevice("nftables", fwd), replyFlow)); !got.allowed {
		t.Errorf("nftables with established: got %+v, want allowed", got)
	}
	// nftables without an established rule tracks nothing for the rule set: the reply is a
	// packet like any other and meets the policy.
	noState := base("forward", "forward", 0, "drop", r("pass", "icmp", nodes, vpc, icmpTypes(request)))
	if got := summarize(evaluate(t, hookDevice("nftables", noState), replyFlow)); got.allowed {
		t.Errorf("nftables without established: got %+v, want blocked", got)
	}
}

const awsRego = `{"cidrs": ["10.0.0.0/16"], "tunnels": [{"outside_address": "198.51.100.7", "aws_inside_address": "169.254.10.1", "customer_inside_address": "169.254.10.2", "aws_asn": 64512, "customer_asn": 65000}]}`

// Through Rego: the flow's "aws" field places the VPC on the VTI, and device_routes shows how.
func TestRoutingThroughRego(t *testing.T) {
	dev := vtiDevice(64512, "169.254.10.1")
	got, err := evalRego(t, dev, `hybridcheck.device_allows(input.device, {"protocol": "tcp", "sources": ["10.0.0.0/16"], "destinations": ["10.200.0.0/24"], "port": 10250, "aws": `+awsRego+`})`)
	if err != nil {
		t.Fatal(err)
	}
	res := got.(map[string]any)
	if res["allowed"] != true || res["ingress_interface"] != "opt2" {
		t.Fatalf("got %v", res)
	}
	routes, err := evalRego(t, dev, `hybridcheck.device_routes(input.device, `+awsRego+`)`)
	if err != nil {
		t.Fatal(err)
	}
	raw, _ := json.Marshal(routes)
	want := `[{"cidr":"10.0.0.0/16","parts":[{"cidrs":["10.0.0.0/16"],"interface":"opt2","reason":"learned over BGP from AWS tunnel inside address 169.254.10.1 (AS 64512, local AS 65000) on opt2","via":"bgp","vpn":true}]}]`
	if string(raw) != want {
		t.Errorf("device_routes:\n got  %s\n want %s", raw, want)
	}
	if _, err := evalRego(t, dev, `hybridcheck.device_routes(input.device, {"cidrs": "10.0.0.0/16"})`); err == nil || !strings.Contains(err.Error(), "aws") {
		t.Errorf("a malformed AWS side: %v", err)
	}
	if _, err := evalRego(t, dev, `hybridcheck.device_allows(input.device, {"protocol": "tcp", "sources": ["10.0.0.0/16"], "destinations": ["10.200.0.0/24"], "port": 1, "destination_ranges": []})`); err == nil || !strings.Contains(err.Error(), "destination_ranges") {
		t.Errorf("malformed destination_ranges: %v", err)
	}
}

// Both AWS tunnels teach the VPC: traffic may enter on either VTI, so a floating block on one VTI
// blocks the flow even when the other VTI passes it.
func TestEqualCostTunnels(t *testing.T) {
	two := func(extra ...snapshot.FirewallRule) *snapshot.Device {
		dev := vtiDevice(64512, "169.254.10.1")
		dev.Firewall.Chains[0] = indexed("filter", append(extra, r("pass", "tcp", vpc, nodes, on("ipsec"), port(10250, 10250), desc("kubelet from AWS"))))
		dev.Interfaces = append(dev.Interfaces, snapshot.Interface{Name: "opt3", Device: "ipsec2", Enabled: true, Role: "vti", Addresses: []string{"169.254.11.2/30"}, Networks: []string{"169.254.11.0/30"}})
		dev.IPsec.Phase2 = append(dev.IPsec.Phase2, snapshot.IPsecPhase2{Phase1ID: "1", Mode: "vti", LocalAddress: "169.254.11.2", RemoteAddress: "169.254.11.1"})
		dev.BGP.Neighbors = append(dev.BGP.Neighbors, snapshot.BGPNeighbor{Address: "169.254.11.1", RemoteASN: 64512, Enabled: true})
		return dev
	}
	ctx := &AWSContext{CIDRs: []string{vpc}, Tunnels: append(append([]AWSTunnel(nil), awsCtx.Tunnels...), AWSTunnel{
		OutsideAddress: "198.51.100.8", AWSInsideAddress: "169.254.11.1", CustomerInsideAddress: "169.254.11.2", AWSASN: 64512, CustomerASN: 65000})}
	f := tcp(10250, vpc, nodes)
	f.AWS = ctx
	res := evaluate(t, two(), f)
	if got := summarize(res); !got.allowed || res.IngressInterface != "opt2,opt3" {
		t.Fatalf("both tunnels pass: got %+v on %q", got, res.IngressInterface)
	}
	res = evaluate(t, two(r("block", "tcp", "any", "any", floating(true, "in", "opt3"), desc("nothing on tunnel 2"))), f)
	if got := summarize(res); got.allowed || got.blocked != "10.0.0.0/16>10.200.0.0/24=filter[0]" {
		t.Fatalf("tunnel 2 blocks: got %+v", got)
	}
}
