package path

import (
	"fmt"
	"strings"

	"github.com/hybridcheck/hybridcheck/internal/awspath"
	"github.com/hybridcheck/hybridcheck/internal/snapshot"
)

// gatewayHop: the VGW or TGW the VPC route sends the traffic to. A VGW hands it to its VPN
// connections; a TGW looks the destination up in the route table associated with the VPC's
// attachment and hands it to the VPN (or Direct Connect gateway) attachment the route names.
// It returns the VPN connections the traffic continues on.
func (n *Network) gatewayHop(gw string, onprem []string, dir string) (Hop, []string) {
	h := Hop{Kind: KindAWSGateway, Direction: dir, Site: "aws", Resource: gw, Location: "aws:" + gw}
	for _, g := range n.vgws {
		if g.ID != gw {
			continue
		}
		h.What = "virtual private gateway " + gw
		if g.State != "available" {
			h.Verdict, h.Evidence = Drop, fmt.Sprintf("%s is %s", gw, g.State)
			return h, nil
		}
		var ids []string
		for _, c := range n.vpns {
			if c.VPNGatewayID == gw {
				ids = append(ids, c.ID)
			}
		}
		if len(ids) == 0 {
			ids = n.dxGatewaysOf(gw)
		}
		if len(ids) == 0 {
			h.Verdict, h.Evidence = Drop, gw+" has no VPN connection and no Direct Connect gateway association"
			return h, nil
		}
		h.Verdict, h.Evidence = Pass, fmt.Sprintf("%s attached to %s, on to %s", gw, n.vpcID, strings.Join(ids, ","))
		return h, ids
	}
	h.What = "transit gateway " + gw
	for _, a := range n.tgwAttach {
		if a.TransitGatewayID == gw {
			return n.tgwHop(h, a, onprem, func(ra snapshot.TransitGatewayRouteAttachment) bool {
				return ra.ResourceType == "vpn" || ra.ResourceType == "direct-connect-gateway"
			})
		}
	}
	h.Verdict, h.Evidence = Drop, gw+" is not attached to the cluster VPC"
	return h, nil
}

// tgwHop looks cidrs up in the route table associated with attachment from; a piece passes
// when its route leads to an attachment that want accepts.
func (n *Network) tgwHop(h Hop, from snapshot.TransitGatewayAttachment, cidrs []string, want func(snapshot.TransitGatewayRouteAttachment) bool) (Hop, []string) {
	if from.State != "available" {
		h.Verdict, h.Evidence = Drop, fmt.Sprintf("attachment %s is %s", from.ID, from.State)
		return h, nil
	}
	var rt *snapshot.TransitGatewayRouteTable
	for i, t := range n.aws.TransitGatewayRouteTables {
		if t.ID == from.AssociatedRouteTableID {
			rt = &n.aws.TransitGatewayRouteTables[i]
		}
	}
	if rt == nil {
		h.Verdict, h.Evidence = Drop, fmt.Sprintf("attachment %s is associated with no route table in the snapshot", from.ID)
		return h, nil
	}
	h.Resource, h.Location = fmt.Sprintf("%s (%s, from %s)", rt.ID, from.TransitGatewayID, from.ID), "aws:"+rt.ID
	var routes []awspath.Route
	if err := roundTrip(rt.Routes, &routes); err != nil {
		h.Verdict, h.Evidence = Unknown, err.Error()
		return h, nil
	}
	table, err := awspath.NewTGWTable(routes, n.pl)
	if err != nil {
		h.Verdict, h.Evidence = Unknown, err.Error()
		return h, nil
	}
	var next []string
	pieces := routedPieces(table, cidrs, func(p awspath.Piece) Piece {
		pc, ids := tgwPiece(rt.ID, p, want)
		next = append(next, ids...)
		return pc
	})
	return hopFromPieces(h, pieces), uniq(next)
}

