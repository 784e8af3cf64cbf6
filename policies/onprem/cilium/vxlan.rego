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
#   rationale: "In VXLAN overlay mode pod traffic between nodes is encapsulated in UDP 8472; blocking it breaks pod-to-pod traffic across nodes."
#   seed: "Remote network 4; Cilium docs"
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
verdicts contains devlib.verdict(d, c) if {
	not not_applicable
	some d in lib.devices
	some c in cases(d)
}

checked contains r if some r in devlib.passes(verdicts)

deny contains r if some r in devlib.failures(verdicts)

unknown contains r if some r in devlib.undecided_findings(verdicts)
