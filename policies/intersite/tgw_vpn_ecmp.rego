# METADATA
# title: TGW VPN ECMP support enabled
# description: |
#   With VPN ECMP support the TGW spreads traffic over both tunnels (and over several VPN connections) instead of leaving one idle.
# related_resources:
#   - ref: https://docs.aws.amazon.com/vpc/latest/tgw/tgw-transit-gateways.html
# schemas:
#   - input: schema.snapshot
# custom:
#   rationale: "Without VPN ECMP, only one tunnel carries traffic and the second offers no extra capacity."
#   seed: "Inter-site 2"
#   id: HN-TGW-02
#   severity: medium
#   remediation: aws ec2 modify-transit-gateway --transit-gateway-id TGW_ID --options VpnEcmpSupport=enable
#   applies_when: target gateway is tgw
package hybridcheck.intersite.tgw_vpn_ecmp

import data.hybridcheck.lib

not_applicable := lib.cluster_tgw_not_applicable

checked contains t.id if some t in lib.cluster_tgws

deny contains {
	"resource": t.id,
	"message": sprintf("TGW %s has VPN ECMP support disabled; expected enabled", [t.id]),
	"evidence": {"transit_gateway_id": t.id, "vpn_ecmp_support": t.vpn_ecmp_support},
} if {
	some t in lib.cluster_tgws
	t.vpn_ecmp_support != true
}