func tgwPiece(rtID string, p awspath.Piece, want func(snapshot.TransitGatewayRouteAttachment) bool) (Piece, []string) {
	out := Piece{CIDRs: []string{p.CIDR}}
	switch p.Status {
	case "unknown":
		out.Verdict, out.Evidence = Unknown, strings.Join(p.Reasons, "; ")
		return out, nil
	case "no_route":
		out.Verdict, out.Evidence = Drop, "no route in "+rtID
		return out, nil
	}
	var atts []snapshot.TransitGatewayRouteAttachment
	for _, r := range p.Routes {
		var tr snapshot.TransitGatewayRoute
		if roundTrip(r, &tr) == nil {
			atts = append(atts, tr.Attachments...)
		}
	}
	dest, _ := p.Routes[0]["destination_cidr"].(string)
	kind, _ := p.Routes[0]["type"].(string)
	if p.Status == "blackhole" {
		out.Verdict, out.Evidence = Drop, fmt.Sprintf("%s route %s is a blackhole", rtID, dest)
		return out, nil
	}
	var ids, names []string
	ok := len(atts) > 0
	for _, a := range atts {
		names = append(names, fmt.Sprintf("%s %s", a.ResourceType, a.ResourceID))
		if !want(a) {
			ok = false
		}
		ids = append(ids, a.ResourceID)
	}
	text := fmt.Sprintf("%s %s route %s -> %s", rtID, kind, dest, strings.Join(names, ", "))
	if !ok {
		out.Verdict, out.Evidence = Drop, text+": not the attachment the flow needs"
		return out, nil
	}
	out.Verdict, out.Evidence = Pass, text
	return out, ids
}

// tgwReturnHop: at a TGW, traffic from the VPN attachment toward the VPC follows the route
// table associated with the VPN attachment; it must lead to the cluster VPC's attachment.
func (n *Network) tgwReturnHop(vpnID string, aws []string, dir string) (Hop, bool) {
	for _, a := range n.aws.TransitGatewayAttachments {
		if a.ResourceType == "vpn" && a.ResourceID == vpnID {
			h := Hop{Kind: KindAWSGateway, Direction: dir, Site: "aws", Resource: a.TransitGatewayID,
				What: fmt.Sprintf("transit gateway %s from VPN attachment %s to the VPC", a.TransitGatewayID, a.ID)}
			h, _ = n.tgwHop(h, a, aws, func(ra snapshot.TransitGatewayRouteAttachment) bool {
				return ra.ResourceType == "vpc" && ra.ResourceID == n.vpcID
			})
			return h, true
		}
	}
	return Hop{}, false
}

func (n *Network) vpnByID(id string) *snapshot.VPNConnection {
	for i, c := range n.vpns {
		if c.ID == id {
			return &n.vpns[i]
		}
	}
	return nil
}

// vpnHop: the Site-to-Site VPN connection: its state, its tunnels (one UP is enough to
// carry the flow), its traffic selectors (local = the customer side, remote = the AWS side)
// and, when routing is static and AWS sends toward the site, its static routes.
// It returns the outside addresses of the tunnels that are UP.
func (n *Network) vpnHop(ids []string, onprem, aws []string, staticRoutes bool, dir string) (Hop, []string) {
	h := Hop{Kind: KindAWSVPN, Direction: dir, Site: "aws", Resource: strings.Join(ids, ","), What: "Site-to-Site VPN " + strings.Join(ids, ",")}
	if len(ids) > 0 && n.vpnByID(ids[0]) == nil {
		h.Kind, h.What = KindAWSDX, "Direct Connect "+strings.Join(ids, ",")
	}
	var verdicts []Verdict
	var evidence []string
	var up []string
	for _, id := range ids {
		c := n.vpnByID(id)
		if c == nil {
			// A Direct Connect gateway: no VPN on the way.
			v, ev := n.dxVerdict(id, aws)
			verdicts, evidence = append(verdicts, v), append(evidence, ev)
			h.Location = "aws:" + id
			continue
		}
		h.Location = "aws:" + c.ID
		v, ev, u := n.vpnConnection(c, onprem, aws, staticRoutes)
		verdicts, evidence, up = append(verdicts, v), append(evidence, ev), append(up, u...)
	}
	h.Verdict, h.Evidence = worst(verdicts...), strings.Join(evidence, "; ")
	if len(ids) == 0 {
		h.Verdict, h.Evidence = Drop, "no VPN connection carries the traffic"
	}
	return h, up
}

