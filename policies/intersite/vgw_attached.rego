# METADATA
# title: VGW available and attached to the cluster VPC
# description: |
#   The virtual private gateway that terminates the VPN or Direct Connect is available and
#   attached to the cluster VPC; without it no traffic reaches the hybrid nodes.
# related_resources:
#   - ref: https://docs.aws.amazon.com/vpn/latest/s2svpn/SetUpVPNConnections.html
# schemas:
#   - input: schema.snapshot
# custom:
#   rationale: "The virtual private gateway terminates the VPN on the AWS side; unattached or unavailable, nothing reaches the VPC."
#   seed: "Inter-site 2"
#   id: HN-VGW-01
#   severity: critical
#   remediation: aws ec2 attach-vpn-gateway --vpn-gateway-id VGW_ID --vpc-id VPC_ID (create it first with aws ec2 create-vpn-gateway --type ipsec.1 if none exists)
#   applies_when: target gateway is vgw
package hybridcheck.intersite.vgw_attached

import data.hybridcheck.lib

not_applicable := lib.vgw_not_applicable

checked contains g.id if some g in lib.vpc_vgws

checked contains lib.cluster_vpc_id if count(lib.vpc_vgws) == 0

deny contains {
	"resource": lib.cluster_vpc_id,
	"message": sprintf("No VGW is attached to VPC %s; expected an available VGW attached to the cluster VPC", [lib.cluster_vpc_id]),
	"evidence": {
		"vpc_id": lib.cluster_vpc_id,
		"vpn_gateways": [{"id": g.id, "state": g.state, "vpc_attachments": g.vpc_attachments} | some g in object.get(lib.aws, "vpn_gateways", [])],
	},
} if {
	count(lib.vpc_vgws) == 0
}

deny contains {
	"resource": g.id,
	"message": sprintf("VGW %s is in state %s; expected available", [g.id, g.state]),
	"evidence": {"vpn_gateway_id": g.id, "state": g.state, "vpc_attachments": g.vpc_attachments},
} if {
	some g in lib.cluster_vgws
	g.state != "available"
}

# A VGW left in attaching or detaching state is only a finding when no other VGW is attached.
deny contains {
	"resource": g.id,
	"message": sprintf("VGW %s's attachment to VPC %s is %s; expected attached", [g.id, lib.cluster_vpc_id, a.state]),
	"evidence": {"vpn_gateway_id": g.id, "vpc_id": lib.cluster_vpc_id, "attachment_state": a.state, "state": g.state},
} if {
	count(lib.cluster_vgws) == 0
	some g in lib.vpc_vgws
	some a in g.vpc_attachments
	a.vpc_id == lib.cluster_vpc_id
}
