# METADATA
# title: TGW default route table propagation enabled
# description: |
#   Attachments propagate their routes (the VPC CIDR, the BGP-learned node and pod CIDRs) to the default route table automatically.
# related_resources:
#   - ref: https://docs.aws.amazon.com/vpc/latest/tgw/tgw-transit-gateways.html
# schemas:
#   - input: schema.snapshot
# custom:
#   rationale: "Without default propagation, new attachments' routes are not learned and must be added by hand."
#   seed: "Inter-site 2"
#   id: HN-TGW-04
#   severity: low
#   remediation: aws ec2 modify-transit-gateway --transit-gateway-id TGW_ID --options DefaultRouteTablePropagation=enable
#   applies_when: target gateway is tgw
package hybridcheck.intersite.tgw_default_propagation

import data.hybridcheck.lib

not_applicable := lib.cluster_tgw_not_applicable

checked contains t.id if some t in lib.cluster_tgws

deny contains {
	"resource": t.id,
	"message": sprintf("TGW %s has default route table propagation disabled; expected enabled", [t.id]),
	"evidence": {"transit_gateway_id": t.id, "default_route_table_propagation": t.default_route_table_propagation},
} if {
	some t in lib.cluster_tgws
	t.default_route_table_propagation != true
}
