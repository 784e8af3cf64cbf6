# METADATA
# title: TGW available with DNS support
# description: |
#   The transit gateway attached to the cluster VPC is available and has DNS support enabled, so
#   hybrid nodes resolve VPC-private names through it.
# related_resources:
#   - ref: https://docs.aws.amazon.com/vpc/latest/tgw/tgw-transit-gateways.html
# schemas:
#   - input: schema.snapshot
# custom:
#   rationale: "A transit gateway that is not available, or without DNS support, cannot carry or resolve hybrid traffic."
#   seed: "Inter-site 2"
#   id: HN-TGW-01
#   severity: high
#   remediation: aws ec2 modify-transit-gateway --transit-gateway-id TGW_ID --options DnsSupport=enable (and attach the cluster VPC with aws ec2 create-transit-gateway-vpc-attachment if no TGW is attached)
#   applies_when: target gateway is tgw
package hybridcheck.intersite.tgw_state

import data.hybridcheck.lib

not_applicable := lib.tgw_not_applicable

checked contains t.id if some t in lib.cluster_tgws

checked contains id if some id in lib.cluster_tgw_ids

checked contains lib.cluster_vpc_id if count(lib.cluster_tgw_ids) == 0

deny contains {
	"resource": lib.cluster_vpc_id,
	"message": sprintf("No TGW has a VPC attachment for VPC %s; expected an available TGW attached to the cluster VPC", [lib.cluster_vpc_id]),
	"evidence": {
		"vpc_id": lib.cluster_vpc_id,
		"transit_gateways": [t.id | some t in object.get(lib.aws, "transit_gateways", [])],
	},
} if {
	count(lib.cluster_tgw_ids) == 0
}

deny contains {
	"resource": id,
	"message": sprintf("TGW %s has a VPC attachment for VPC %s but is not in the snapshot; expected it to be collected (see HN-SNAP-01)", [id, lib.cluster_vpc_id]),
	"evidence": {"transit_gateway_id": id, "vpc_id": lib.cluster_vpc_id},
} if {
	some id in lib.cluster_tgw_ids
	not id in {t.id | some t in lib.cluster_tgws}
}

deny contains {
	"resource": t.id,
	"message": sprintf("TGW %s is in state %s; expected available", [t.id, t.state]),
	"evidence": {"transit_gateway_id": t.id, "state": t.state},
} if {
	some t in lib.cluster_tgws
	t.state != "available"
}

deny contains {
	"resource": t.id,
	"message": sprintf("TGW %s has DNS support disabled; expected enabled", [t.id]),
	"evidence": {"transit_gateway_id": t.id, "dns_support": t.dns_support},
} if {
	some t in lib.cluster_tgws
	t.dns_support != true
}
