# METADATA
# title: TGW routes the VPC CIDRs back from the VPN or Direct Connect attachment
# description: |
#   Traffic from the remote networks enters the TGW on the VPN (or Direct Connect gateway)
#   attachment and is routed by the TGW route table associated with that attachment, not by the
#   VPC attachment's table. That table needs an active route for every cluster VPC CIDR to the
#   cluster VPC attachment, or replies from the VPC never leave the TGW on the way back.
# related_resources:
#   - ref: https://docs.aws.amazon.com/vpc/latest/tgw/tgw-route-tables.html
#   - ref: https://docs.aws.amazon.com/vpc/latest/tgw/how-transit-gateways-work.html
# schemas:
#   - input: schema.snapshot
# custom:
#   rationale: "Traffic from the remote networks enters the TGW on the VPN or Direct Connect attachment; without a route back to the VPC CIDRs in that attachment's route table the control plane never hears the nodes."
#   seed: "Inter-site 3"
#   id: HN-TGW-10
#   severity: critical
#   remediation: aws ec2 enable-transit-gateway-route-table-propagation --transit-gateway-route-table-id TGW_RTB_ID --transit-gateway-attachment-id VPC_ATTACHMENT_ID, on the route table associated with the VPN or Direct Connect gateway attachment (or create static routes for the VPC CIDRs to the VPC attachment)
#   applies_when: target gateway is tgw
package hybridcheck.intersite.tgw_return_path

import data.hybridcheck.lib

not_applicable := reason if {
	reason := lib.tgw_attachment_not_applicable
} else := sprintf("no %s attachment of the hybrid connection is on the cluster TGW, so there is no return path to check", [hybrid_type]) if {
	count(hybrid_attachments) == 0
}

hybrid_type := "direct-connect-gateway" if lib.connectivity == "direct-connect"

else := "vpn"

vpn_connection_ids := {c.id | some c in lib.live_vpn_connections}

vpc_attachment_ids := {a.id | some a in lib.cluster_tgw_vpc_attachments}

# The attachments the remote networks come in on: the hybrid VPN connections' (every VPN
# attachment of the cluster TGW when none is known), or the Direct Connect gateway's.
hybrid_attachments := [a |
	some a in object.get(lib.aws, "transit_gateway_attachments", [])
	a.transit_gateway_id in lib.cluster_tgw_ids
	a.resource_type == hybrid_type
	hybrid_resource(a)
]

hybrid_resource(_) if hybrid_type != "vpn"

hybrid_resource(_) if {
	hybrid_type == "vpn"
	count(vpn_connection_ids) == 0
}

hybrid_resource(a) if a.resource_id in vpn_connection_ids

checked contains a.id if some a in hybrid_attachments

deny contains {
	"resource": a.id,
	"message": sprintf("TGW %s attachment %s is not associated with a TGW route table, so traffic from the remote networks has no route back to the VPC; expected an association with a route table that routes %s to %s", [hybrid_type, a.id, concat(", ", lib.vpc_cidrs), concat(", ", lib.sort_set(vpc_attachment_ids))]),
	"evidence": {"attachment_id": a.id, "associated_route_table_id": object.get(a, "associated_route_table_id", "")},
} if {
	some a in hybrid_attachments
	object.get(a, "associated_route_table_id", "") == ""
}

deny contains f if some f in lib.uncollected_tgw_route_tables(hybrid_attachments)

lookups contains {"attachment": a, "route_table": rt, "cidr": cidr, "piece": piece} if {
	some a in hybrid_attachments
	rt := lib.tgw_route_tables_by_id[a.associated_route_table_id]
	some cidr in lib.vpc_cidrs
	some piece in lib.tgw_route_pieces(rt, cidr)
}

evidence(l) := {
	"attachment_id": l.attachment.id,
	"route_table_id": l.route_table.id,
	"vpc_cidr": l.cidr,
	"piece": l.piece.cidr,
	"routes": l.piece.routes,
	"vpc_attachment_ids": lib.sort_set(vpc_attachment_ids),
}

to_vpc(route) if {
	some att in route.attachments
	att.attachment_id in vpc_attachment_ids
}

deny contains {
	"resource": l.attachment.id,
	"message": sprintf("TGW route table %s (associated with %s attachment %s) has no route for VPC CIDR %s; expected an active route to the cluster VPC attachment %s", [l.route_table.id, hybrid_type, l.attachment.id, lib.piece_label(l.piece, l.cidr), concat(", ", lib.sort_set(vpc_attachment_ids))]),
	"evidence": evidence(l),
} if {
	some l in lookups
	l.piece.status == "no_route"
}

deny contains {
	"resource": l.attachment.id,
	"message": sprintf("TGW route table %s (associated with %s attachment %s) routes VPC CIDR %s by %s, which is blackhole; expected an active route to the cluster VPC attachment", [l.route_table.id, hybrid_type, l.attachment.id, lib.piece_label(l.piece, l.cidr), lib.describe_tgw_route(l.piece.routes[0])]),
	"evidence": evidence(l),
} if {
	some l in lookups
	l.piece.status == "blackhole"
}

deny contains {
	"resource": l.attachment.id,
	"message": sprintf("TGW route table %s (associated with %s attachment %s) routes VPC CIDR %s by %s; expected the cluster VPC attachment %s", [l.route_table.id, hybrid_type, l.attachment.id, lib.piece_label(l.piece, l.cidr), lib.describe_tgw_route(route), concat(", ", lib.sort_set(vpc_attachment_ids))]),
	"evidence": evidence(l),
} if {
	some l in lookups
	l.piece.status == "routed"
	some route in l.piece.routes
	not to_vpc(route)
}

unknown contains {
	"resource": l.attachment.id,
	"message": sprintf("TGW route table %s (associated with %s attachment %s): where VPC CIDR %s goes cannot be decided: %s", [l.route_table.id, hybrid_type, l.attachment.id, lib.piece_label(l.piece, l.cidr), concat("; ", l.piece.reasons)]),
	"evidence": evidence(l),
} if {
	some l in lookups
	l.piece.status == "unknown"
}
