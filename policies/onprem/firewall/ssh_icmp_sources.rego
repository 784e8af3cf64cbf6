# METADATA
# title: SSH and ICMP to the nodes only from the VPC and the nodes
# description: |
#   The seed's optional rules open SSH (TCP 22) and ICMP to the hybrid nodes from the VPC
#   CIDRs (Remote network 3); nothing else - any source, the internet - may reach them. The
#   device is asked about both flows from every address (0.0.0.0/0) to the node networks it
#   serves, and every part it lets through must come from the VPC or node CIDRs.
# related_resources:
#   - ref: https://docs.aws.amazon.com/eks/latest/userguide/hybrid-nodes-networking.html#hybrid-nodes-networking-on-prem
# schemas:
#   - input: schema.snapshot
# custom:
#   rationale: "SSH and ICMP from anywhere widen the attack surface of the nodes; only the VPC and the nodes need them."
#   seed: "Remote network 3"
#   id: HN-FW-05
#   severity: info
#   remediation: Restrict the rules that pass SSH and ICMP to the node CIDRs to sources in the VPC CIDRs and node CIDRs; remove any-source rules.
#   applies_when: a device is in the snapshot
package hybridcheck.onprem.firewall.ssh_icmp_sources

import data.hybridcheck.lib
import data.hybridcheck.lib.device as devlib

not_applicable := devlib.vpc_not_applicable

everywhere := ["0.0.0.0/0"]

permitted_sources := array.concat(lib.vpc_cidrs, lib.node_cidrs)

cases(d) := [
	devlib.case("tcp", 22, everywhere, lib.node_cidrs, everywhere, devlib.served(d, lib.node_cidrs)),
	devlib.icmp_case(null, everywhere, lib.node_cidrs, everywhere, devlib.served(d, lib.node_cidrs)),
]

# One verdict of the device_allows built-in per device and flow.
verdicts contains devlib.verdict(d, c) if {
	not not_applicable
	some d in lib.devices
	some c in cases(d)
}

# The parts the device passes from sources other than the VPC and node CIDRs.
stray(v) := [{"sources": [s], "destinations": p.destinations, "by": p.by} |
	some p in v.result.passed
	some s in p.sources
	not lib.covered(s, permitted_sources)
]

checked contains {"resource": devlib.resource(v.device, v.case.description), "message": "passed only from the VPC and node CIDRs"} if {
	some v in verdicts
	count(stray(v)) == 0
}

stray_text(s) := sprintf("%s by %s", [s.sources[0], concat(", ", [devlib.ref_text(r) | some r in s.by])])

# The message names three stray sources; the evidence holds them all.
more(strays) := sprintf(" (and %d more in the evidence)", [count(strays) - 3]) if count(strays) > 3

else := ""

deny contains {
	"resource": devlib.resource(v.device, v.case.description),
	"message": sprintf("passed from sources outside the VPC and node CIDRs: %s%s", [concat("; ", [stray_text(s) | some s in array.slice(strays, 0, 3)]), more(strays)]),
	"evidence": object.union(devlib.evidence(v), {"permitted_sources": permitted_sources, "stray": strays}),
} if {
	some v in verdicts
	strays := stray(v)
	count(strays) > 0
}
