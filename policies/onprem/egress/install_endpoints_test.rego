package hybridcheck.onprem.egress.install_endpoints_test

import data.hybridcheck.lib.endpoints
import data.hybridcheck.onprem.egress.install_endpoints
import data.hybridcheck.test.device
import data.hybridcheck.test.locate

test_pass_seed_reaches_every_endpoint if {
	count(install_endpoints.deny) == 0 with input as device.compliant_with_device
	count(install_endpoints.checked) == 6 with input as device.compliant_with_device
}

test_fail_registry_missing if {
	snap := locate.patch(device.compliant_with_device, [
		{"op": "remove", "at": ["devices", "edge-fw", "firewall", "chains", "filter", "rules", {"description": "Hybrid nodes to AWS services", "interfaces": ["opt1"]}, "destination", "fqdns", "602401143452.dkr.ecr.us-east-1.amazonaws.com"]},
		{"op": "remove", "at": ["devices", "edge-fw", "firewall", "chains", "filter", "rules", {"description": "Hybrid nodes to AWS services", "interfaces": ["opt2"]}, "destination", "fqdns", "602401143452.dkr.ecr.us-east-1.amazonaws.com"]},
	])
	{d.resource | some d in install_endpoints.deny} == {"edge-fw: tcp/443 10.200.0.0/16 -> 602401143452.dkr.ecr.us-east-1.amazonaws.com"} with input as snap
}

test_pass_rule_to_any if {
	to_any := device.ports(device.any_address, 443, 443)
	snap := locate.patch(device.compliant_with_device, [
		{"op": "replace", "path": "/intent/region", "value": "eu-south-1"},
		{"op": "replace", "at": ["devices", "edge-fw", "firewall", "chains", "filter", "rules", {"description": "Hybrid nodes to AWS services", "interfaces": ["opt1"]}, "destination"], "value": to_any},
		{"op": "replace", "at": ["devices", "edge-fw", "firewall", "chains", "filter", "rules", {"description": "Hybrid nodes to AWS services", "interfaces": ["opt2"]}, "destination"], "value": to_any},
	])
	count(install_endpoints.deny) == 0 with input as snap
	some c in install_endpoints.checked with input as snap
	c.resource == "edge-fw: tcp/443 10.200.0.0/16 -> 590381155156.dkr.ecr.eu-south-1.amazonaws.com"
}

test_not_applicable_without_device if {
	install_endpoints.not_applicable == "no device export in the snapshot" with input as data.hybridcheck.test.fixture.without_device
}

test_pass_endpoint_table_is_the_seeds if {
	endpoints.required("us-east-1", "ssm") == device.aws_endpoints
	endpoints.required("us-east-1", "iam-roles-anywhere") == [
		"hybrid-assets.eks.amazonaws.com",
		"eks.us-east-1.amazonaws.com",
		"api.ecr.us-east-1.amazonaws.com",
		"602401143452.dkr.ecr.us-east-1.amazonaws.com",
		"rolesanywhere.amazonaws.com",
		"rolesanywhere.us-east-1.amazonaws.com",
	]
	"918309763551.dkr.ecr.cn-north-1.amazonaws.com.cn" in endpoints.required("cn-north-1", "ssm")
}

test_fail_region_without_registry if {
	snap := locate.patch(device.compliant_with_device, [
		{"op": "replace", "path": "/intent/region", "value": "xx-nowhere-1"},
		{"op": "replace", "at": ["devices", "edge-fw", "firewall", "chains", "filter", "rules", {"description": "Hybrid nodes to AWS services", "interfaces": ["opt1"]}, "destination"], "value": device.ports(device.any_address, 443, 443)},
		{"op": "replace", "at": ["devices", "edge-fw", "firewall", "chains", "filter", "rules", {"description": "Hybrid nodes to AWS services", "interfaces": ["opt2"]}, "destination"], "value": device.ports(device.any_address, 443, 443)},
	])
	{d.resource | some d in install_endpoints.deny} == {"edge-fw: EKS ECR registry of xx-nowhere-1"} with input as snap
	count(install_endpoints.checked) == 5 with input as snap
}

# The endpoint rules (10 on opt1, 17 on opt2) pointed at another destination.
to_destination(dst) := [
	{"op": "replace", "at": ["devices", "edge-fw", "firewall", "chains", "filter", "rules", {"description": "Hybrid nodes to AWS services", "interfaces": ["opt1"]}, "destination"], "value": device.ports(dst, 443, 443)},
	{"op": "replace", "at": ["devices", "edge-fw", "firewall", "chains", "filter", "rules", {"description": "Hybrid nodes to AWS services", "interfaces": ["opt2"]}, "destination"], "value": device.ports(dst, 443, 443)},
]

