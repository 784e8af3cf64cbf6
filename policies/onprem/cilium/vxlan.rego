# METADATA
# title: VXLAN overlay (UDP 8472) between nodes allowed
# description: |
#   With Cilium's VXLAN overlay, nodes exchange pod traffic encapsulated in UDP 8472; it must
#   pass between the node CIDRs.
# related_resources:
#   - ref: https://docs.cilium.io/en/stable/operations/system_requirements/#firewall-rules
# schemas:
#   - input: schema.snapshot
# custom:
#   id: HN-CIL-05
#   severity: high
#   remediation: Allow UDP 8472 from the node CIDRs to the node CIDRs.
#   applies_when: the intent says the CNI uses VXLAN
package hybridcheck.onprem.cilium.vxlan

import data.hybridcheck.lib
import data.hybridcheck.lib.device as devlib

not_applicable := devlib.firewall_not_applicable if {
	devlib.firewall_not_applicable
} else := sprintf("the intent's cni_overlay is %q, not vxlan", [object.get(lib.intent, "cni_overlay", "")]) if {
	object.get(lib.intent, "cni_overlay", "") != "vxlan"
}

cases(d) := [devlib.case("udp", 8472, lib.node_cidrs, lib.node_cidrs, nodes, nodes) | nodes := devlib.served(d, lib.node_cidrs)]

# One verdict of the device_allows built-in per device and flow.
verdicts contains {"device": d, "case": c, "result": hybridcheck.device_allows(d, c.flow)} if {
	not not_applicable
	some d in lib.devices
	some c in cases(d)
}

checked contains devlib.passed(v) if {
	some v in verdicts
	v.result.allowed
}

deny contains devlib.finding(v) if {
	some v in verdicts
	devlib.fails(v.result)
}

unknown contains devlib.unknown_finding(v) if {
	some v in verdicts
	devlib.undecided(v.result)
}
