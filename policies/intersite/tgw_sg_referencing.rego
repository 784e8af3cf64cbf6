# METADATA
# title: Security group referencing enabled on the TGW VPC attachment
# description: |
#   With security group referencing support, security group rules in the VPC can reference groups
#   across the TGW, which keeps the hybrid rules as narrow as the seed's design intends.
# related_resources:
#   - ref: https://docs.aws.amazon.com/vpc/latest/tgw/tgw-vpc-attachments.html#vpc-attachment-security
# schemas:
#   - input: schema.snapshot
# custom:
#   rationale: "Security group referencing across the TGW lets rules name security groups instead of CIDRs."
#   seed: "Inter-site 2"
#   id: HN-TGW-07
#   severity: low
#   remediation: aws ec2 modify-transit-gateway-vpc-attachment --transit-gateway-attachment-id ATTACHMENT_ID --options SecurityGroupReferencingSupport=enable
#   applies_when: target gateway is tgw
package hybridcheck.intersite.tgw_sg_referencing

import data.hybridcheck.lib

not_applicable := lib.tgw_attachment_not_applicable

checked contains a.id if some a in lib.cluster_tgw_vpc_attachments

deny contains {
	"resource": a.id,
	"message": sprintf("TGW VPC attachment %s has security group referencing support %s; expected enabled", [a.id, support_text(a)]),
	"evidence": {"attachment_id": a.id, "transit_gateway_id": a.transit_gateway_id, "security_group_referencing_support": a.security_group_referencing_support},
} if {
	some a in lib.cluster_tgw_vpc_attachments
	a.security_group_referencing_support != true
}

support_text(a) := "not collected" if a.security_group_referencing_support == null

else := "disabled"
