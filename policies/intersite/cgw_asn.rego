# METADATA
# title: Customer gateway ASN differs from the AWS-side ASN
# description: |
#   BGP drops routes that carry its own ASN in the path, so the customer gateway's ASN must differ
#   from the Amazon-side ASN of the VGW or TGW the connection terminates on.
# related_resources:
#   - ref: https://docs.aws.amazon.com/vpn/latest/s2svpn/cgw-options.html
# schemas:
#   - input: schema.snapshot
# custom:
#   rationale: "BGP refuses a session whose two sides share an ASN, so the tunnels never exchange the node and pod routes."
#   seed: "Inter-site 1, 2"
#   id: HN-CGW-02
#   severity: high
#   remediation: Create a customer gateway with a private ASN other than the gateway's (aws ec2 create-customer-gateway --bgp-asn ASN ...) and move the VPN connection to it with aws ec2 modify-vpn-connection --customer-gateway-id CGW_ID
#   applies_when: connectivity is vpn
package hybridcheck.intersite.cgw_asn

import data.hybridcheck.lib

not_applicable := lib.vpn_connection_not_applicable

pairs contains {"connection": c, "cgw": g, "gateway_id": gw, "amazon_side_asn": lib.gateway_asn(gw)} if {
	some c in lib.live_vpn_connections
	g := lib.customer_gateways_by_id[c.customer_gateway_id]
	gw := lib.vpn_target(c)
}

checked contains p.cgw.id if some p in pairs

deny contains {
	"resource": p.cgw.id,
	"message": sprintf("Customer gateway %s has BGP ASN %d, the same as the Amazon-side ASN of %s; expected a different ASN", [p.cgw.id, p.cgw.bgp_asn, p.gateway_id]),
	"evidence": {
		"customer_gateway_id": p.cgw.id,
		"bgp_asn": p.cgw.bgp_asn,
		"gateway_id": p.gateway_id,
		"amazon_side_asn": p.amazon_side_asn,
		"vpn_connection_id": p.connection.id,
	},
} if {
	some p in pairs
	p.cgw.bgp_asn == p.amazon_side_asn
}
