# METADATA
# title: cilium-health from the nodes to the VPC allowed
# description: |
#   Hybrid nodes run cilium-health probes toward the VPC: TCP 4240 and ICMP echo request and
#   reply (types 8 and 0) from the node CIDRs to the VPC CIDRs (Remote network 4, egress).
# related_resources:
#   - ref: https://docs.cilium.io/en/stable/operations/system_requirements/#firewall-rules
# schemas:
#   - input: schema.snapshot
# custom:
#   rationale: "Cilium agents on hybrid nodes must reach the health endpoints in the VPC, or cross-site health reports are wrong."
#   seed: "Remote network 4 (egress)"
#   id: HN-CIL-03
#   severity: high
#   remediation: Allow TCP 4240 and ICMP types 8 and 0 from the node CIDRs to the VPC CIDRs.
#   applies_when: a device is in the snapshot
package hybridcheck.onprem.cilium.health_outbound

import data.hybridcheck.lib
import data.hybridcheck.lib.device as devlib

not_applicable := devlib.vpc_not_applicable

cases(d) := array.concat(
	[devlib.case("tcp", 4240, lib.node_cidrs, lib.vpc_cidrs, devlib.served(d, lib.node_cidrs), lib.vpc_cidrs)],
	[devlib.icmp_case(icmp_type, lib.node_cidrs, lib.vpc_cidrs, devlib.served(d, lib.node_cidrs), lib.vpc_cidrs) | some icmp_type in [8, 0]],
)

# One verdict of the device_allows built-in per device and flow.
verdicts contains devlib.verdict(d, c) if {
	not not_applicable
	some d in lib.devices
	some c in cases(d)
}

checked contains r if some r in devlib.passes(verdicts)

deny contains r if some r in devlib.failures(verdicts)

unknown contains r if some r in devlib.undecided_findings(verdicts)
