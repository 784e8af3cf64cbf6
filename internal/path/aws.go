package path

import (
	"fmt"
	"slices"
	"strings"

	"github.com/hybridcheck/hybridcheck/internal/awspath"
	"github.com/hybridcheck/hybridcheck/internal/snapshot"
)

// ephemeral is the port range of replies: Linux and the EKS control plane use 32768-60999,
// AWS documents 1024-65535 as what a network ACL must allow back (vpc-network-acls.html).
const ephemeralFrom, ephemeralTo = 1024, 65535

func ports(f Flow) (int, int) {
	if f.Port > 0 {
		return f.Port, f.Port
	}
	return -1, -1
}

// sgHop: the cluster's security groups (the control plane ENIs carry them) admit the peers.
// Security groups are stateful, so only the direction that opens the connection is asked.
func (n *Network) sgHop(f Flow, egress bool, peers []string, dir string) Hop {
	what := "security groups of the control plane, inbound"
	if egress {
		what = "security groups of the control plane, outbound"
	}
	h := Hop{Kind: KindAWSSG, Direction: dir, Site: "aws", Resource: strings.Join(n.sgIDs, ","), What: what}
	if len(n.sgs) == 0 {
		h.Verdict, h.Evidence = Unknown, "no security group of the cluster is in the snapshot"
		return h
	}
	lo, hi := ports(f)
	res, err := awspath.EvaluateSGs(n.sgs, awspath.Traffic{Egress: egress, Protocol: f.Protocol, Peers: peers, FromPort: lo, ToPort: hi}, n.pl)
	switch {
	case err != nil:
		h.Verdict, h.Evidence = Unknown, err.Error()
	case res.Allowed:
		var by []string
		for _, m := range res.AllowedBy {
			by = append(by, fmt.Sprintf("%s rule %s", m.SecurityGroupID, sgRuleText(m.Rule)))
		}
		h.Verdict, h.Evidence, h.Location = Pass, "allowed by "+strings.Join(uniq(by), "; "), "aws:"+strings.Join(uniqMatches(res.AllowedBy), ",")
	case res.Unknown:
		h.Verdict, h.Evidence = Unknown, fmt.Sprintf("no rule admits %s; %s", strings.Join(res.Gaps, ","), strings.Join(res.Reasons, "; "))
	default:
		h.Verdict, h.Evidence = Drop, fmt.Sprintf("no rule of %s admits %s %s from/to %s", strings.Join(n.sgIDs, ", "), f.Protocol, portText(f), strings.Join(res.Gaps, ","))
		if len(res.AllowedCIDRs) > 0 {
			h.Pieces = []Piece{{CIDRs: res.AllowedCIDRs, Verdict: Pass, Evidence: "admitted"}, {CIDRs: res.Gaps, Verdict: Drop, Evidence: "no rule"}}
		}
	}
	return h
}

func uniqMatches(ms []awspath.SGMatch) []string {
	var ids []string
	for _, m := range ms {
		ids = append(ids, m.SecurityGroupID)
	}
	return uniq(ids)
}

func sgRuleText(r awspath.SGRule) string {
	peer := r.CIDRIPv4
	if peer == "" {
		peer = r.PrefixListID
	}
	s := fmt.Sprintf("%s %s %s", r.Protocol, portRange(r.FromPort, r.ToPort), peer)
	if r.Description != "" {
		s += fmt.Sprintf(" (%s)", r.Description)
	}
	return s
}

func portRange(lo, hi int) string {
	switch {
	case lo < 0:
		return "all"
	case lo == hi:
		return fmt.Sprint(lo)
	}
	return fmt.Sprintf("%d-%d", lo, hi)
}

func portText(f Flow) string {
	if f.Port > 0 {
		return fmt.Sprint(f.Port)
	}
	if f.ICMPType != nil {
		return fmt.Sprintf("type %d", *f.ICMPType)
	}
	return ""
}

// naclOf is the network ACL associated with the subnet (nil when ACLs were not collected).
func (n *Network) naclOf(subnetID string) (*snapshot.NetworkACL, bool) {
	if n.aws.NetworkACLs == nil {
		return nil, false
	}
	if a, ok := n.idx.naclBySubnet[subnetID]; ok {
		return a, true
	}
	return n.idx.defaultNACL, true
}

