# METADATA
# title: VPN traffic selectors cover the node, pod and VPC CIDRs
# description: |
#   The connection's local IPv4 network CIDR (customer side) must contain the node and pod CIDRs
#   and its remote IPv4 network CIDR (AWS side) the VPC CIDRs; traffic outside them is not sent
#   into the tunnels.
# related_resources:
#   - ref: https://docs.aws.amazon.com/vpn/latest/s2svpn/VPNTunnels.html
# schemas:
#   - input: schema.snapshot
# custom:
#   rationale: "AWS's traffic selectors must cover the node, pod and VPC CIDRs, or IKE refuses the device's phase 2 for them."
#   seed: "Inter-site 6"
#   id: HN-VPN-06
#   severity: medium
#   remediation: aws ec2 modify-vpn-connection-options --vpn-connection-id VPN_ID --local-ipv4-network-cidr CIDR --remote-ipv4-network-cidr CIDR (0.0.0.0/0 for both unless the device needs narrower selectors)
#   applies_when: connectivity is vpn
package hybridcheck.intersite.vpn_traffic_selectors

import data.hybridcheck.lib

not_applicable := lib.vpn_connection_not_applicable

checked contains c.id if some c in lib.live_vpn_connections

# An absent selector is AWS's default, any address.
selector(c, field) := object.get(c, field, "") if object.get(c, field, "") != ""

else := "0.0.0.0/0"

sides := [
	{"field": "local_ipv4_network_cidr", "side": "local (customer side)", "cidrs": lib.remote_cidrs, "what": "node and pod CIDRs"},
	{"field": "remote_ipv4_network_cidr", "side": "remote (AWS side)", "cidrs": lib.vpc_cidrs, "what": "VPC CIDRs"},
]

deny contains {
	"resource": c.id,
	"message": sprintf("VPN connection %s's %s IPv4 network CIDR %s does not contain %s; expected it to contain the %s", [c.id, s.side, sel, concat(", ", outside), s.what]),
	"evidence": {"vpn_connection_id": c.id, s.field: sel, "required_cidrs": s.cidrs, "not_covered": outside},
} if {
	some c in lib.live_vpn_connections
	some s in sides
	sel := selector(c, s.field)
	outside := [cidr | some cidr in s.cidrs; not net.cidr_contains(sel, cidr)]
	count(outside) > 0
}
