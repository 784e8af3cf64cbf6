# METADATA
# title: Pod DNS (TCP and UDP 53) between pods allowed
# description: |
#   Hybrid pods resolve names through CoreDNS, itself a pod: TCP and UDP 53 between the pod
#   CIDRs must pass where the device sits between pods (Remote network 3).
# related_resources:
#   - ref: https://docs.aws.amazon.com/eks/latest/userguide/hybrid-nodes-networking.html#hybrid-nodes-networking-on-prem
# schemas:
#   - input: schema.snapshot
# custom:
#   rationale: "Pods resolve names through CoreDNS, possibly on another node; blocked DNS breaks service discovery."
#   seed: "Remote network 3"
#   id: HN-FW-03
#   severity: high
#   remediation: Allow TCP and UDP 53 from the pod CIDRs to the pod CIDRs.
#   applies_when: a device is in the snapshot
package hybridcheck.onprem.firewall.pod_dns

import data.hybridcheck.lib
import data.hybridcheck.lib.device as devlib

not_applicable := devlib.pod_only_not_applicable

cases(d) := [devlib.case(proto, 53, lib.pod_cidrs, lib.pod_cidrs, pods, pods) |
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
