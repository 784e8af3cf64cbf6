# METADATA
# title: VPC DNS resolution enabled
# description: |
#   The cluster VPC's enableDnsSupport attribute is true. Hybrid nodes resolve the cluster's
#   private endpoint and AWS service names through the VPC resolver.
# related_resources:
#   - ref: https://docs.aws.amazon.com/vpc/latest/userguide/vpc-dns-updating.html
# schemas:
#   - input: schema.snapshot
# custom:
#   rationale: "EKS hybrid nodes need the VPC's DNS resolution (the Amazon-provided resolver) to resolve the cluster endpoint and AWS services."
#   seed: "AWS network 2"
#   id: HN-VPC-02
#   severity: high
#   remediation: aws ec2 modify-vpc-attribute --vpc-id VPC_ID --enable-dns-support '{"Value":true}'
#   applies_when: always
package hybridcheck.aws.vpc.dns_support

import data.hybridcheck.lib

not_applicable := "the cluster VPC is not in the snapshot (see HN-VPC-01)" if not lib.cluster_vpc

checked contains lib.cluster_vpc_id if lib.cluster_vpc

deny contains {
	"resource": vpc.id,
	"message": sprintf("VPC %s has enableDnsSupport %v; it must be true", [vpc.id, vpc.enable_dns_support]),
	"evidence": {"vpc_id": vpc.id, "enable_dns_support": vpc.enable_dns_support},
} if {
	vpc := lib.cluster_vpc
	vpc.enable_dns_support == false
}

# null: the attribute was never collected (ec2:DescribeVpcAttribute failed or was not saved).
# The snapshot cannot tell, so the answer is unknown, not a violation; HN-SNAP-01 reports the
# collection gap itself.
unknown contains {
	"resource": vpc.id,
	"message": sprintf("VPC %s: enableDnsSupport was not collected (ec2:DescribeVpcAttribute; see HN-SNAP-01), so whether it is true cannot be decided", [vpc.id]),
	"evidence": {"vpc_id": vpc.id, "enable_dns_support": null},
} if {
	vpc := lib.cluster_vpc
	vpc.enable_dns_support == null
}
