# METADATA
# title: Cluster to pod webhooks (TCP 443) allowed
# description: |
#   The EKS control plane calls admission webhooks and aggregated APIs that run in hybrid pods
#   on TCP 443 (Remote network 3, inbound): the flow from the VPC CIDRs to the pod CIDRs must
#   pass the device.
# related_resources:
#   - ref: https://docs.aws.amazon.com/eks/latest/userguide/hybrid-nodes-networking.html#hybrid-nodes-networking-on-prem
# schemas:
#   - input: schema.snapshot
# custom:
#   rationale: "The control plane calls admission webhooks running in pods on TCP 443; blocked, every API request the webhook guards fails."
#   seed: "Remote network 3 (inbound)"
#   id: HN-FW-02
#   severity: high
#   remediation: Allow TCP 443 from the VPC CIDRs to the pod CIDRs on the interface the VPN traffic enters.
#   applies_when: a device is in the snapshot
package hybridcheck.onprem.firewall.webhook_inbound

import data.hybridcheck.lib
import data.hybridcheck.lib.device as devlib

not_applicable := devlib.pods_not_applicable

cases(d) := [devlib.case("tcp", 443, lib.vpc_cidrs, lib.pod_cidrs, lib.vpc_cidrs, devlib.served(d, lib.pod_cidrs))]

# One verdict of the device_allows built-in per device and flow.
verdicts contains devlib.verdict(d, c) if {
	not not_applicable
	some d in lib.devices
	some c in cases(d)
}

checked contains r if some r in devlib.passes(verdicts)

deny contains r if some r in devlib.failures(verdicts)

unknown contains r if some r in devlib.undecided_findings(verdicts)
