# METADATA
# title: TGW VPC attachment in every Availability Zone of the cluster subnets
# description: |
#   A TGW VPC attachment only carries traffic for subnets in the Availability Zones where it has
#   a subnet; a cluster subnet in any other zone cannot reach the hybrid nodes through the TGW.
# related_resources:
#   - ref: https://docs.aws.amazon.com/vpc/latest/tgw/tgw-vpc-attachments.html
# schemas:
#   - input: schema.snapshot
# custom:
#   rationale: "A VPC attachment serves only the Availability Zones it has subnets in; cluster subnets in other zones lose the hybrid path."
#   seed: "Inter-site 2"
#   id: HN-TGW-06
#   severity: medium
#   remediation: aws ec2 modify-transit-gateway-vpc-attachment --transit-gateway-attachment-id ATTACHMENT_ID --add-subnet-ids SUBNET_ID (one subnet in each missing zone)
#   applies_when: target gateway is tgw
package hybridcheck.intersite.tgw_attachment_zones

import data.hybridcheck.lib

not_applicable := lib.tgw_attachment_not_applicable

cluster_zones := {s.availability_zone | some s in lib.cluster_subnets}

checked contains a.id if some a in lib.cluster_tgw_vpc_attachments

deny contains {
	"resource": a.id,
	"message": sprintf("TGW VPC attachment %s has no subnet in Availability Zone(s) %s; expected a subnet in every zone of the cluster subnets (%s)", [a.id, concat(", ", lib.sort_set(missing)), concat(", ", lib.sort_set(cluster_zones))]),
	"evidence": {
		"attachment_id": a.id,
		"attachment_subnet_ids": object.get(a, "subnet_ids", []),
		"attachment_zones": lib.sort_set(zones),
		"cluster_zones": lib.sort_set(cluster_zones),
		"missing_zones": lib.sort_set(missing),
		"attachment_subnets_not_in_snapshot": [id | some id in object.get(a, "subnet_ids", []); not lib.subnets_by_id[id]],
	},
} if {
	some a in lib.cluster_tgw_vpc_attachments
	zones := {lib.subnets_by_id[id].availability_zone | some id in object.get(a, "subnet_ids", [])}
	missing := cluster_zones - zones
	count(missing) > 0
}
