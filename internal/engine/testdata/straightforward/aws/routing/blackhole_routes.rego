# METADATA
# title: No blackhole route covers a node or pod CIDR
# description: |
#   No route in a cluster subnet's route table that overlaps a node or pod CIDR is in state
#   blackhole. A blackhole route points at a deleted or detached gateway or interface; it drops
#   the traffic it catches and shows that routing to the remote network was left half-changed.
# related_resources:
#   - ref: https://docs.aws.amazon.com/vpn/latest/s2svpn/SetUpVPNConnections.html#vpn-configure-route-tables
#   - ref: https://docs.aws.amazon.com/vpc/latest/userguide/WorkWithRouteTables.html#AddRemoveRoutes
# schemas:
#   - input: schema.snapshot
# custom:
#   rationale: "A blackhole route silently drops traffic to the hybrid networks it covers."
#   seed: "Inter-site 3"
#   id: HN-RT-02
#   severity: high
#   remediation: Delete the route (aws ec2 delete-route --route-table-id RTB_ID --destination-cidr-block CIDR) or point it at the attached VGW or TGW (aws ec2 replace-route --route-table-id RTB_ID --destination-cidr-block CIDR --gateway-id VGW_ID)
#   applies_when: always
package hybridcheck.aws.routing.blackhole_routes

import data.hybridcheck.lib

not_applicable := lib.no_node_cidrs if count(lib.node_cidrs) == 0

checked contains rt.id if some rt in lib.cluster_route_tables

# A blackhole route matters only where it wins: the path model says which pieces of the node
# and pod CIDRs end in a blackhole (a blackhole default route under a more specific route to
# the gateway drops nothing of them).
deny contains {
	"resource": rt.id,
	"message": sprintf("Route table %s (subnets %s) drops %s in blackhole route %s; expected no blackhole route over a node or pod CIDR", [rt.id, concat(", ", route_table_subnet_ids(rt.id)), lib.piece_label(piece, cidr), lib.describe_vpc_route(piece.routes[0])]),
	"evidence": {"route_table_id": rt.id, "subnet_ids": route_table_subnet_ids(rt.id), "route": piece.routes[0], "cidr": cidr, "piece": piece.cidr},
} if {
	some rt in lib.cluster_route_tables
	some cidr in lib.remote_cidrs
	some piece in lib.vpc_route_pieces(rt, cidr)
	piece.status == "blackhole"
}

unknown contains {
	"resource": rt.id,
	"message": sprintf("Route table %s (subnets %s): whether %s ends in a blackhole cannot be decided: %s", [rt.id, concat(", ", route_table_subnet_ids(rt.id)), lib.piece_label(piece, cidr), concat("; ", piece.reasons)]),
	"evidence": {"route_table_id": rt.id, "cidr": cidr, "piece": piece.cidr, "reasons": piece.reasons},
} if {
	some rt in lib.cluster_route_tables
	some cidr in lib.remote_cidrs
	some piece in lib.vpc_route_pieces(rt, cidr)
	piece.status == "unknown"
}

# lib.route_table_subnet_ids as it was before the subnets were grouped by route table: a scan of
# every cluster subnet per call.
route_table_subnet_ids(rt_id) := sort([sid | some sid, id in lib.cluster_subnet_route_table_ids; id == rt_id])
