package flow

import (
	"strings"
	"testing"
)

// FuzzEvaluate feeds arbitrary flows to a pf and an nftables device: bad flows must come back
// as errors, never panics, and every answer must partition its flow.
func FuzzEvaluate(f *testing.F) {
	f.Add("tcp", "10.0.0.0/16", "10.200.0.0/24", 10250, -1)
	f.Add("udp", "198.51.100.7/32,203.0.113.2", "203.0.113.2", 4500, -1)
	f.Add("icmp", "10.0.0.0/8", "10.200.0.0/23", 0, 8)
	f.Add("50", "0.0.0.0/0", "192.168.0.0/16", 0, -1)
	f.Add("tcp", "10.0.0.0/33", "::1", 70000, 300)
	pf := compiled(f, pfDevice(
		r("block", "tcp", "10.0.1.0/24", "any", on("ipsec")),
		r("pass", "any", "!10.0.2.0/24", "alias:NODES="+nodes+","+nodes2, on("ipsec", "lan")),
		r("pass", "udp", "any", "self", on("wan"), port(500, 500), port(4500, 4500)),
		r("block", "any", "any", "any", floating(false, "any")),
	))
	nft := compiled(f, hookDevice("nftables",
		base("forward", "forward", 0, "drop", r("jump", "tcp", vpc, "any", target("vpc")), r("pass", "icmp", "any", "any", icmpTypes(8))),
		user("vpc", r("return", "any", "10.0.1.0/24", "any"), r("pass", "tcp", "any", nodes)),
		base("input", "input", 0, "drop", r("pass", "udp", "any", "self")),
	))
	f.Fuzz(func(t *testing.T, proto, srcs, dsts string, port, icmp int) {
		fl := Flow{Protocol: proto, Sources: strings.Split(srcs, ","), Destinations: strings.Split(dsts, ","), Port: port}
		if icmp >= 0 {
			fl.ICMPType = &icmp
		}
		for _, e := range []*Evaluator{pf, nft} {
			res, err := e.Evaluate(fl)
			if err != nil {
				continue
			}
			checkPartition(t, res, fl)
		}
	})
}