func (n *Network) vpnConnection(c *snapshot.VPNConnection, onprem, aws []string, staticRoutes bool) (Verdict, string, []string) {
	if c.State != "available" {
		return Drop, fmt.Sprintf("%s is %s", c.ID, c.State), nil
	}
	var up, states []string
	for _, t := range c.Tunnels {
		st := t.Status
		if st == "" {
			st = "status unknown"
		}
		states = append(states, fmt.Sprintf("tunnel %s %s", t.OutsideIPAddress, st))
		if t.Status == "UP" {
			up = append(up, t.OutsideIPAddress)
		}
	}
	tunnels := strings.Join(states, ", ")
	if len(up) == 0 {
		return Drop, fmt.Sprintf("%s has no tunnel UP (%s)", c.ID, tunnels), nil
	}
	local, remote := orAny(c.LocalIPv4NetworkCIDR), orAny(c.RemoteIPv4NetworkCIDR)
	if g := gaps(onprem, []string{local}); len(g) > 0 {
		return Drop, fmt.Sprintf("%s local traffic selector %s leaves out %s (%s)", c.ID, local, strings.Join(g, ","), tunnels), up
	}
	if g := gaps(aws, []string{remote}); len(g) > 0 {
		return Drop, fmt.Sprintf("%s remote traffic selector %s leaves out %s (%s)", c.ID, remote, strings.Join(g, ","), tunnels), up
	}
	routing := "BGP"
	if c.StaticRoutesOnly {
		routing = "static routes"
		if staticRoutes {
			var held []string
			for _, r := range c.Routes {
				if r.State == "available" {
					held = append(held, r.DestinationCIDR)
				}
			}
			if g := gaps(onprem, held); len(g) > 0 {
				return Drop, fmt.Sprintf("%s static routes (%s) lack %s (%s)", c.ID, strings.Join(held, ","), strings.Join(g, ","), tunnels), up
			}
			routing = "static routes " + strings.Join(held, ",")
		}
	}
	return Pass, fmt.Sprintf("%s available, selectors %s <-> %s, %s; %s", c.ID, local, remote, routing, tunnels), up
}

func orAny(c string) string {
	if c == "" {
		return "0.0.0.0/0"
	}
	return c
}

// dxGatewaysOf: the Direct Connect gateways associated with a VGW or TGW.
func (n *Network) dxGatewaysOf(gw string) []string {
	if n.aws.DirectConnect == nil {
		return nil
	}
	var ids []string
	for _, a := range n.aws.DirectConnect.GatewayAssociations {
		if a.AssociatedGatewayID == gw {
			ids = append(ids, a.DirectConnectGatewayID)
		}
	}
	return uniq(ids)
}

// dxVerdict: the Direct Connect gateway's association allows the AWS-side prefixes, and a
// private or transit virtual interface on an available connection has a BGP peer up.
func (n *Network) dxVerdict(dxgw string, aws []string) (Verdict, string) {
	dc := n.aws.DirectConnect
	if dc == nil {
		return Unknown, dxgw + ": Direct Connect was not collected"
	}
	var allowed []string
	associated := false
	for _, a := range dc.GatewayAssociations {
		if a.DirectConnectGatewayID == dxgw && n.isClusterGateway(a.AssociatedGatewayID) && a.State == "associated" {
			associated = true
			allowed = append(allowed, a.AllowedPrefixes...)
		}
	}
	if !associated {
		return Drop, dxgw + " has no association in state associated with the cluster's gateway"
	}
	if g := gaps(aws, allowed); len(g) > 0 {
		return Drop, fmt.Sprintf("%s association allows %s, not %s", dxgw, strings.Join(allowed, ","), strings.Join(g, ","))
	}
	conns := map[string]string{}
	for _, c := range dc.Connections {
		conns[c.ID] = c.State
	}
	for _, v := range dc.VirtualInterfaces {
		if v.DirectConnectGatewayID != dxgw || v.State != "available" || conns[v.ConnectionID] != "available" {
			continue
		}
		for _, p := range v.BGPPeers {
			if p.Status == "up" {
				return Pass, fmt.Sprintf("%s (allowed %s) over %s VIF %s VLAN %d on %s, BGP peer up", dxgw, strings.Join(allowed, ","), v.Type, v.ID, v.VLAN, v.ConnectionID)
			}
		}
	}
	return Drop, dxgw + " has no available virtual interface on an available connection with a BGP peer up"
}
