# METADATA
# title: Nodes reach the credential endpoint (TCP 443)
# description: |
#   Hybrid nodes get their AWS credentials from SSM (ssm.REGION.amazonaws.com) or IAM Roles
#   Anywhere (rolesanywhere.REGION.amazonaws.com); with IAM Roles Anywhere the pods also reach
#   STS (sts.REGION.amazonaws.com) - Remote network 3, outbound. A rule to any destination, to
#   an FQDN alias holding the name, to a negated private set (! RFC1918), or to an address set
#   covering the endpoint's published AWS ranges counts; a set of public addresses without
#   those ranges (collect --aws-ip-ranges) is unknown.
# related_resources:
#   - ref: https://docs.aws.amazon.com/eks/latest/userguide/hybrid-nodes-creds.html
# schemas:
#   - input: schema.snapshot
# custom:
#   rationale: "Nodes get their AWS credentials from SSM or IAM Roles Anywhere over HTTPS; without them nodeadm cannot join the node."
#   seed: "Remote network 3 (outbound)"
#   id: HN-FW-08
#   severity: critical
#   remediation: Allow TCP 443 from the node CIDRs to the credential endpoint of the region (and, with IAM Roles Anywhere, from the pod CIDRs to STS).
#   applies_when: a device is in the snapshot
package hybridcheck.onprem.firewall.credential_endpoint

import data.hybridcheck.lib
import data.hybridcheck.lib.device as devlib
import data.hybridcheck.lib.endpoints

not_applicable := devlib.firewall_not_applicable if {
	devlib.firewall_not_applicable
} else := "the region is unknown (intent or snapshot)" if {
	lib.region == ""
} else := sprintf("credential provider %q is not ssm or iam-roles-anywhere", [lib.credential_provider]) if {
	not lib.credential_provider in {"ssm", "iam-roles-anywhere"}
}

cases(d) := array.concat(
	[devlib.name_case("tcp", 443, lib.node_cidrs, devlib.served(d, lib.node_cidrs), [name]) |
		some name in endpoints.credential(lib.credential_provider, lib.region).nodes
	],
	[devlib.name_case("tcp", 443, lib.pod_cidrs, devlib.served(d, lib.pod_cidrs), [name]) |
		count(lib.pod_cidrs) > 0
		some name in endpoints.credential(lib.credential_provider, lib.region).pods
	],
)

# One verdict of the device_allows built-in per device and flow.
verdicts contains devlib.verdict(d, c) if {
	not not_applicable
	some d in lib.devices
	some c in cases(d)
}

checked contains r if some r in devlib.passes(verdicts)

deny contains r if some r in devlib.failures(verdicts)

unknown contains r if some r in devlib.undecided_findings(verdicts)
