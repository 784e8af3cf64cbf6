# METADATA
# title: Pods to the cluster (TCP 443) allowed
# description: |
#   Hybrid pods (controllers, operators) reach the EKS API server in the VPC on TCP 443 (Remote
#   network 3, outbound).
# related_resources:
#   - ref: https://docs.aws.amazon.com/eks/latest/userguide/hybrid-nodes-networking.html#hybrid-nodes-networking-on-prem
# schemas:
#   - input: schema.snapshot
# custom:
#   rationale: "Pods (CoreDNS, controllers, operators) call the Kubernetes API on TCP 443; blocked, in-cluster controllers fail."
#   seed: "Remote network 3 (outbound)"
#   id: HN-FW-07
#   severity: high
#   remediation: Allow TCP 443 from the pod CIDRs to the VPC CIDRs on the interface the pod traffic enters.
#   applies_when: a device is in the snapshot
package hybridcheck.onprem.firewall.pod_to_vpc

import data.hybridcheck.lib
import data.hybridcheck.lib.device as devlib

not_applicable := devlib.pods_not_applicable

cases(d) := [devlib.case("tcp", 443, lib.pod_cidrs, lib.vpc_cidrs, devlib.served(d, lib.pod_cidrs), lib.vpc_cidrs)]

# One verdict of the device_allows built-in per device and flow.
verdicts contains devlib.verdict(d, c) if {
	not not_applicable
	some d in lib.devices
	some c in cases(d)
}

checked contains r if some r in devlib.passes(verdicts)

deny contains r if some r in devlib.failures(verdicts)

unknown contains r if some r in devlib.undecided_findings(verdicts)