// naclHops: each cluster subnet's network ACL, one direction. Network ACLs are stateless, so
// the reply is asked as its own hop (dir "return", ephemeral ports).
func (n *Network) naclHops(protocol string, lo, hi int, egress bool, peers, local []string, dir string) []Hop {
	var hops []Hop
	way := "inbound"
	if egress {
		way = "outbound"
	}
	for _, sn := range n.subnetsFor(local) {
		h := Hop{Kind: KindAWSNACL, Direction: dir, Site: "aws", Resource: sn.ID,
			What: fmt.Sprintf("network ACL of %s (%s), %s %s %s", sn.ID, sn.CIDRBlock, way, protocol, portRange(lo, hi))}
		acl, collected := n.naclOf(sn.ID)
		switch {
		case !collected:
			h.Verdict, h.Evidence = Unknown, "network ACLs were not collected (schema 1.0 snapshot)"
		case acl == nil:
			h.Verdict, h.Evidence = Unknown, "no network ACL is associated with the subnet in the snapshot"
		default:
			h.Resource = acl.ID + " (" + sn.ID + ")"
			h.Location = "aws:" + acl.ID
			h = n.naclVerdict(h, acl, awspath.Traffic{Egress: egress, Protocol: protocol, Peers: peers, FromPort: lo, ToPort: hi})
		}
		hops = append(hops, h)
	}
	return hops
}

func (n *Network) naclVerdict(h Hop, acl *snapshot.NetworkACL, t awspath.Traffic) Hop {
	entries, err := n.naclEntries(acl)
	if err != nil {
		h.Verdict, h.Evidence = Unknown, err.Error()
		return h
	}
	res, err := awspath.EvaluateNACL(entries, t)
	if err != nil {
		h.Verdict, h.Evidence = Unknown, err.Error()
		return h
	}
	var pieces []Piece
	for _, v := range res.Denied {
		pieces = append(pieces, Piece{CIDRs: v.CIDRs, Verdict: Drop, Evidence: naclRule(acl.ID, v, "denied")})
	}
	for _, v := range res.Passed {
		pieces = append(pieces, Piece{CIDRs: v.CIDRs, Verdict: Pass, Evidence: naclRule(acl.ID, v, "allowed")})
	}
	if len(pieces) == 0 {
		h.Verdict, h.Evidence = Drop, "no rule decides the traffic"
		return h
	}
	return hopFromPieces(h, pieces)
}

func naclRule(id string, v awspath.Verdict, how string) string {
	rule := fmt.Sprintf("rule %d", v.RuleNumber)
	if v.RuleNumber == 0 || v.RuleNumber == 32767 {
		rule = "the default rule *"
	}
	return fmt.Sprintf("%s by %s %s (ports %s)", how, id, rule, portRange(v.FromPort, v.ToPort))
}

// routeTableOf is the subnet's route table: its explicit association, else the VPC's main.
func (n *Network) routeTableOf(subnetID string) *snapshot.RouteTable {
	if rt, ok := n.idx.tableBySubnet[subnetID]; ok {
		return rt
	}
	return n.idx.mainTable
}

// routeHops: each cluster subnet's route table, longest prefix first, for the remote
// destinations. It returns, per gateway the routes reach (vgw-... or tgw-...), the CIDRs sent.
func (n *Network) routeHops(dst, local []string, dir string) ([]Hop, map[string][]string) {
	sent := map[string][]string{}
	var hops []Hop
	for _, sn := range n.subnetsFor(local) {
		h := Hop{Kind: KindAWSRoute, Direction: dir, Site: "aws", Resource: sn.ID, What: fmt.Sprintf("route table of %s to %s", sn.ID, strings.Join(dst, ","))}
		rt := n.routeTableOf(sn.ID)
		if rt == nil {
			h.Verdict, h.Evidence = Unknown, "the subnet has no route table in the snapshot"
			hops = append(hops, h)
			continue
		}
		h.Resource, h.Location = rt.ID+" ("+sn.ID+")", "aws:"+rt.ID
		table, err := n.vpcTable(rt)
		if err != nil {
			h.Verdict, h.Evidence = Unknown, err.Error()
			hops = append(hops, h)
			continue
		}
		hops = append(hops, hopFromPieces(h, routedPieces(table, dst, func(p awspath.Piece) Piece { return n.routePiece(p, sent) })))
	}
	return hops, sent
}

