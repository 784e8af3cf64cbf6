# METADATA
# title: TGW default route table association enabled
# description: |
#   New attachments (the VPC and the VPN) are associated with the default route table automatically, as the seed's setup expects.
# related_resources:
#   - ref: https://docs.aws.amazon.com/vpc/latest/tgw/tgw-transit-gateways.html
# schemas:
#   - input: schema.snapshot
# custom:
#   rationale: "Without default association, new attachments are not associated with a route table and carry nothing until done by hand."
#   seed: "Inter-site 2"
#   id: HN-TGW-03
#   severity: low
#   remediation: aws ec2 modify-transit-gateway --transit-gateway-id TGW_ID --options DefaultRouteTableAssociation=enable
#   applies_when: target gateway is tgw
package hybridcheck.intersite.tgw_default_association

import data.hybridcheck.lib

not_applicable := lib.cluster_tgw_not_applicable

checked contains t.id if some t in lib.cluster_tgws

deny contains {
	"resource": t.id,
	"message": sprintf("TGW %s has default route table association disabled; expected enabled", [t.id]),
	"evidence": {"transit_gateway_id": t.id, "default_route_table_association": t.default_route_table_association},
} if {
	some t in lib.cluster_tgws
	t.default_route_table_association != true
}
