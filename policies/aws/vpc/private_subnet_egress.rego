# METADATA
# title: Private cluster subnets reach the internet through a NAT gateway
# description: |
#   Each private cluster subnet (its route table has no default route to an internet gateway)
#   has an active default route to a NAT gateway or a transit gateway that is available. The
#   NAT gateway is public, sits in a public subnet and holds an Elastic IP, so the cluster
#   reaches AWS services and image registries.
# related_resources:
#   - ref: https://docs.aws.amazon.com/vpc/latest/userguide/nat-gateway-working-with.html#nat-gateway-creating
#   - ref: https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/working-with-eips.html#using-instance-addressing-eips-allocating
# schemas:
#   - input: schema.snapshot
# custom:
#   rationale: "Private cluster subnets reach AWS APIs and the internet through a NAT gateway; without one, egress fails."
#   seed: "AWS network 6"
#   id: HN-VPC-07
#   severity: high
#   remediation: Create a public NAT gateway in a public subnet (aws ec2 create-nat-gateway --subnet-id PUBLIC_SUBNET_ID --allocation-id EIPALLOC_ID) and route the private subnet's default route to it (aws ec2 create-route --route-table-id RTB_ID --destination-cidr-block 0.0.0.0/0 --nat-gateway-id NAT_ID)
#   applies_when: private subnets exist
package hybridcheck.aws.vpc.private_subnet_egress

import data.hybridcheck.lib

private_subnets := [s | some s in lib.cluster_subnets; not s.id in lib.public_subnet_ids]

not_applicable := "every cluster subnet is public (default route to an internet gateway)" if count(private_subnets) == 0

nat_gateways_by_id := {n.id: n | some n in object.get(lib.aws, "nat_gateways", [])}

transit_gateways_by_id := {t.id: t | some t in object.get(lib.aws, "transit_gateways", [])}

checked contains s.id if some s in private_subnets

default_routes(rt) := [r | some r in rt.routes; r.destination_cidr == "0.0.0.0/0"]

# AWS prefers a static route over a propagated one for the same destination.
default_route(rt) := sort([[r.origin == "EnableVgwRoutePropagation", r.target_id, r] | some r in default_routes(rt)])[0][2]

deny contains {
	"resource": s.id,
	"message": sprintf("Private subnet %s has no default route (0.0.0.0/0) in route table %s; expected one to an available NAT gateway or transit gateway", [s.id, rt.id]),
	"evidence": {"subnet_id": s.id, "route_table_id": rt.id},
} if {
	some s in private_subnets
	rt := lib.subnet_route_table(s)
	count(default_routes(rt)) == 0
}

# The default route each private subnet uses, when it has one.
egress contains {"subnet_id": s.id, "route_table_id": rt.id, "route": default_route(rt)} if {
	some s in private_subnets
	rt := lib.subnet_route_table(s)
	count(default_routes(rt)) > 0
}

problems contains [e, msg] if {
	some e in egress
	msg := route_problem(e)
}

problems contains [e, msg] if {
	some e in egress
	e.route.state == "active"
	e.route.target_type == "nat"
	some [nat_id, msg] in nat_gateway_problems
	nat_id == e.route.target_id
}

deny contains {
	"resource": e.subnet_id,
	"message": sprintf("Private subnet %s: %s; expected an active default route to an available public NAT gateway (in a public subnet, with an Elastic IP) or transit gateway", [e.subnet_id, msg]),
	"evidence": object.union(e, {"target": object.get(nat_gateways_by_id, e.route.target_id, object.get(transit_gateways_by_id, e.route.target_id, null))}),
} if {
	some [e, msg] in problems
}

route_problem(e) := sprintf("its default route in %s is %s", [e.route_table_id, e.route.state]) if {
	e.route.state != "active"
} else := sprintf("its default route in %s targets %s %s, not a NAT gateway or transit gateway", [e.route_table_id, e.route.target_type, e.route.target_id]) if {
	not e.route.target_type in {"nat", "tgw"}
} else := sprintf("its default route in %s targets %s %s, which is not in the snapshot", [e.route_table_id, e.route.target_type, e.route.target_id]) if {
	not nat_gateways_by_id[e.route.target_id]
	not transit_gateways_by_id[e.route.target_id]
} else := sprintf("its default route in %s targets transit gateway %s, which is %s", [e.route_table_id, e.route.target_id, transit_gateways_by_id[e.route.target_id].state]) if {
	transit_gateways_by_id[e.route.target_id].state != "available"
}

nat_gateway_problems contains [nat.id, sprintf("its NAT gateway %s is %s", [nat.id, nat.state])] if {
	some nat in nat_gateways_by_id
	nat.state != "available"
}

nat_gateway_problems contains [nat.id, sprintf("its NAT gateway %s is %s, not public", [nat.id, nat.connectivity_type])] if {
	some nat in nat_gateways_by_id
	nat.connectivity_type != "public"
}

nat_gateway_problems contains [nat.id, sprintf("its NAT gateway %s sits in %s, which is not a public subnet", [nat.id, nat.subnet_id])] if {
	some nat in nat_gateways_by_id
	not nat.subnet_id in lib.public_subnet_ids
}

nat_gateway_problems contains [nat.id, sprintf("its NAT gateway %s holds no Elastic IP", [nat.id])] if {
	some nat in nat_gateways_by_id
	not has_elastic_ip(nat)
}

has_elastic_ip(nat) if {
	some a in nat.addresses
	object.get(a, "allocation_id", "") != ""
}
