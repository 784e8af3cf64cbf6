# METADATA
# title: Nodes reach the installation endpoints (TCP 443)
# description: |
#   nodeadm installs and upgrades hybrid nodes from AWS endpoints (Remote network 2): for every
#   credential model hybrid-assets.eks.amazonaws.com, eks.REGION, api.ecr.REGION and the
#   region's EKS ECR registry (602401143452.dkr.ecr.us-east-1 in us-east-1); for SSM also
#   amazon-ssm-REGION.s3.REGION and ssm.REGION; for IAM Roles Anywhere rolesanywhere and
#   rolesanywhere.REGION. Each must be reachable from the node CIDRs on TCP 443; a rule to any
#   destination, to an FQDN alias holding the name, to a negated private set (! RFC1918), or to
#   an address set that covers the endpoint's published AWS ranges (collect --aws-ip-ranges)
#   counts; an address set of public addresses without those ranges is unknown. The table
#   lives in lib/endpoints.rego; a region missing from its registry list is reported as a
#   failure rather than passed unchecked.
# related_resources:
#   - ref: https://docs.aws.amazon.com/eks/latest/userguide/hybrid-nodes-networking.html#hybrid-nodes-networking-on-prem
#   - ref: https://docs.aws.amazon.com/eks/latest/userguide/add-ons-images.html
# schemas:
#   - input: schema.snapshot
# custom:
#   rationale: "Hybrid nodes download the node agent, images and credentials from AWS endpoints over HTTPS during installation and at run time."
#   seed: "Remote network 2"
#   id: HN-EGR-01
#   severity: high
#   remediation: Allow TCP 443 from the node CIDRs to the listed endpoints (an FQDN alias, or any destination through the outbound NAT).
#   applies_when: a device is in the snapshot
package hybridcheck.onprem.egress.install_endpoints

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

cases(d) := [devlib.name_case("tcp", 443, lib.node_cidrs, devlib.served(d, lib.node_cidrs), [name]) |
	some name in endpoints.required(lib.region, lib.credential_provider)
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

# A region the registry table does not know: the registry endpoint cannot be asked about, and
# saying so beats passing it unchecked.
deny contains {
	"resource": devlib.resource(d, sprintf("EKS ECR registry of %s", [lib.region])),
	"message": sprintf("the EKS ECR registry of region %s is not in hybridcheck's endpoint table (lib/endpoints.rego), so its reachability was not checked", [lib.region]),
	"evidence": {"region": lib.region, "known_regions": sort(object.keys(endpoints.eks_ecr_registry))},
} if {
	not not_applicable
	not endpoints.eks_ecr_registry[lib.region]
	some d in lib.devices
}
