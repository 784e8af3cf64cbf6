# METADATA
# title: TGW route table routes the node and pod CIDRs to the VPN
# description: |
#   The TGW route table that the cluster VPC's attachment is associated with decides where the
#   TGW sends the VPC's traffic; it needs an active route for every node and pod CIDR whose
#   attachment is the VPN (static routes when routing is static).
# related_resources:
#   - ref: https://docs.aws.amazon.com/vpc/latest/tgw/tgw-route-tables.html
#   - ref: https://docs.aws.amazon.com/vpn/latest/s2svpn/VPNRoutingTypes.html
# schemas:
#   - input: schema.snapshot
# custom:
#   rationale: "The TGW route table must send the node and pod CIDRs to the VPN attachment, or VPC traffic to them goes nowhere."
#   seed: "Inter-site 3"
#   id: HN-TGW-08
#   severity: critical
#   remediation: aws ec2 create-transit-gateway-route --transit-gateway-route-table-id TGW_RTB_ID --destination-cidr-block CIDR --transit-gateway-attachment-id VPN_ATTACHMENT_ID (static routing), or enable propagation of the VPN attachment to that route table (BGP)
#   applies_when: target gateway is tgw
package hybridcheck.intersite.tgw_routes

import data.hybridcheck.lib

not_applicable := reason if {
	reason := lib.tgw_attachment_not_applicable
} else := lib.no_node_cidrs if {
	count(lib.node_cidrs) == 0
}

# With Direct Connect the remote networks are reached through the Direct Connect gateway
# attachment; otherwise through the Site-to-Site VPN attachment.
expected_resource_type := "direct-connect-gateway" if lib.connectivity == "direct-connect"

else := "vpn"

vpn_connection_ids := {c.id | some c in lib.live_vpn_connections}

# A route attachment is the expected one: of the expected type and, when the hybrid VPN
# connections are known, one of them rather than another site's VPN.
expected_attachment(att) if {
	att.resource_type == expected_resource_type
	expected_resource_type != "vpn"
}

expected_attachment(att) if {
	att.resource_type == "vpn"
	expected_resource_type == "vpn"
	count(vpn_connection_ids) == 0
}

expected_attachment(att) if {
	att.resource_type == "vpn"
	expected_resource_type == "vpn"
	att.resource_id in vpn_connection_ids
}

checked contains a.id if some a in lib.cluster_tgw_vpc_attachments

deny contains {
	"resource": a.id,
	"message": sprintf("TGW VPC attachment %s is not associated with a TGW route table; expected an association with a route table that routes the node and pod CIDRs to the %s attachment", [a.id, expected_resource_type]),
	"evidence": {"attachment_id": a.id, "transit_gateway_id": a.transit_gateway_id, "associated_route_table_id": object.get(a, "associated_route_table_id", "")},
} if {
	some a in lib.cluster_tgw_vpc_attachments
	object.get(a, "associated_route_table_id", "") == ""
}

deny contains f if some f in lib.uncollected_tgw_route_tables(lib.cluster_tgw_vpc_attachments)

# Every piece of every node and pod CIDR as the path model routes it from the route table of
# each cluster VPC attachment: longest prefix over all routes, static over propagated for equal
# prefixes, a more specific route stealing its part.
lookups contains {"attachment": a, "route_table": rt, "cidr": cidr, "piece": piece} if {
	some a in lib.cluster_tgw_vpc_attachments
	rt := lib.tgw_route_tables_by_id[a.associated_route_table_id]
	some cidr in lib.remote_cidrs
	some piece in lib.tgw_route_pieces(rt, cidr)
}

evidence(l) := {
	"attachment_id": l.attachment.id,
	"route_table_id": l.route_table.id,
	"cidr": l.cidr,
	"piece": l.piece.cidr,
	"route": lib.piece_route(l.piece),
	"routes": l.piece.routes,
	"expected_attachment_type": expected_resource_type,
	"vpn_connection_ids": lib.sort_set(vpn_connection_ids),
	"routing": lib.routing,
}

deny contains {
	"resource": l.attachment.id,
	"message": sprintf("TGW route table %s (associated with attachment %s) has no route for %s; expected an active route to the %s attachment", [l.route_table.id, l.attachment.id, lib.piece_label(l.piece, l.cidr), expected_resource_type]),
	"evidence": evidence(l),
} if {
	some l in lookups
	l.piece.status == "no_route"
}

deny contains {
	"resource": l.attachment.id,
	"message": sprintf("TGW route table %s routes %s by %s, which is blackhole; expected an active route", [l.route_table.id, lib.piece_label(l.piece, l.cidr), lib.describe_tgw_route(l.piece.routes[0])]),
	"evidence": evidence(l),
} if {
	some l in lookups
	l.piece.status == "blackhole"
}

deny contains {
	"resource": l.attachment.id,
	"message": sprintf("TGW route table %s routes %s by %s; expected the %s attachment of the hybrid connection", [l.route_table.id, lib.piece_label(l.piece, l.cidr), lib.describe_tgw_route(route), expected_resource_type]),
	"evidence": evidence(l),
} if {
	some l in lookups
	l.piece.status == "routed"
	some route in l.piece.routes
	not any_expected(route)
}

deny contains {
	"resource": l.attachment.id,
	"message": sprintf("TGW route table %s routes %s by a %s route; routing is static, so expected a static route", [l.route_table.id, lib.piece_label(l.piece, l.cidr), l.piece.routes[0].type]),
	"evidence": evidence(l),
} if {
	lib.routing == "static"
	some l in lookups
	l.piece.status == "routed"
	every route in l.piece.routes {
		any_expected(route)
	}
	l.piece.routes[0].type != "static"
}

unknown contains {
	"resource": l.attachment.id,
	"message": sprintf("TGW route table %s: where %s goes cannot be decided: %s", [l.route_table.id, lib.piece_label(l.piece, l.cidr), concat("; ", l.piece.reasons)]),
	"evidence": evidence(l),
} if {
	some l in lookups
	l.piece.status == "unknown"
}

any_expected(route) if {
	some att in route.attachments
	expected_attachment(att)
}
