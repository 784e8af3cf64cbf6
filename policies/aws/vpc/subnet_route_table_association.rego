# METADATA
# title: Cluster subnets are explicitly associated with a route table
# description: |
#   Each cluster subnet is explicitly associated with a route table instead of falling back to
#   the VPC's main route table, so a change to the main table cannot silently reroute it.
# related_resources:
#   - ref: https://docs.aws.amazon.com/vpc/latest/userguide/WorkWithRouteTables.html#AssociateSubnet
# schemas:
#   - input: schema.snapshot
# custom:
#   rationale: "Subnets without an explicit association follow the main route table, which may change without anyone noticing."
#   seed: "AWS network 7"
#   id: HN-VPC-09
#   severity: low
#   remediation: aws ec2 associate-route-table --route-table-id RTB_ID --subnet-id SUBNET_ID (console Route tables > Subnet associations > Edit subnet associations)
#   applies_when: always
package hybridcheck.aws.vpc.subnet_route_table_association

import data.hybridcheck.lib

not_applicable := "the cluster VPC is not in the snapshot (see HN-VPC-01)" if not lib.cluster_vpc

checked contains s.id if some s in lib.cluster_subnets

deny contains {
	"resource": s.id,
	"message": sprintf("Cluster subnet %s has no explicit route table association and uses the main route table %s; expected an explicit association", [s.id, main]),
	"evidence": {"subnet_id": s.id, "main_route_table_id": main},
} if {
	some s in lib.cluster_subnets
	not lib.explicit_route_table[s.id]
	main := object.get(lib.main_route_table, s.vpc_id, "none")
}
