# METADATA
# title: VPN tunnel inside IPv4, outside PublicIpv4 unless over Direct Connect
# description: |
#   Hybrid nodes need IPv4 inside the tunnels; the outside addresses are public unless the VPN
#   runs over Direct Connect (a transport TGW attachment), where they are private.
# related_resources:
#   - ref: https://docs.aws.amazon.com/vpn/latest/s2svpn/VPNTunnels.html
#   - ref: https://docs.aws.amazon.com/vpn/latest/s2svpn/private-ip-dx.html
# schemas:
#   - input: schema.snapshot
# custom:
#   rationale: "Tunnels carry IPv4 inside, and use public outside addresses unless they run over Direct Connect."
#   seed: "Inter-site 4"
#   id: HN-VPN-05
#   severity: medium
#   remediation: Recreate the VPN connection with --options TunnelInsideIpVersion=ipv4,OutsideIpAddressType=PublicIpv4 (PrivateIpv4 with TransportTransitGatewayAttachmentId for VPN over Direct Connect)
#   applies_when: connectivity is vpn
package hybridcheck.intersite.vpn_address_types

import data.hybridcheck.lib

not_applicable := lib.vpn_connection_not_applicable

checked contains c.id if some c in lib.live_vpn_connections

# AWS leaves both options out of older connections' descriptions; its documented defaults apply.
inside_version(c) := object.get(c, "tunnel_inside_ip_version", "") if object.get(c, "tunnel_inside_ip_version", "") != ""

else := "ipv4"

outside_type(c) := object.get(c, "outside_ip_address_type", "") if object.get(c, "outside_ip_address_type", "") != ""

else := "PublicIpv4"

expected_outside_type(c) := "PrivateIpv4" if object.get(c, "transport_transit_gateway_attachment_id", "") != ""

else := "PublicIpv4"

deny contains {
	"resource": c.id,
	"message": sprintf("VPN connection %s has tunnel inside IP version %s; expected ipv4", [c.id, inside_version(c)]),
	"evidence": {"vpn_connection_id": c.id, "tunnel_inside_ip_version": inside_version(c)},
} if {
	some c in lib.live_vpn_connections
	inside_version(c) != "ipv4"
}

deny contains {
	"resource": c.id,
	"message": sprintf("VPN connection %s has outside IP address type %s; expected %s%s", [c.id, outside_type(c), expected_outside_type(c), why(c)]),
	"evidence": {
		"vpn_connection_id": c.id,
		"outside_ip_address_type": outside_type(c),
		"transport_transit_gateway_attachment_id": object.get(c, "transport_transit_gateway_attachment_id", ""),
	},
} if {
	some c in lib.live_vpn_connections
	outside_type(c) != expected_outside_type(c)
}

why(c) := " (the VPN runs over Direct Connect)" if expected_outside_type(c) == "PrivateIpv4"

else := " (the VPN does not run over Direct Connect)"
