# METADATA
# title: Cluster subnets route the node and pod CIDRs to the VGW or TGW
# description: |
#   In the route table of each cluster subnet, the route AWS picks for every node and pod CIDR
#   (longest prefix; for equal prefixes a static route wins over a propagated one) is active and
#   targets the virtual private gateway or transit gateway attached to the cluster VPC. A more
#   specific route for part of a CIDR that is not such a route takes that part away and is
#   reported too; more specific routes that together carry a whole CIDR stand in for a route
#   containing it. Routes to prefix lists are not resolved.
# related_resources:
#   - ref: https://docs.aws.amazon.com/vpn/latest/s2svpn/SetUpVPNConnections.html#vpn-configure-route-tables
#   - ref: https://docs.aws.amazon.com/vpc/latest/userguide/WorkWithRouteTables.html#AddRemoveRoutes
# schemas:
#   - input: schema.snapshot
# custom:
#   rationale: "Without a route to the VGW or TGW the VPC sends replies for the node and pod CIDRs to the internet or drops them."
#   seed: "Inter-site 3"
#   id: HN-RT-01
#   severity: critical
#   remediation: Enable route propagation from the VGW (aws ec2 enable-vgw-route-propagation --route-table-id RTB_ID --gateway-id VGW_ID) or add the route (aws ec2 create-route --route-table-id RTB_ID --destination-cidr-block CIDR --gateway-id VGW_ID, or --transit-gateway-id TGW_ID), and delete routes that send part of the CIDR elsewhere
#   applies_when: always
package hybridcheck.aws.routing.remote_routes

import data.hybridcheck.lib

not_applicable := lib.no_node_cidrs if {
	count(lib.node_cidrs) == 0
} else := "no cluster subnet with a route table is in the snapshot (see HN-VPC-04)" if {
	count(lib.cluster_route_tables) == 0
}

remote := array.concat(
	[{"role": "node", "cidr": c} | some c in lib.node_cidrs],
	[{"role": "pod", "cidr": c} | some c in lib.pod_cidrs],
)

# The IPv4 routes of each cluster route table, indexed once.
# Every piece of every node and pod CIDR, as the path model routes it from each cluster route
# table: a more specific route steals its part of a CIDR from a broader one.
lookups contains {"rt_id": rt.id, "x": x, "piece": piece} if {
	some rt in lib.cluster_route_tables
	some x in remote
	some piece in lib.vpc_route_pieces(rt, x.cidr)
}

to_gateway(route) if {
	route.state == "active"
	route.target_type in {"vgw", "tgw"}
	route.target_id in lib.target_gateway_ids
}

expected := sprintf("expected an active route to %s", [gateways]) if {
	count(lib.target_gateway_ids) > 0
	gateways := concat(" or ", lib.sort_set(lib.target_gateway_ids))
} else := "expected an active route to a VGW or TGW, but none is attached to the cluster VPC"

subnets(rt_id) := concat(", ", route_table_subnet_ids(rt_id))

checked contains rt.id if some rt in lib.cluster_route_tables

deny contains {
	"resource": l.rt_id,
	"message": sprintf("Route table %s (subnets %s) has no route for %s CIDR %s; %s", [l.rt_id, subnets(l.rt_id), l.x.role, lib.piece_label(l.piece, l.x.cidr), expected]),
	"evidence": evidence(l.rt_id, l.x, l.piece),
} if {
	some l in lookups
	l.piece.status == "no_route"
}

deny contains {
	"resource": l.rt_id,
	"message": sprintf("Route table %s (subnets %s) sends %s CIDR %s over %s; %s", [l.rt_id, subnets(l.rt_id), l.x.role, lib.piece_label(l.piece, l.x.cidr), lib.describe_vpc_route(route), expected]),
	"evidence": evidence(l.rt_id, l.x, l.piece),
} if {
	some l in lookups
	l.piece.status == "routed"
	route := l.piece.routes[0]
	not to_gateway(route)
}

# A piece that ends in a blackhole route is HN-RT-02's finding, reported once, there.

unknown contains {
	"resource": l.rt_id,
	"message": sprintf("Route table %s (subnets %s): where %s CIDR %s goes cannot be decided: %s", [l.rt_id, subnets(l.rt_id), l.x.role, lib.piece_label(l.piece, l.x.cidr), concat("; ", l.piece.reasons)]),
	"evidence": evidence(l.rt_id, l.x, l.piece),
} if {
	some l in lookups
	l.piece.status == "unknown"
}

evidence(rt_id, x, piece) := {
	"route_table_id": rt_id,
	"subnet_ids": route_table_subnet_ids(rt_id),
	"cidr": x.cidr,
	"piece": piece.cidr,
	"role": x.role,
	"route": lib.piece_route(piece),
	"target_gateway_ids": lib.sort_set(lib.target_gateway_ids),
}

# lib.route_table_subnet_ids as it was before the subnets were grouped by route table: a scan of
# every cluster subnet per call.
route_table_subnet_ids(rt_id) := sort([sid | some sid, id in lib.cluster_subnet_route_table_ids; id == rt_id])
