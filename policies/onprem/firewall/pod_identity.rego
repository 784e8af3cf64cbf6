# METADATA
# title: Nodes reach EKS Pod Identity (TCP 443)
# description: |
#   The EKS Pod Identity agent on each hybrid node calls eks.REGION.amazonaws.com on TCP 443
#   (Remote network 3, outbound). A rule to any destination, to an FQDN alias holding the
#   name, to a negated private set (! RFC1918), or to an address set covering the endpoint's
#   published AWS ranges counts; a set of public addresses without those ranges (collect
#   --aws-ip-ranges) is unknown.
# related_resources:
#   - ref: https://docs.aws.amazon.com/eks/latest/userguide/pod-identities.html
# schemas:
#   - input: schema.snapshot
# custom:
#   rationale: "EKS Pod Identity gives pods AWS credentials through the regional auth endpoint; blocked, pods using it get no credentials."
#   seed: "Remote network 3 (outbound)"
#   id: HN-FW-09
#   severity: medium
#   remediation: Allow TCP 443 from the node CIDRs to eks.REGION.amazonaws.com.
#   applies_when: a device is in the snapshot
package hybridcheck.onprem.firewall.pod_identity

import data.hybridcheck.lib
import data.hybridcheck.lib.device as devlib
import data.hybridcheck.lib.endpoints

not_applicable := devlib.firewall_not_applicable if {
	devlib.firewall_not_applicable
} else := "the region is unknown (intent or snapshot)" if {
	lib.region == ""
}

cases(d) := [devlib.name_case("tcp", 443, lib.node_cidrs, devlib.served(d, lib.node_cidrs), [endpoints.pod_identity(lib.region)])]

# One verdict of the device_allows built-in per device and flow.
verdicts contains devlib.verdict(d, c) if {
	not not_applicable
	some d in lib.devices
	some c in cases(d)
}

checked contains r if some r in devlib.passes(verdicts)

deny contains r if some r in devlib.failures(verdicts)

unknown contains r if some r in devlib.undecided_findings(verdicts)
