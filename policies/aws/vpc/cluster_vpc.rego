# METADATA
# title: Cluster VPC present and available
# description: |
#   The VPC named by the EKS cluster (else by the intent) is in the snapshot and its state is
#   available. Every other AWS check reads this VPC.
# related_resources:
#   - ref: https://docs.aws.amazon.com/vpc/latest/userguide/create-vpc.html
#   - ref: https://docs.aws.amazon.com/eks/latest/userguide/hybrid-nodes-networking.html#hybrid-nodes-networking-vpc
# schemas:
#   - input: schema.snapshot
# custom:
#   rationale: "Every other AWS check reads the cluster VPC; if it is missing or not available there is nothing to run hybrid nodes against."
#   seed: "AWS network 1"
#   id: HN-VPC-01
#   severity: critical
#   remediation: Create the VPC (aws ec2 create-vpc --cidr-block 10.100.0.0/16) or fix vpc_id in the intent; if it exists, collect again with ec2:DescribeVpcs permission in the cluster's region
#   applies_when: always
package hybridcheck.aws.vpc.cluster_vpc

import data.hybridcheck.lib

checked contains lib.cluster_vpc_id if lib.cluster_vpc_id != ""

deny contains {
	"resource": "",
	"message": "No cluster VPC is named: the snapshot has no EKS cluster VPC and the intent has no vpc_id; expected the VPC of the cluster",
	"evidence": {"eks_cluster_vpc_id": object.get(lib.cluster_fields, "vpc_id", null), "intent_vpc_id": object.get(lib.intent, "vpc_id", null)},
} if {
	lib.cluster_vpc_id == ""
}

deny contains {
	"resource": lib.cluster_vpc_id,
	"message": sprintf("VPC %s is not in the snapshot; expected the cluster VPC among the %d collected VPCs", [lib.cluster_vpc_id, count(lib.vpcs_by_id)]),
	"evidence": {"vpc_id": lib.cluster_vpc_id, "collected_vpc_ids": lib.sort_set({id | some id, _ in lib.vpcs_by_id})},
} if {
	lib.cluster_vpc_id != ""
	not lib.cluster_vpc
}

deny contains {
	"resource": vpc.id,
	"message": sprintf("VPC %s is in state %s; expected available", [vpc.id, vpc.state]),
	"evidence": {"vpc_id": vpc.id, "state": vpc.state},
} if {
	vpc := lib.cluster_vpc
	vpc.state != "available"
}
