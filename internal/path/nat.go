package path

import (
	"strings"

	"github.com/hybridcheck/hybridcheck/internal/flow"
)

func orText(s, def string) string {
	if s == "" {
		return def
	}
	return s
}

// natHop: toward the VPC the addresses must be kept (the cluster reaches kubelets and
// webhooks by node and pod address); toward the internet the private sources must be
// translated. What the device's NAT does is the device evaluator's NAT model
// (internal/flow/nat.go), the one HN-ONP-02 and HN-ONP-03 ask.
func (n *Network) natHop(f Flow, src, dst []string, wantTranslated bool, dir string) Hop {
	h := Hop{Kind: KindDeviceNAT, Direction: dir, Site: "onprem", Resource: n.device.Name, What: "outbound NAT on " + n.device.Name}
	if len(src) == 0 {
		h.Verdict, h.Evidence = Unknown, "no source"
		return h
	}
	q := flow.NATFlow{Protocol: f.Protocol, Port: f.Port, Sources: src, Destinations: dst, AWS: n.awsCtx}
	if len(f.DestinationNames) > 0 {
		q.Destinations, q.Internet = nil, true
	}
	res, err := n.eval.NAT(q)
	if err != nil {
		h.Verdict, h.Evidence = Unknown, err.Error()
		return h
	}
	var pieces []Piece
	for _, p := range res.Pieces {
		pc := Piece{CIDRs: p.Sources, Evidence: p.Reason}
		if p.Rule != nil && p.Rule.Location != nil && h.Location == "" {
			h.Location = locText(p.Rule.Location)
		}
		translated := p.Verdict == flow.NATTranslated
		switch {
		case p.Verdict == flow.NATUnknown:
			pc.Verdict = Unknown
		case translated == wantTranslated:
			pc.Verdict = Pass
		case wantTranslated:
			pc.Verdict, pc.Evidence = Drop, pc.Evidence+": private sources reach the internet untranslated"
		default:
			pc.Verdict, pc.Evidence = Drop, pc.Evidence+": the VPC would see the device's address, not the node's"
		}
		if p.Protocol != "any" {
			pc.Evidence += " (" + strings.ReplaceAll(p.Protocol, ",", ", ") + ")"
		}
		pieces = append(pieces, pc)
	}
	return hopFromPieces(h, mergePieces(pieces))
}
