package hybridcheck.onprem.egress.palette_endpoints_test

import data.hybridcheck.lib.endpoints
import data.hybridcheck.onprem.egress.palette_endpoints
import data.hybridcheck.test.device
import data.hybridcheck.test.locate

palette_domains := [e.fqdn | some e in endpoints.palette_saas_domains]

palette_fqdn := {"any": false, "not": false, "fqdns": palette_domains, "alias": "PALETTE_SAAS"}

address_alias(ips) := {"any": false, "not": false, "cidrs": [sprintf("%s/32", [a]) | some a in ips], "alias": "PALETTE_IPS"}

# Pass rules on both node VLANs (pfSense rules belong to one interface) to a destination.
rules_to(dst, description, first_index) := [{"op": "add", "at": ["devices", "edge-fw", "firewall", "chains", "filter", "rules", "-"], "value": object.union(
	device.pass(iface, "tcp", device.nodes_net, device.ports(dst, 443, 443), description),
	{"index": first_index + i},
)} |
	some i, iface in ["opt1", "opt2"]
]

palette_saas := [{"op": "add", "path": "/intent/management", "value": "palette-saas"}]

# The reference estate with management palette-saas and rules to Palette's domains and addresses.
with_palette_rules := locate.patch(device.compliant_with_device, array.concat(palette_saas, array.concat(
	rules_to(palette_fqdn, "Hybrid nodes to Palette SaaS", 200),
	rules_to(address_alias(endpoints.palette_saas_addresses), "Hybrid nodes to Palette SaaS addresses", 202),
)))

node_flow(what) := sprintf("edge-fw: tcp/443 10.200.0.0/16 -> %s", [what])

test_pass_palette_fqdn_and_address_aliases if {
	count(palette_endpoints.deny) == 0 with input as with_palette_rules
	count(palette_endpoints.unknown) == 0 with input as with_palette_rules
	resources := {c.resource | some c in palette_endpoints.checked} with input as with_palette_rules
	resources == {node_flow(n) | some n in array.concat(palette_domains, ["Palette SaaS addresses"])}
	count(resources) == 20
	some c in palette_endpoints.checked with input as with_palette_rules
	c.resource == node_flow("api1.spectrocloud.com")
	contains(c.message, "Hybrid nodes to Palette SaaS")
}

# The brokers' deprecated NATS port is a note in the passing result, never a failure.
test_pass_broker_notes_nats_4222 if {
	some c in palette_endpoints.checked with input as with_palette_rules
	c.resource == node_flow("msg2.spectrocloud.com")
	contains(c.message, "NATS TCP 4222 (deprecated since Palette 4.0.0)")
	some other in palette_endpoints.checked with input as with_palette_rules
	other.resource == node_flow("console.spectrocloud.com")
	not contains(other.message, "4222")
}

# The reference estate allows the AWS endpoints only: every Palette endpoint fails, named.
test_fail_without_palette_rules if {
	snap := locate.patch(device.compliant_with_device, palette_saas)
	count(palette_endpoints.checked) == 0 with input as snap
	denied := {d.resource | some d in palette_endpoints.deny} with input as snap
	denied == {node_flow(n) | some n in array.concat(palette_domains, ["Palette SaaS addresses"])}
	some d in palette_endpoints.deny with input as snap
	d.resource == node_flow("Palette SaaS addresses")
	contains(d.message, "54.80.29.137/32")
	contains(d.message, "the default block policy")
}

# An address alias holding three of the eight addresses: the other five fail, named; the
# three pass no part of the flow wrongly.
test_fail_address_alias_holding_some if {
	some_ips := ["44.232.106.120", "44.233.247.65", "52.35.163.177"]
	snap := locate.patch(device.compliant_with_device, array.concat(palette_saas, array.concat(
		rules_to(palette_fqdn, "Hybrid nodes to Palette SaaS", 200),
		rules_to(address_alias(some_ips), "Hybrid nodes to some Palette addresses", 202),
	)))
	count(palette_endpoints.checked) == 19 with input as snap
	{d.resource | some d in palette_endpoints.deny} == {node_flow("Palette SaaS addresses")} with input as snap
	some d in palette_endpoints.deny with input as snap
	blocked := {dst | some b in d.evidence.blocked; some dst in b.destinations}
	blocked == {sprintf("%s/32", [a]) | some a in endpoints.palette_saas_addresses; not a in some_ips}
	contains(d.message, "13.52.68.206/32")
	not contains(d.message, "44.232.106.120")
}

