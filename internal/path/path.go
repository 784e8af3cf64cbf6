// Package path follows one flow hop by hop across both sites of a hybrid network: the AWS
// side through the AWS path model (internal/awspath: security groups, network ACLs, route
// tables, the VGW or TGW, the VPN connection and its tunnels) and the on-prem side through
// the device evaluator (internal/flow: IPsec, ingress interface, NAT, the deciding firewall
// rule, the route to the node VLAN or pod network), then back along the reply path where a
// hop is stateless. Each hop carries its verdict and the evidence that decided it; the trace
// names the first hop that drops the flow.
package path

import (
	"fmt"

	"github.com/hybridcheck/hybridcheck/internal/snapshot"
)

// Verdict of a hop or of a whole trace.
type Verdict string

// The verdicts: Pass, the traffic gets through; Drop, a route, rule or missing hop stops it
// (the hop says which); Unknown, the snapshot cannot decide (data not collected, a match not
// modelled).
const (
	Pass    Verdict = "pass"
	Drop    Verdict = "drop"
	Unknown Verdict = "unknown"
)

// Hop kinds, in the order a packet can meet them.
const (
	KindAWSSG          = "aws-sg"
	KindAWSNACL        = "aws-nacl"
	KindAWSRoute       = "aws-route"
	KindAWSGateway     = "aws-gateway"
	KindAWSVPN         = "aws-vpn"
	KindAWSDX          = "aws-dx"
	KindDeviceIPsec    = "device-ipsec"
	KindDeviceFirewall = "device-firewall"
	KindDeviceNAT      = "device-nat"
	KindDeviceRoute    = "device-route"
)

// Flow is what a trace follows: sources to destinations (CIDRs, or AWS endpoint names) on one
// protocol and destination port (or ICMP type).
type Flow struct {
	Name             string   `json:"name,omitempty"`
	Description      string   `json:"description"`
	Protocol         string   `json:"protocol"`
	Port             int      `json:"port,omitempty"`
	ICMPType         *int     `json:"icmp_type,omitempty"`
	Sources          []string `json:"sources"`
	Destinations     []string `json:"destinations,omitempty"`
	DestinationNames []string `json:"destination_names,omitempty"`
}

// Piece is a part of the flow (by CIDR) whose verdict at a hop differs from the rest.
type Piece struct {
	CIDRs    []string `json:"cidrs"`
	Verdict  Verdict  `json:"verdict"`
	Evidence string   `json:"evidence"`
}

// Hop is one place the flow passes, with the verdict and what decided it: Evidence cites the
// rule, route or tunnel, Location where it is written (file:line for device exports, the
// resource ID on AWS).
type Hop struct {
	Kind string `json:"kind"`
	// Direction is "forward" or "return" (the reply through a stateless hop).
	Direction string  `json:"direction"`
	Site      string  `json:"site"`
	Resource  string  `json:"resource"`
	What      string  `json:"what"`
	Verdict   Verdict `json:"verdict"`
	Evidence  string  `json:"evidence"`
	Location  string  `json:"location,omitempty"`
	// Pieces split the flow where parts of it take different paths or meet different rules.
	Pieces []Piece `json:"pieces,omitempty"`
}

// Trace is a flow followed across the network.
type Trace struct {
	Flow    Flow    `json:"flow"`
	Verdict Verdict `json:"verdict"`
	Hops    []Hop   `json:"hops"`
	// FirstStop is the index in Hops of the first hop that drops the flow (or, with no drop,
	// the first that cannot decide); -1 when the flow gets through.
	FirstStop int `json:"first_stop"`
	// NotApplicable says why the flow cannot be followed at all (empty otherwise).
	NotApplicable string `json:"not_applicable,omitempty"`
}

// Stop is the hop that stops the flow, nil when it gets through.
func (t *Trace) Stop() *Hop {
	if t.FirstStop < 0 || t.FirstStop >= len(t.Hops) {
		return nil
	}
	return &t.Hops[t.FirstStop]
}

func (t *Trace) finish() {
	t.Verdict, t.FirstStop = Pass, -1
	for i, h := range t.Hops {
		if h.Verdict == Drop {
			t.Verdict, t.FirstStop = Drop, i
			return
		}
	}
	for i, h := range t.Hops {
		if h.Verdict == Unknown {
			t.Verdict, t.FirstStop = Unknown, i
			return
		}
	}
	if len(t.Hops) == 0 {
		t.Verdict = Unknown
	}
}

// worst combines verdicts: any drop drops, else any unknown is unknown.
func worst(vs ...Verdict) Verdict {
	out := Pass
	for _, v := range vs {
		if v == Drop {
			return Drop
		}
		if v == Unknown {
			out = Unknown
		}
	}
	return out
}

// hopFromPieces sets a hop's verdict from its pieces and, when they agree, lifts the single
// piece's evidence to the hop.
func hopFromPieces(h Hop, pieces []Piece) Hop {
	if len(pieces) == 0 {
		h.Verdict, h.Evidence = Unknown, "nothing of the flow reaches this hop to be decided"
		return h
	}
	vs := make([]Verdict, 0, len(pieces))
	for _, p := range pieces {
		vs = append(vs, p.Verdict)
	}
	h.Verdict = worst(vs...)
	if len(pieces) == 1 {
		h.Evidence = pieces[0].Evidence
		return h
	}
	h.Pieces = pieces
	for _, p := range pieces {
		if p.Verdict == h.Verdict {
			h.Evidence = fmt.Sprintf("%s: %s", joinCIDRs(p.CIDRs), p.Evidence)
			break
		}
	}
	return h
}

// hopSources are the collection sources each AWS hop reads: when one of them failed, what the
// snapshot shows of that hop may be incomplete, so a hop that would pass is unknown instead
// (never guess).
var hopSources = map[string][]string{
	KindAWSSG:      {"ec2:DescribeSecurityGroups"},
	KindAWSNACL:    {"ec2:DescribeNetworkAcls"},
	KindAWSRoute:   {"ec2:DescribeRouteTables"},
	KindAWSGateway: {"ec2:DescribeVpnGateways", "ec2:DescribeTransitGateways", "ec2:DescribeTransitGatewayAttachments", "ec2:DescribeTransitGatewayRouteTables"},
	KindAWSVPN:     {"ec2:DescribeVpnConnections"},
}

func (n *Network) distrustFailedSources(hops []Hop) {
	failed := map[string]snapshot.SourceStatus{}
	for _, s := range n.snap.Sources {
		if s.Status == snapshot.SourceError || s.Status == snapshot.SourcePartial {
			failed[s.ID] = s.Status
		}
	}
	for i, h := range hops {
		if h.Verdict != Pass {
			continue
		}
		for _, id := range hopSources[h.Kind] {
			if st, ok := failed[id]; ok {
				hops[i].Verdict = Unknown
				hops[i].Evidence = fmt.Sprintf("%s is in %s in the snapshot's sources, so this hop may be incomplete (would pass: %s)", id, st, h.Evidence)
				break
			}
		}
	}
}