func (n *Network) routePiece(p awspath.Piece, sent map[string][]string) Piece {
	out := Piece{CIDRs: []string{p.CIDR}}
	switch p.Status {
	case "unknown":
		out.Verdict, out.Evidence = Unknown, strings.Join(p.Reasons, "; ")
		return out
	case "no_route":
		out.Verdict, out.Evidence = Drop, "no route"
		return out
	}
	r := p.Routes[0]
	target, _ := r["target_id"].(string)
	kind, _ := r["target_type"].(string)
	dest, _ := r["destination_cidr"].(string)
	if dest == "" {
		dest, _ = r["destination_prefix_list_id"].(string)
	}
	text := fmt.Sprintf("route %s -> %s", dest, target)
	switch {
	case p.Status == "blackhole":
		out.Verdict, out.Evidence = Drop, text+" is a blackhole (its target is gone)"
	case kind == "vgw" || kind == "tgw":
		if !n.isClusterGateway(target) {
			out.Verdict, out.Evidence = Drop, text+fmt.Sprintf(": %s is not a gateway attached to the cluster VPC", target)
			return out
		}
		out.Verdict, out.Evidence = Pass, text
		sent[target] = append(sent[target], p.CIDR)
	default:
		out.Verdict, out.Evidence = Drop, fmt.Sprintf("%s: the traffic leaves by the %s, not the VPN gateway", text, kind)
	}
	return out
}

func (n *Network) isClusterGateway(id string) bool {
	for _, g := range n.vgws {
		if g.ID == id {
			return true
		}
	}
	for _, a := range n.tgwAttach {
		if a.TransitGatewayID == id {
			return true
		}
	}
	return false
}

// mergePieces joins pieces with the same verdict and evidence.
func mergePieces(ps []Piece) []Piece {
	var out []Piece
	idx := map[string]int{}
	for _, p := range ps {
		k := string(p.Verdict) + "\x00" + p.Evidence
		if i, ok := idx[k]; ok {
			out[i].CIDRs = append(out[i].CIDRs, p.CIDRs...)
			continue
		}
		idx[k] = len(out)
		out = append(out, Piece{CIDRs: append([]string{}, p.CIDRs...), Verdict: p.Verdict, Evidence: p.Evidence})
	}
	return out
}

// routedPieces looks each CIDR up in a VPC or TGW route table and makes each decided piece a
// hop piece with piece; a CIDR the table cannot look up is one unknown piece. The pieces come
// merged (mergePieces).
func routedPieces(table *awspath.Table, cidrs []string, piece func(awspath.Piece) Piece) []Piece {
	var pieces []Piece
	for _, c := range cidrs {
		ps, err := table.Lookup(c)
		if err != nil {
			pieces = append(pieces, Piece{CIDRs: []string{c}, Verdict: Unknown, Evidence: err.Error()})
			continue
		}
		for _, p := range ps {
			pieces = append(pieces, piece(p))
		}
	}
	return mergePieces(pieces)
}

// uniq is ss sorted, each once (nil when empty).
func uniq(ss []string) []string {
	if len(ss) == 0 {
		return nil
	}
	out := slices.Clone(ss)
	slices.Sort(out)
	return slices.Compact(out)
}

func joinCIDRs(cs []string) string { return strings.Join(cs, ",") }

// subnetsFor: the cluster subnets that hold some of the flow's AWS-side addresses (all of
// them when the addresses span the VPC rather than a subnet).
func (n *Network) subnetsFor(local []string) []snapshot.Subnet {
	by := spansOf(prefixes(local))
	var out []snapshot.Subnet
	for i, sn := range n.subnets {
		if by.meetsAny(n.subnetNets[i]) {
			out = append(out, sn)
		}
	}
	if len(out) == 0 {
		return n.subnets
	}
	return out
}
