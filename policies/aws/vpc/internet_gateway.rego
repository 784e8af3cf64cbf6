# METADATA
# title: Internet gateway routes use an attached internet gateway
# description: |
#   Every route of the cluster VPC's route tables that targets an internet gateway targets one
#   that is attached (state available) to that VPC; otherwise the route is a blackhole and the
#   public subnets lose the internet.
# related_resources:
#   - ref: https://docs.aws.amazon.com/vpc/latest/userguide/working-with-igw.html
# schemas:
#   - input: schema.snapshot
# custom:
#   rationale: "A route to an internet gateway that is not attached to the VPC is a blackhole for internet traffic."
#   seed: "AWS network 5"
#   id: HN-VPC-06
#   severity: high
#   remediation: Attach the internet gateway with aws ec2 attach-internet-gateway --internet-gateway-id IGW_ID --vpc-id VPC_ID, or point the route at the VPC's own gateway with aws ec2 replace-route --route-table-id RTB_ID --destination-cidr-block 0.0.0.0/0 --gateway-id IGW_ID
#   applies_when: a route targets an igw
package hybridcheck.aws.vpc.internet_gateway

import data.hybridcheck.lib

igw_routes := [{"route_table_id": rt.id, "vpc_id": rt.vpc_id, "route": r} |
	some rt in lib.route_tables
	rt.vpc_id == lib.cluster_vpc_id
	some r in rt.routes
	r.target_type == "igw"
]

not_applicable := "no route of the cluster VPC targets an internet gateway" if count(igw_routes) == 0

igws_by_id := {g.id: g | some g in object.get(lib.aws, "internet_gateways", [])}

attached(igw_id, vpc_id) if {
	some a in igws_by_id[igw_id].attachments
	a.vpc_id == vpc_id
	a.state == "available"
}

checked contains x.route_table_id if some x in igw_routes

deny contains {
	"resource": x.route_table_id,
	"message": sprintf("Route table %s routes %s to internet gateway %s, which is %s; expected an internet gateway attached (available) to %s", [x.route_table_id, destination(x.route), x.route.target_id, igw_state(x.route.target_id, x.vpc_id), x.vpc_id]),
	"evidence": {
		"route_table_id": x.route_table_id,
		"route": x.route,
		"internet_gateway": object.get(igws_by_id, x.route.target_id, null),
	},
} if {
	some x in igw_routes
	not attached(x.route.target_id, x.vpc_id)
}

destination(route) := object.get(route, "destination_cidr", object.get(route, "destination_ipv6_cidr", object.get(route, "destination_prefix_list_id", "?")))

igw_state(igw_id, _) := "not in the snapshot" if {
	not igws_by_id[igw_id]
} else := sprintf("attached to %s", [concat(", ", [sprintf("%s (%s)", [a.vpc_id, a.state]) | some a in igws_by_id[igw_id].attachments])]) if {
	count(igws_by_id[igw_id].attachments) > 0
} else := "detached"
