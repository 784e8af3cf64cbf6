# METADATA
# title: Pod to pod TCP and UDP 443 allowed
# description: |
#   The seed opens TCP and UDP 443 between hybrid pods for application traffic (Remote network
#   3); both must pass the device.
# related_resources:
#   - ref: https://docs.aws.amazon.com/eks/latest/userguide/hybrid-nodes-networking.html#hybrid-nodes-networking-on-prem
# schemas:
#   - input: schema.snapshot
# custom:
#   rationale: "Pods talk to each other and to services on 443 across nodes; blocked, workloads split by node fail."
#   seed: "Remote network 3"
#   id: HN-FW-04
#   severity: medium
#   remediation: Allow TCP and UDP 443 from the pod CIDRs to the pod CIDRs.
#   applies_when: a device is in the snapshot
package hybridcheck.onprem.firewall.pod_https

import data.hybridcheck.lib
import data.hybridcheck.lib.device as devlib

not_applicable := devlib.pod_only_not_applicable

cases(d) := [devlib.case(proto, 443, lib.pod_cidrs, lib.pod_cidrs, pods, pods) |
	pods := devlib.served(d, lib.pod_cidrs)
	some proto in ["tcp", "udp"]
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
