# METADATA
# title: VPC DNS hostnames enabled
# description: |
#   The cluster VPC's enableDnsHostnames attribute is true. Without it, instances get no DNS
#   hostnames and the private hosted zone of the cluster's private endpoint does not resolve.
# related_resources:
#   - ref: https://docs.aws.amazon.com/vpc/latest/userguide/vpc-dns-updating.html
# schemas:
#   - input: schema.snapshot
# custom:
#   rationale: "EKS needs DNS hostnames in the VPC for the cluster endpoint's private names."
#   seed: "AWS network 2"
#   id: HN-VPC-03
#   severity: high
#   remediation: aws ec2 modify-vpc-attribute --vpc-id VPC_ID --enable-dns-hostnames '{"Value":true}'
#   applies_when: always
package hybridcheck.aws.vpc.dns_hostnames

import data.hybridcheck.lib

not_applicable := "the cluster VPC is not in the snapshot (see HN-VPC-01)" if not lib.cluster_vpc

checked contains lib.cluster_vpc_id if lib.cluster_vpc

deny contains {
	"resource": vpc.id,
	"message": sprintf("VPC %s has enableDnsHostnames %v; it must be true", [vpc.id, vpc.enable_dns_hostnames]),
	"evidence": {"vpc_id": vpc.id, "enable_dns_hostnames": vpc.enable_dns_hostnames},
} if {
	vpc := lib.cluster_vpc
	vpc.enable_dns_hostnames == false
}

# null: the attribute was never collected (ec2:DescribeVpcAttribute failed or was not saved).
# The snapshot cannot tell, so the answer is unknown, not a violation; HN-SNAP-01 reports the
# collection gap itself.
unknown contains {
	"resource": vpc.id,
	"message": sprintf("VPC %s: enableDnsHostnames was not collected (ec2:DescribeVpcAttribute; see HN-SNAP-01), so whether it is true cannot be decided", [vpc.id]),
	"evidence": {"vpc_id": vpc.id, "enable_dns_hostnames": null},
} if {
	vpc := lib.cluster_vpc
	vpc.enable_dns_hostnames == null
}
