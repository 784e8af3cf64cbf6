# METADATA
# title: Nodes to the cluster (TCP 443) allowed
# description: |
#   Hybrid nodes reach the EKS API server endpoints in the VPC on TCP 443 (Remote network 3,
#   outbound); without it the kubelet cannot register.
# related_resources:
#   - ref: https://docs.aws.amazon.com/eks/latest/userguide/hybrid-nodes-networking.html#hybrid-nodes-networking-on-prem
# schemas:
#   - input: schema.snapshot
# custom:
#   rationale: "Nodes register with and talk to the Kubernetes API on TCP 443 through the cluster's ENIs in the VPC; blocked, nodes never join."
#   seed: "Remote network 3 (outbound)"
#   id: HN-FW-06
#   severity: critical
#   remediation: Allow TCP 443 from the node CIDRs to the VPC CIDRs on the node interfaces.
#   applies_when: a device is in the snapshot
package hybridcheck.onprem.firewall.node_to_vpc

import data.hybridcheck.lib
import data.hybridcheck.lib.device as devlib

not_applicable := devlib.vpc_not_applicable

cases(d) := [devlib.case("tcp", 443, lib.node_cidrs, lib.vpc_cidrs, devlib.served(d, lib.node_cidrs), lib.vpc_cidrs)]

# One verdict of the device_allows built-in per device and flow.
verdicts contains devlib.verdict(d, c) if {
	not not_applicable
	some d in lib.devices
	some c in cases(d)
}

checked contains r if some r in devlib.passes(verdicts)

deny contains r if some r in devlib.failures(verdicts)

unknown contains r if some r in devlib.undecided_findings(verdicts)
