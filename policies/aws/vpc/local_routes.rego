# METADATA
# title: Route tables keep the local route for every VPC CIDR
# description: |
#   Every route table of the cluster VPC has an active local route for each IPv4 CIDR block of
#   the VPC, so traffic inside the VPC (control plane to nodes, webhooks) stays local.
# related_resources:
#   - ref: https://docs.aws.amazon.com/vpc/latest/userguide/WorkWithRouteTables.html#AddRemoveRoutes
# schemas:
#   - input: schema.snapshot
# custom:
#   rationale: "The local route keeps traffic inside the VPC; without it, subnets of the same VPC cannot reach each other."
#   seed: "AWS network 7"
#   id: HN-VPC-08
#   severity: medium
#   remediation: Restore the local route with aws ec2 replace-route --route-table-id RTB_ID --destination-cidr-block VPC_CIDR --local-target (or remove the more specific route that replaced it)
#   applies_when: always
package hybridcheck.aws.vpc.local_routes

import data.hybridcheck.lib

not_applicable := "the cluster VPC is not in the snapshot (see HN-VPC-01)" if not lib.cluster_vpc

vpc_route_tables := [rt | some rt in lib.route_tables; rt.vpc_id == lib.cluster_vpc_id]

# (route table, destination) pairs of active local routes, indexed once.
active_local := {[rt.id, r.destination_cidr] |
	some rt in vpc_route_tables
	some r in rt.routes
	r.target_type == "local"
	r.state == "active"
}

checked contains rt.id if some rt in vpc_route_tables

deny contains {
	"resource": rt.id,
	"message": sprintf("Route table %s has no active local route for VPC CIDR %s; expected %s -> local, active", [rt.id, cidr, cidr]),
	"evidence": {
		"route_table_id": rt.id,
		"vpc_cidr": cidr,
		"routes_for_cidr": [r | some r in rt.routes; object.get(r, "destination_cidr", "") == cidr],
	},
} if {
	some rt in vpc_route_tables
	some cidr in lib.vpc_cidrs
	not active_local[[rt.id, cidr]]
}
