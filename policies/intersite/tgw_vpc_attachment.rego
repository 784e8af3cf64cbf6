# METADATA
# title: TGW VPC attachment for the cluster VPC available with DNS support
# description: |
#   The cluster VPC is attached to the TGW, the attachment is available and has DNS support
#   enabled; without it the TGW cannot carry traffic between the VPC and the hybrid nodes.
# related_resources:
#   - ref: https://docs.aws.amazon.com/vpc/latest/tgw/tgw-vpc-attachments.html
# schemas:
#   - input: schema.snapshot
# custom:
#   rationale: "The cluster VPC's TGW attachment is the only path from the VPC to the VPN; it must be available with DNS support."
#   seed: "Inter-site 2"
#   id: HN-TGW-05
#   severity: critical
#   remediation: aws ec2 create-transit-gateway-vpc-attachment --transit-gateway-id TGW_ID --vpc-id VPC_ID --subnet-ids SUBNET_IDS --options DnsSupport=enable (or modify-transit-gateway-vpc-attachment --options DnsSupport=enable)
#   applies_when: target gateway is tgw
package hybridcheck.intersite.tgw_vpc_attachment

import data.hybridcheck.lib

not_applicable := lib.tgw_not_applicable

checked contains a.id if some a in lib.cluster_tgw_vpc_attachments

checked contains lib.cluster_vpc_id if count(lib.cluster_tgw_vpc_attachments) == 0

deny contains {
	"resource": lib.cluster_vpc_id,
	"message": sprintf("No TGW VPC attachment exists for VPC %s; expected an available attachment of the cluster VPC to the TGW", [lib.cluster_vpc_id]),
	"evidence": {
		"vpc_id": lib.cluster_vpc_id,
		"transit_gateway_attachments": [{"id": a.id, "resource_type": a.resource_type, "resource_id": a.resource_id} | some a in object.get(lib.aws, "transit_gateway_attachments", [])],
	},
} if {
	count(lib.cluster_tgw_vpc_attachments) == 0
}

deny contains {
	"resource": a.id,
	"message": sprintf("TGW VPC attachment %s of VPC %s is in state %s; expected available", [a.id, a.resource_id, a.state]),
	"evidence": {"attachment_id": a.id, "transit_gateway_id": a.transit_gateway_id, "vpc_id": a.resource_id, "state": a.state},
} if {
	some a in lib.cluster_tgw_vpc_attachments
	a.state != "available"
}

deny contains {
	"resource": a.id,
	"message": sprintf("TGW VPC attachment %s of VPC %s has DNS support %s; expected enabled", [a.id, a.resource_id, dns_support_text(a)]),
	"evidence": {"attachment_id": a.id, "transit_gateway_id": a.transit_gateway_id, "vpc_id": a.resource_id, "dns_support": a.dns_support},
} if {
	some a in lib.cluster_tgw_vpc_attachments
	a.dns_support != true
}

dns_support_text(a) := "not collected" if a.dns_support == null

else := "disabled"
