# METADATA
# title: Cluster subnets available in two or more Availability Zones
# description: |
#   The cluster has at least two subnets in state available, spread over two or more
#   Availability Zones; EKS places its control plane network interfaces in them.
# related_resources:
#   - ref: https://docs.aws.amazon.com/vpc/latest/userguide/create-subnets.html
#   - ref: https://docs.aws.amazon.com/eks/latest/userguide/hybrid-nodes-networking.html#hybrid-nodes-networking-vpc
# schemas:
#   - input: schema.snapshot
# custom:
#   rationale: "EKS requires subnets in at least two Availability Zones for the control plane ENIs."
#   seed: "AWS network 3"
#   id: HN-VPC-04
#   severity: high
#   remediation: Create a subnet in a second Availability Zone (aws ec2 create-subnet --vpc-id VPC_ID --cidr-block CIDR --availability-zone AZ) and add it to the cluster with aws eks update-cluster-config --name CLUSTER --resources-vpc-config subnetIds=SUBNET_1,SUBNET_2
#   applies_when: always
package hybridcheck.aws.vpc.subnet_availability_zones

import data.hybridcheck.lib

not_applicable := "the cluster VPC is not in the snapshot (see HN-VPC-01)" if not lib.cluster_vpc

# The cluster as a whole is the resource of the "two subnets, two AZs" finding.
cluster_resource := lib.cluster.name if {
	lib.cluster != null
} else := lib.cluster_vpc_id

available := [s | some s in lib.cluster_subnets; s.state == "available"]

zones := {s.availability_zone | some s in available}

missing_subnet_ids := lib.cluster_subnet_ids - {s.id | some s in lib.cluster_subnets}

checked contains cluster_resource

checked contains id if some id in lib.cluster_subnet_ids

deny contains {
	"resource": id,
	"message": sprintf("Cluster subnet %s is not in the snapshot; expected every subnet of the cluster to be collected and available", [id]),
	"evidence": {"subnet_id": id, "vpc_id": lib.cluster_vpc_id},
} if {
	some id in missing_subnet_ids
}

deny contains {
	"resource": s.id,
	"message": sprintf("Cluster subnet %s is in state %s; expected available", [s.id, s.state]),
	"evidence": {"subnet_id": s.id, "state": s.state, "availability_zone": s.availability_zone},
} if {
	some s in lib.cluster_subnets
	s.state != "available"
}

deny contains {
	"resource": cluster_resource,
	"message": sprintf("%s has %d available cluster subnet(s) in %d Availability Zone(s); expected at least two subnets in two or more zones", [cluster_resource, count(available), count(zones)]),
	"evidence": {
		"available_subnets": [{"subnet_id": s.id, "availability_zone": s.availability_zone} | some s in available],
		"availability_zones": lib.sort_set(zones),
	},
} if {
	not enough
}

enough if {
	count(available) >= 2
	count(zones) >= 2
}
