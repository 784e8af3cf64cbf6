# METADATA
# title: Cluster route tables propagate the VGW's routes
# description: |
#   With a virtual private gateway, each cluster subnet's route table has route propagation from
#   that VGW enabled, so the VPN's routes to the node and pod CIDRs appear by themselves; a table
#   without propagation holds static routes to the VGW for every node and pod CIDR instead.
# related_resources:
#   - ref: https://docs.aws.amazon.com/vpn/latest/s2svpn/SetUpVPNConnections.html#vpn-configure-route-tables
# schemas:
#   - input: schema.snapshot
# custom:
#   rationale: "With route propagation from the VGW, routes learned over the VPN reach the cluster subnets without manual routes."
#   seed: "Inter-site 3"
#   id: HN-RT-03
#   severity: medium
#   remediation: aws ec2 enable-vgw-route-propagation --route-table-id RTB_ID --gateway-id VGW_ID (console Route tables > Route propagation > Edit route propagation)
#   applies_when: target gateway is vgw
package hybridcheck.aws.routing.vgw_propagation

import data.hybridcheck.lib

not_applicable := sprintf("the target gateway is %s, not a VGW", [gateway]) if {
	lib.target_gateway != "vgw"
	gateway := object.get({"tgw": "a TGW", "": "unknown"}, lib.target_gateway, lib.target_gateway)
}

vgw_ids := {g.id | some g in lib.cluster_vgws}

checked contains rt.id if some rt in lib.cluster_route_tables

propagates(rt) if {
	some id in rt.propagating_vgws
	id in vgw_ids
}

# The cluster route tables that do not propagate the VGW's routes, found once: only they need
# static routes, and usually there are none.
not_propagating := [rt | some rt in lib.cluster_route_tables; not propagates(rt)]

# A CIDR is covered statically when every piece of it routes, by the path model, to a cluster
# VGW over a route that is not propagated (a union of static routes counts).
static_route(rt, cidr) if {
	pieces := lib.vpc_route_pieces(rt, cidr)
	every piece in pieces {
		piece.status == "routed"
		piece.routes[0].target_id in vgw_ids
		object.get(piece.routes[0], "origin", "") != "EnableVgwRoutePropagation"
	}
}

undecided(rt, cidr) if {
	some piece in lib.vpc_route_pieces(rt, cidr)
	piece.status == "unknown"
}

unknown contains {
	"resource": rt.id,
	"message": sprintf("Route table %s (subnets %s) does not propagate routes from %s, and whether static routes carry %s to it cannot be decided: %s", [rt.id, concat(", ", lib.route_table_subnet_ids(rt.id)), vgw_names, cidr, concat("; ", reasons)]),
	"evidence": {"route_table_id": rt.id, "cidr": cidr, "reasons": reasons},
} if {
	some rt in not_propagating
	some cidr in lib.remote_cidrs
	undecided(rt, cidr)
	reasons := sort({r | some p in lib.vpc_route_pieces(rt, cidr); some r in p.reasons})
}

deny contains {
	"resource": rt.id,
	"message": sprintf("Route table %s (subnets %s) does not propagate routes from %s and has no static route to it for %s; expected route propagation from the VGW", [rt.id, concat(", ", lib.route_table_subnet_ids(rt.id)), vgw_names, concat(", ", missing)]),
	"evidence": {
		"route_table_id": rt.id,
		"subnet_ids": lib.route_table_subnet_ids(rt.id),
		"propagating_vgws": rt.propagating_vgws,
		"vgw_ids": lib.sort_set(vgw_ids),
		"cidrs_without_static_route": missing,
	},
} if {
	some rt in not_propagating
	missing := [c | some c in lib.remote_cidrs; not static_route(rt, c); not undecided(rt, c)]
	static_gap(missing)
}

# Without any known remote CIDR, static routes cannot stand in for propagation.
static_gap(missing) if count(missing) > 0

static_gap(_) if count(lib.remote_cidrs) == 0

vgw_names := concat(", ", lib.sort_set(vgw_ids)) if {
	count(vgw_ids) > 0
} else := "the VGW (none is attached to the cluster VPC, see HN-VGW-01)"
