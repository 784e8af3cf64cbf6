# METADATA
# title: Nodes reach the Palette SaaS endpoints (TCP 443)
# description: |
#   With management: palette-saas, Spectro Cloud Palette manages the cluster from its SaaS
#   (Remote network 5): the node CIDRs must reach every Palette domain on its port (api1-3,
#   msg1-3, message1-3, console, proxy.console, registry, registry1-3, saas-repo.console, the
#   edge golden image bucket and Palette's ECR registries in us-east-1 and us-west-2, all TCP
#   443) and every published Palette SaaS IP address on TCP 443, through the device's firewall
#   and internet NAT. Judged as HN-EGR-01 judges the AWS endpoints: a rule to any destination,
#   to an FQDN alias holding the name, to a negated private set (! RFC1918), or to an address
#   set that covers the name's published ranges (only Palette's ECR host in the cluster's region
#   has AWS ranges; for the other names an address set of public addresses is unknown). The
#   addresses are asked about themselves: an address alias holding only some of them fails for
#   the rest. NATS TCP 4222 is deprecated since Palette 4.0.0 and only noted. The table lives
#   in lib/endpoints.rego.
# related_resources:
#   - ref: https://docs.spectrocloud.com/architecture/networking-ports/
#   - ref: https://docs.aws.amazon.com/eks/latest/userguide/hybrid-nodes-prepare-on-prem.html
# schemas:
#   - input: schema.snapshot
# custom:
#   rationale: "Palette deploys, upgrades and monitors the cluster through agents on the nodes that call its SaaS domains and addresses over HTTPS; a site that reaches AWS but not Palette installs and then cannot be managed."
#   seed: "Remote network 5"
#   id: HN-EGR-02
#   severity: high
#   remediation: Allow TCP 443 from the node CIDRs to the Palette endpoints the finding names (an FQDN alias of the domains and an address alias of Palette's published addresses, or any destination through the outbound NAT).
#   applies_when: the intent says management palette-saas and a device is in the snapshot
package hybridcheck.onprem.egress.palette_endpoints

import data.hybridcheck.lib
import data.hybridcheck.lib.device as devlib
import data.hybridcheck.lib.endpoints

not_applicable := sprintf("the intent's management is %q, not palette-saas", [lib.management]) if {
	lib.management != "palette-saas"
} else := devlib.firewall_not_applicable if {
	devlib.firewall_not_applicable
}

# Only the Palette ECR host of the cluster's region has its AWS ranges in the snapshot
# (collect --aws-ip-ranges keeps the region's); the other names have none published.
ranges(name) := {name: r |
	contains(name, sprintf(".dkr.ecr.%s.", [lib.region]))
	r := devlib.published_ranges(name)
	count(r) > 0
}

domain_cases(d) := [devlib.name_case_with_ranges("tcp", e.port, lib.node_cidrs, devlib.served(d, lib.node_cidrs), [e.fqdn], ranges(e.fqdn)) |
	some e in endpoints.palette_saas_domains
]

# The published addresses are asked about as themselves, all in one flow, so that a rule to an
# alias holding some of them leaves the rest blocked and named.
address_case(d) := devlib.case(
	"tcp", endpoints.palette_saas_address_port, lib.node_cidrs, ["Palette SaaS addresses"],
	devlib.served(d, lib.node_cidrs), [sprintf("%s/32", [a]) | some a in endpoints.palette_saas_addresses],
)

verdicts contains devlib.verdict(d, c) if {
	not not_applicable
	some d in lib.devices
	some c in array.concat(domain_cases(d), [address_case(d)])
}

checked contains noted(devlib.passed(v), v) if {
	some v in verdicts
	v.result.allowed
}

deny contains r if some r in devlib.failures(verdicts)

unknown contains r if some r in devlib.undecided_findings(verdicts)

# A passing broker says that its deprecated NATS port was not asked about.
noted(entry, v) := object.union(entry, {"message": sprintf("%s; %s", [entry.message, note])}) if {
	some name in object.get(v.case.flow, "destination_names", [])
	note := endpoints.nats_note(name)
} else := entry