rfc1918 := ["10.0.0.0/8", "172.16.0.0/12", "192.168.0.0/16"]

# An address alias holding only the VPC does not hold the public endpoints (was a false pass).
test_fail_private_address_alias if {
	snap := locate.patch(device.compliant_with_device, to_destination({"any": false, "not": false, "cidrs": ["10.100.0.0/16"], "alias": "AWS_NETS"}))
	count(install_endpoints.deny) == 6 with input as snap
	count(install_endpoints.checked) == 0 with input as snap
}

# A pass to ! RFC1918 reaches every public endpoint (was a false failure).
test_pass_not_rfc1918 if {
	snap := locate.patch(device.compliant_with_device, to_destination({"any": false, "not": true, "cidrs": rfc1918, "alias": "RFC1918"}))
	count(install_endpoints.deny) == 0 with input as snap
	some c in install_endpoints.checked with input as snap
	c.resource == "edge-fw: tcp/443 10.200.0.0/16 -> ssm.us-east-1.amazonaws.com"
	count(install_endpoints.checked) == 6 with input as snap
}

# A block rule to an RFC1918 alias above the pass does not block public endpoints (was a
# false failure).
test_pass_block_to_rfc1918_alias if {
	block := object.union(device.pass("opt1", "tcp", device.nodes_net, {"any": false, "not": false, "cidrs": rfc1918, "alias": "RFC1918"}, "No private destinations"), {"action": "block", "index": 98, "interfaces": ["opt1", "opt2"]})
	snap := locate.patch(device.compliant_with_device, [{"op": "add", "at": ["devices", "edge-fw", "firewall", "chains", "filter", "rules", "IKE Phase 1 for IPsec VPN"], "value": block}])
	count(install_endpoints.deny) == 0 with input as snap
	count(install_endpoints.checked) == 6 with input as snap
}

public_alias(cidrs) := {"any": false, "not": false, "cidrs": cidrs, "alias": "AWS_PUBLIC"}

# An address alias of public addresses cannot be judged without AWS's published ranges.
test_unknown_public_alias_without_ranges if {
	snap := locate.patch(device.compliant_with_device, to_destination(public_alias(["3.0.0.0/8", "18.0.0.0/8", "52.0.0.0/8"])))
	count(install_endpoints.deny) == 0 with input as snap
	some u in install_endpoints.unknown with input as snap
	u.resource == "edge-fw: tcp/443 10.200.0.0/16 -> ssm.us-east-1.amazonaws.com"
	contains(u.message, "whether its destination alias AWS_PUBLIC holds ssm.us-east-1.amazonaws.com is not known without the published address ranges of the names")
}

# The ranges as collect --aws-ip-ranges keeps them (testdata/aws-ip-ranges, us-east-1).
ip_ranges := {"source": "ip-ranges.json", "region": "us-east-1", "prefixes": [
	{"ip_prefix": "18.64.0.0/14", "region": "GLOBAL", "service": "AMAZON"},
	{"ip_prefix": "3.2.0.0/24", "region": "us-east-1", "service": "AMAZON"},
	{"ip_prefix": "52.216.0.0/15", "region": "us-east-1", "service": "AMAZON"},
	{"ip_prefix": "52.94.0.0/22", "region": "us-east-1", "service": "AMAZON"},
	{"ip_prefix": "18.64.0.0/14", "region": "GLOBAL", "service": "CLOUDFRONT"},
	{"ip_prefix": "52.216.0.0/15", "region": "us-east-1", "service": "S3"},
]}

test_pass_public_alias_covering_the_ranges if {
	snap := locate.patch(device.compliant_with_device, array.concat(
		to_destination(public_alias(["3.0.0.0/8", "18.0.0.0/8", "52.0.0.0/8"])),
		[{"op": "add", "path": "/aws_ip_ranges", "value": ip_ranges}],
	))
	count(install_endpoints.deny) == 0 with input as snap
	count(install_endpoints.unknown) == 0 with input as snap
	count(install_endpoints.checked) == 6 with input as snap
}

# Covering the S3 range only: the installer bucket passes, the AMAZON endpoints do not.
test_fail_public_alias_covering_part_of_the_ranges if {
	snap := locate.patch(device.compliant_with_device, array.concat(
		to_destination(public_alias(["52.216.0.0/15"])),
		[{"op": "add", "path": "/aws_ip_ranges", "value": ip_ranges}],
	))
	{c.resource | some c in install_endpoints.checked} == {"edge-fw: tcp/443 10.200.0.0/16 -> amazon-ssm-us-east-1.s3.us-east-1.amazonaws.com"} with input as snap
	some d in install_endpoints.deny with input as snap
	d.resource == "edge-fw: tcp/443 10.200.0.0/16 -> eks.us-east-1.amazonaws.com"
}