# A public address alias cannot be judged for a Palette domain (no published ranges).
test_unknown_public_alias_for_domains if {
	snap := locate.patch(device.compliant_with_device, array.concat(palette_saas, array.concat(
		rules_to({"any": false, "not": false, "cidrs": ["0.0.0.0/1"], "alias": "PUBLIC_HALF"}, "Hybrid nodes to half the internet", 200),
		rules_to(address_alias(endpoints.palette_saas_addresses), "Hybrid nodes to Palette SaaS addresses", 202),
	)))
	some u in palette_endpoints.unknown with input as snap
	u.resource == node_flow("console.spectrocloud.com")
	contains(u.message, "whether its destination alias PUBLIC_HALF holds console.spectrocloud.com is not known without the published address ranges of the names")
	{c.resource | some c in palette_endpoints.checked} == {node_flow("Palette SaaS addresses")} with input as snap
}

test_pass_rule_to_any if {
	snap := locate.patch(device.compliant_with_device, array.concat(palette_saas, rules_to(device.any_address, "Hybrid nodes to the internet", 200)))
	count(palette_endpoints.deny) == 0 with input as snap
	count(palette_endpoints.checked) == 20 with input as snap
}

test_not_applicable_without_palette_saas if {
	palette_endpoints.not_applicable == "the intent's management is \"none\", not palette-saas" with input as device.compliant_with_device
	snap := locate.patch(device.compliant_with_device, [{"op": "add", "path": "/intent/management", "value": "self-hosted"}])
	palette_endpoints.not_applicable == "the intent's management is \"self-hosted\", not palette-saas" with input as snap
	count(palette_endpoints.verdicts) == 0 with input as snap
}

test_not_applicable_without_device if {
	snap := locate.patch(data.hybridcheck.test.fixture.without_device, palette_saas)
	palette_endpoints.not_applicable == "no device export in the snapshot" with input as snap
}

test_pass_table_is_the_published_one if {
	count(endpoints.palette_saas_domains) == 19
	every e in endpoints.palette_saas_domains { e.port == 443 }
	{h.host | some h in endpoints.management("palette-saas")} == {n | some n in array.concat(palette_domains, endpoints.palette_saas_addresses)}
	endpoints.management("none") == []
}

# With the region's AWS ranges, an address alias covering them holds Palette's ECR registry in
# the cluster's region (us-east-1); the us-west-2 registry has no ranges in the snapshot and
# stays unknown, like the spectrocloud.com names.
test_pass_ecr_registry_of_the_region_by_its_ranges if {
	snap := locate.patch(device.compliant_with_device, array.concat(palette_saas, array.concat(
		rules_to({"any": false, "not": false, "cidrs": ["3.0.0.0/8", "52.0.0.0/8"], "alias": "AWS_PUBLIC"}, "Hybrid nodes to AWS", 200),
		[{"op": "add", "path": "/aws_ip_ranges", "value": {"source": "ip-ranges.json", "region": "us-east-1", "prefixes": [
			{"ip_prefix": "3.2.0.0/24", "region": "us-east-1", "service": "AMAZON"},
			{"ip_prefix": "52.94.0.0/22", "region": "us-east-1", "service": "AMAZON"},
		]}}],
	)))
	some c in palette_endpoints.checked with input as snap
	c.resource == node_flow("415789037893.dkr.ecr.us-east-1.amazonaws.com")
	some u in palette_endpoints.unknown with input as snap
	u.resource == node_flow("415789037893.dkr.ecr.us-west-2.amazonaws.com")
	not node_flow("415789037893.dkr.ecr.us-west-2.amazonaws.com") in {c.resource | some c in palette_endpoints.checked} with input as snap
}
