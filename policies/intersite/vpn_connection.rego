# METADATA
# title: VPN connection joins the customer gateway to the cluster VPC's gateway
# description: |
#   A Site-to-Site VPN connection from the customer gateway terminates on the VGW or TGW of the
#   cluster VPC and is available; it is the path between the hybrid nodes and the cluster.
# related_resources:
#   - ref: https://docs.aws.amazon.com/vpn/latest/s2svpn/SetUpVPNConnections.html
# schemas:
#   - input: schema.snapshot
# custom:
#   rationale: "The VPN connection must join the site's customer gateway to the gateway of the cluster VPC, or the tunnels lead elsewhere."
#   seed: "Inter-site 4"
#   id: HN-VPN-01
#   severity: critical
#   remediation: aws ec2 create-vpn-connection --type ipsec.1 --customer-gateway-id CGW_ID (--vpn-gateway-id VGW_ID | --transit-gateway-id TGW_ID) --options StaticRoutesOnly=true|false
#   applies_when: connectivity is vpn
package hybridcheck.intersite.vpn_connection

import data.hybridcheck.lib

not_applicable := lib.vpn_not_applicable

checked contains c.id if some c in lib.live_vpn_connections

checked contains lib.cluster_vpc_id if count(lib.live_vpn_connections) == 0

deny contains {
	"resource": lib.cluster_vpc_id,
	"message": sprintf("No VPN connection terminates on the VGW or TGW of VPC %s (%s); expected an available connection from the customer gateway", [lib.cluster_vpc_id, gateways]),
	"evidence": {
		"vpc_id": lib.cluster_vpc_id,
		"target_gateway_ids": lib.sort_set(lib.target_gateway_ids),
		"vpn_connections": [{
			"id": c.id,
			"state": c.state,
			"customer_gateway_id": c.customer_gateway_id,
			"vpn_gateway_id": object.get(c, "vpn_gateway_id", ""),
			"transit_gateway_id": object.get(c, "transit_gateway_id", ""),
		} |
			some c in object.get(lib.aws, "vpn_connections", [])
		],
	},
} if {
	count(lib.live_vpn_connections) == 0
	gateways := gateway_text
}

gateway_text := concat(", ", lib.sort_set(lib.target_gateway_ids)) if count(lib.target_gateway_ids) > 0

else := "none is attached"

deny contains {
	"resource": c.id,
	"message": sprintf("VPN connection %s to %s is in state %s; expected available", [c.id, lib.vpn_target(c), c.state]),
	"evidence": {"vpn_connection_id": c.id, "state": c.state, "customer_gateway_id": c.customer_gateway_id, "gateway_id": lib.vpn_target(c)},
} if {
	some c in lib.live_vpn_connections
	c.state != "available"
}

deny contains {
	"resource": c.id,
	"message": sprintf("VPN connection %s names no customer gateway; expected the customer gateway of the on-prem device", [c.id]),
	"evidence": {"vpn_connection_id": c.id, "customer_gateway_id": object.get(c, "customer_gateway_id", "")},
} if {
	some c in lib.live_vpn_connections
	object.get(c, "customer_gateway_id", "") == ""
}
