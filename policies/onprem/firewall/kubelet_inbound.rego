# METADATA
# title: Cluster to kubelet (TCP 10250) allowed
# description: |
#   The EKS control plane, in the VPC, reaches every hybrid node's kubelet on TCP 10250 for
#   logs, exec and metrics (Remote network 3, inbound). The whole flow from the VPC CIDRs to the
#   node networks the device serves must pass, evaluated as the device evaluates its rules.
# related_resources:
#   - ref: https://docs.aws.amazon.com/eks/latest/userguide/hybrid-nodes-networking.html#hybrid-nodes-networking-on-prem
# schemas:
#   - input: schema.snapshot
# custom:
#   rationale: "The control plane reaches the kubelet on TCP 10250 for logs, exec and metrics; blocked, kubectl logs and exec fail and nodes look broken."
#   seed: "Remote network 3 (inbound)"
#   id: HN-FW-01
#   severity: critical
#   remediation: Allow TCP 10250 from the VPC CIDRs to the node CIDRs on the interface the VPN traffic enters (the IPsec tab on pfSense), above any rule that blocks it.
#   applies_when: a device is in the snapshot
package hybridcheck.onprem.firewall.kubelet_inbound

import data.hybridcheck.lib
import data.hybridcheck.lib.device as devlib

not_applicable := devlib.vpc_not_applicable

cases(d) := [devlib.case("tcp", 10250, lib.vpc_cidrs, lib.node_cidrs, lib.vpc_cidrs, devlib.served(d, lib.node_cidrs))]

# One verdict of the device_allows built-in per device and flow.
verdicts contains devlib.verdict(d, c) if {
	not not_applicable
	some d in lib.devices
	some c in cases(d)
}

checked contains r if some r in devlib.passes(verdicts)

deny contains r if some r in devlib.failures(verdicts)

unknown contains r if some r in devlib.undecided_findings(verdicts)
