# METADATA
# title: One security association pair per policy-based tunnel to AWS
# description: |
#   An AWS Site-to-Site VPN tunnel accepts a single security association pair: a policy-based
#   device that negotiates a separate SA pair per phase 2 (node CIDR <-> VPC, pod CIDR <-> VPC)
#   sees the pairs replace each other, and traffic of all but the last one stops. With IKEv1
#   every phase 2 is its own SA pair; with IKEv2 so is each phase 2 when the device splits
#   connections (pfSense/OPNsense "Split connections", and other devices, whose children are
#   separate), while an unsplit pfSense/OPNsense combines its phase 2 entries into one child SA.
#   Use one phase 2 per tunnel whose selectors summarise the networks (0.0.0.0/0 <-> VPC or a
#   supernet), or a route-based (VTI) tunnel.
# related_resources:
#   - ref: https://docs.aws.amazon.com/vpn/latest/s2svpn/your-cgw.html
#   - ref: https://docs.netgate.com/pfsense/en/latest/vpn/ipsec/configure-p1.html
# schemas:
#   - input: schema.snapshot
# custom:
#   rationale: "AWS keeps one security association pair per tunnel: a device that negotiates one pair per phase 2 sees the pairs replace each other, and all traffic but the last pair's stops."
#   seed: "Inter-site 6; AWS VPN customer gateway requirements"
#   id: HN-IPS-06
#   severity: medium
#   remediation: Replace the phase 2 entries of each AWS tunnel by one whose local network summarises the node and pod CIDRs (0.0.0.0/0 or a supernet) to the VPC, or move to a route-based VTI tunnel; on pfSense with IKEv2, leave Split connections off.
#   applies_when: connectivity is vpn
package hybridcheck.onprem.ipsec.single_sa_pair

import data.hybridcheck.lib
import data.hybridcheck.lib.device as devlib

not_applicable := devlib.phase1_not_applicable

policy_phase2s(d, p1) := [p2 |
	some p2 in object.get(devlib.phase2s_by_phase1(d), p1.id, [])
	p2.mode in {"tunnel", "tunnel6"}
]

# separate_sas: each phase 2 of this phase 1 negotiates its own SA pair.
separate_sas(_, p1) if p1.ike_version != "ikev2"

separate_sas(_, p1) if object.get(p1, "split_connections", false)

separate_sas(d, _) if not d.format in {"pfsense", "opnsense"}

phase2_text(p2) := sprintf("%s (%s <-> %s)", [object.get(p2, "id", ""), concat(",", p2.local_networks), concat(",", p2.remote_networks)])

checked contains {"resource": devlib.resource(d, devlib.phase1_text(p1)), "message": message(d, p1)} if {
	some d in lib.devices
	some p1 in devlib.aws_phase1s(d)
	not too_many(d, p1)
}

message(d, p1) := sprintf("%d policy-based phase 2 entries: at most one SA pair", [count(policy_phase2s(d, p1))]) if {
	separate_sas(d, p1)
} else := sprintf("%d policy-based phase 2 entries combined into one IKEv2 child SA (connections not split)", [count(policy_phase2s(d, p1))])

too_many(d, p1) if {
	count(policy_phase2s(d, p1)) > 1
	separate_sas(d, p1)
}

deny contains {
	"resource": devlib.resource(d, devlib.phase1_text(p1)),
	"message": sprintf("%d phase 2 entries negotiate %d SA pairs, but an AWS tunnel accepts one: %s", [count(p2s), count(p2s), concat("; ", [phase2_text(p2) | some p2 in p2s])]),
	"evidence": {
		"phase1": p1.id,
		"ike_version": p1.ike_version,
		"split_connections": object.get(p1, "split_connections", false),
		"phase2": [{"id": object.get(p2, "id", ""), "local_networks": p2.local_networks, "remote_networks": p2.remote_networks, "location": object.get(p2, "location", null)} | some p2 in p2s],
	},
} if {
	some d in lib.devices
	some p1 in devlib.aws_phase1s(d)
	too_many(d, p1)
	p2s := policy_phase2s(d, p1)
}
