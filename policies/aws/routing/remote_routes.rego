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
routes_by_table := {rt.id: [r | some r in rt.routes; lib.is_ipv4_cidr(object.get(r, "destination_cidr", ""))] |
	some rt in lib.cluster_route_tables
}

# Route priority for equal prefixes: local, then static, then propagated.
origin_rank := {"CreateRouteTable": 0, "CreateRoute": 1, "EnableVgwRoutePropagation": 2}

# The route AWS uses for all of cidr in table rt_id; undefined when none contains it.
selected_route(rt_id, cidr) := sort([[0 - lib.prefix_length(r.destination_cidr), object.get(origin_rank, object.get(r, "origin", ""), 1), r.target_id, r] |
	some r in routes_by_table[rt_id]
	net.cidr_contains(r.destination_cidr, cidr)
])[0][3]

to_gateway(route) if {
	route.state == "active"
	route.target_type in {"vgw", "tgw"}
	route.target_id in lib.target_gateway_ids
}

expected := sprintf("expected an active route to %s", [gateways]) if {
	count(lib.target_gateway_ids) > 0
	gateways := concat(" or ", lib.sort_set(lib.target_gateway_ids))
} else := "expected an active route to a VGW or TGW, but none is attached to the cluster VPC"

subnets(rt_id) := concat(", ", lib.route_table_subnet_ids(rt_id))

describe(route) := sprintf("%s -> %s %s (%s)", [route.destination_cidr, route.target_type, route.target_id, route.state])

checked contains rt.id if some rt in lib.cluster_route_tables

deny contains {
	"resource": rt_id,
	"message": sprintf("Route table %s (subnets %s) has no route for %s CIDR %s; %s", [rt_id, subnets(rt_id), x.role, x.cidr, expected]),
	"evidence": evidence(rt_id, x, null),
} if {
	some rt_id, _ in routes_by_table
	some x in remote
	not selected_route(rt_id, x.cidr)
	not carried_by_inner(rt_id, x.cidr)
}

deny contains {
	"resource": rt_id,
	"message": sprintf("Route table %s (subnets %s) sends %s CIDR %s over %s; %s", [rt_id, subnets(rt_id), x.role, x.cidr, describe(route), expected]),
	"evidence": evidence(rt_id, x, route),
} if {
	some rt_id, _ in routes_by_table
	some x in remote
	route := selected_route(rt_id, x.cidr)
	not to_gateway(route)
	not carried_by_inner(rt_id, x.cidr)
}

deny contains {
	"resource": rt_id,
	"message": sprintf("Route table %s (subnets %s) sends part of %s CIDR %s over the more specific %s; %s", [rt_id, subnets(rt_id), x.role, x.cidr, describe(route), expected]),
	"evidence": evidence(rt_id, x, route),
} if {
	some rt_id, _ in routes_by_table
	some x in remote
	some route in inner_routes(rt_id, x.cidr)
	not to_gateway(route)
	not carried_by_inner(rt_id, route.destination_cidr)
}

# The routes of table rt_id strictly inside cidr.
inner_routes(rt_id, cidr) := [r |
	some r in routes_by_table[rt_id]
	r.destination_cidr != cidr
	net.cidr_contains(cidr, r.destination_cidr)
]

# More specific routes carry all of cidr between them (two /17s for a /16), so no route that
# contains cidr is ever used for it; the inner routes are judged on their own.
carried_by_inner(rt_id, cidr) if {
	lib.covered_by_union(cidr, [r.destination_cidr | some r in inner_routes(rt_id, cidr)])
}

evidence(rt_id, x, route) := {
	"route_table_id": rt_id,
	"subnet_ids": lib.route_table_subnet_ids(rt_id),
	"cidr": x.cidr,
	"role": x.role,
	"route": route,
	"target_gateway_ids": lib.sort_set(lib.target_gateway_ids),
}
