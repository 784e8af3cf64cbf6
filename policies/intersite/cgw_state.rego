# METADATA
# title: Customer gateway available, type ipsec.1
# description: |
#   The customer gateway that represents the on-prem device in each hybrid VPN connection is
#   available and of type ipsec.1, the only type Site-to-Site VPN supports.
# related_resources:
#   - ref: https://docs.aws.amazon.com/vpn/latest/s2svpn/your-cgw.html
# schemas:
#   - input: schema.snapshot
# custom:
#   rationale: "A customer gateway that is not available or not ipsec.1 cannot terminate the Site-to-Site VPN, so no hybrid node reaches the cluster."
#   seed: "Inter-site 1"
#   id: HN-CGW-01
#   severity: high
#   remediation: aws ec2 create-customer-gateway --type ipsec.1 --ip-address DEVICE_PUBLIC_IP --bgp-asn ASN, then point the VPN connection at it (aws ec2 modify-vpn-connection --customer-gateway-id CGW_ID)
#   applies_when: connectivity is vpn
package hybridcheck.intersite.cgw_state

import data.hybridcheck.lib

not_applicable := lib.vpn_connection_not_applicable

# Customer gateway id -> the hybrid VPN connections that use it.
cgw_connections := {id: ids |
	some c in lib.live_vpn_connections
	id := c.customer_gateway_id
	ids := sort([x.id | some x in lib.live_vpn_connections; x.customer_gateway_id == id])
}

checked contains id if some id, _ in cgw_connections

deny contains {
	"resource": id,
	"message": sprintf("Customer gateway %s, used by VPN connection(s) %s, is not in the snapshot; expected it to be collected and available", [id, concat(", ", conns)]),
	"evidence": {"customer_gateway_id": id, "vpn_connection_ids": conns},
} if {
	some id, conns in cgw_connections
	not lib.customer_gateways_by_id[id]
}

deny contains {
	"resource": g.id,
	"message": sprintf("Customer gateway %s is in state %s; expected available", [g.id, g.state]),
	"evidence": {"customer_gateway_id": g.id, "state": g.state, "type": g.type, "vpn_connection_ids": conns},
} if {
	some id, conns in cgw_connections
	g := lib.customer_gateways_by_id[id]
	g.state != "available"
}

deny contains {
	"resource": g.id,
	"message": sprintf("Customer gateway %s has type %s; expected ipsec.1", [g.id, g.type]),
	"evidence": {"customer_gateway_id": g.id, "state": g.state, "type": g.type, "vpn_connection_ids": conns},
} if {
	some id, conns in cgw_connections
	g := lib.customer_gateways_by_id[id]
	g.type != "ipsec.1"
}
