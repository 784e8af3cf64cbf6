# METADATA
# title: etcd (TCP 2379-2380) from the nodes to the VPC allowed
# description: |
#   Cilium agents on hybrid nodes reach etcd on TCP 2379 and 2380 in the VPC (Remote network 4,
#   egress); both ports are asked about.
# related_resources:
#   - ref: https://docs.cilium.io/en/stable/operations/system_requirements/#firewall-rules
# schemas:
#   - input: schema.snapshot
# custom:
#   rationale: "With Cilium's kvstore in the VPC, hybrid nodes need etcd (TCP 2379-2380) to it, or they cannot sync identities."
#   seed: "Remote network 4 (egress)"
#   id: HN-CIL-04
#   severity: medium
#   remediation: Allow TCP 2379-2380 from the node CIDRs to the VPC CIDRs.
#   applies_when: a device is in the snapshot
package hybridcheck.onprem.cilium.etcd

import data.hybridcheck.lib
import data.hybridcheck.lib.device as devlib

not_applicable := devlib.vpc_not_applicable

cases(d) := [devlib.case("tcp", port, lib.node_cidrs, lib.vpc_cidrs, devlib.served(d, lib.node_cidrs), lib.vpc_cidrs) | some port in [2379, 2380]]

# One verdict of the device_allows built-in per device and flow.
verdicts contains devlib.verdict(d, c) if {
	not not_applicable
	some d in lib.devices
	some c in cases(d)
}

checked contains r if some r in devlib.passes(verdicts)

deny contains r if some r in devlib.failures(verdicts)

unknown contains r if some r in devlib.undecided_findings(verdicts)
