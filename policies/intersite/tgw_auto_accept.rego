# METADATA
# title: TGW does not auto-accept shared attachments
# description: |
#   A TGW that auto-accepts shared attachments lets any account it is shared with join the hybrid network unreviewed.
# related_resources:
#   - ref: https://docs.aws.amazon.com/vpc/latest/tgw/tgw-transit-gateways.html
# schemas:
#   - input: schema.snapshot
# custom:
#   rationale: "Auto-accepting shared attachments lets another account attach its VPC to the hybrid routing domain unreviewed."
#   seed: "AWS Config practice"
#   id: HN-TGW-09
#   severity: medium
#   remediation: aws ec2 modify-transit-gateway --transit-gateway-id TGW_ID --options AutoAcceptSharedAttachments=disable
#   applies_when: target gateway is tgw
package hybridcheck.intersite.tgw_auto_accept

import data.hybridcheck.lib

not_applicable := lib.cluster_tgw_not_applicable

checked contains t.id if some t in lib.cluster_tgws

deny contains {
	"resource": t.id,
	"message": sprintf("TGW %s auto-accepts shared attachments; expected auto-accept disabled so every attachment is reviewed", [t.id]),
	"evidence": {"transit_gateway_id": t.id, "auto_accept_shared_attachments": t.auto_accept_shared_attachments},
} if {
	some t in lib.cluster_tgws
	t.auto_accept_shared_attachments != false
}
