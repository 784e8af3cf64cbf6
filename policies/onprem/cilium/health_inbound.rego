# METADATA
# title: cilium-health (TCP 4240) to the nodes allowed
# description: |
#   Cilium checks node health on TCP 4240, from the VPC to the hybrid nodes and between hybrid
#   nodes (Remote network 4, ingress).
# related_resources:
#   - ref: https://docs.cilium.io/en/stable/operations/system_requirements/#firewall-rules
# schemas:
#   - input: schema.snapshot
# custom:
#   rationale: "Cilium's health checks use TCP 4240 to the nodes; when blocked, Cilium reports the nodes unhealthy and connectivity diagnostics fail."
#   seed: "Remote network 4 (ingress)"
#   id: HN-CIL-01
#   severity: high
#   remediation: Allow TCP 4240 from the VPC CIDRs and from the node CIDRs to the node CIDRs.
#   applies_when: a device is in the snapshot
package hybridcheck.onprem.cilium.health_inbound

import data.hybridcheck.lib
import data.hybridcheck.lib.device as devlib

not_applicable := devlib.vpc_not_applicable

cases(d) := [devlib.case("tcp", 4240, labels, lib.node_cidrs, sources, nodes) |
	nodes := devlib.served(d, lib.node_cidrs)
	some [labels, sources] in [[lib.vpc_cidrs, lib.vpc_cidrs], [lib.node_cidrs, nodes]]
]

# One verdict of the device_allows built-in per device and flow.
verdicts contains devlib.verdict(d, c) if {
	not not_applicable
	some d in lib.devices
	some c in cases(d)
}

checked contains r if some r in devlib.passes(verdicts)

deny contains r if some r in devlib.failures(verdicts)

unknown contains r if some r in devlib.undecided_findings(verdicts)
