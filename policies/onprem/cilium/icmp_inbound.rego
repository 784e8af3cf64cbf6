# METADATA
# title: cilium-health pings (ICMP echo) to the nodes allowed
# description: |
#   Cilium pings nodes with ICMP echo request and reply (types 8 and 0), from the VPC to the
#   hybrid nodes and between hybrid nodes (Remote network 4, ingress).
# related_resources:
#   - ref: https://docs.cilium.io/en/stable/operations/system_requirements/#firewall-rules
# schemas:
#   - input: schema.snapshot
# custom:
#   rationale: "Cilium's health checks ping the nodes; blocked ICMP echo makes them report nodes unreachable."
#   seed: "Remote network 4 (ingress)"
#   id: HN-CIL-02
#   severity: medium
#   remediation: Allow ICMP types 8 and 0 from the VPC CIDRs and from the node CIDRs to the node CIDRs.
#   applies_when: a device is in the snapshot
package hybridcheck.onprem.cilium.icmp_inbound

import data.hybridcheck.lib
import data.hybridcheck.lib.device as devlib

not_applicable := devlib.vpc_not_applicable

cases(d) := [devlib.icmp_case(icmp_type, labels, lib.node_cidrs, sources, nodes) |
	nodes := devlib.served(d, lib.node_cidrs)
	some [labels, sources] in [[lib.vpc_cidrs, lib.vpc_cidrs], [lib.node_cidrs, nodes]]
	some icmp_type in [8, 0]
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
