package hybridcheck.onprem.egress.install_endpoints_test

import data.hybridcheck.lib.endpoints
import data.hybridcheck.onprem.egress.install_endpoints
import data.hybridcheck.test.device

test_pass_seed_reaches_every_endpoint if {
	count(install_endpoints.deny) == 0 with input as device.compliant_with_device
	count(install_endpoints.checked) == 6 with input as device.compliant_with_device
}

test_fail_registry_missing if {
	snap := json.patch(device.compliant_with_device, [
		{"op": "remove", "path": "/devices/0/firewall/chains/0/rules/10/destination/fqdns/3"},
		{"op": "remove", "path": "/devices/0/firewall/chains/0/rules/17/destination/fqdns/3"},
	])
	{d.resource | some d in install_endpoints.deny} == {"edge-fw: tcp/443 10.200.0.0/16 -> 602401143452.dkr.ecr.us-east-1.amazonaws.com"} with input as snap
}

test_pass_rule_to_any if {
	to_any := device.ports(device.any_address, 443, 443)
	snap := json.patch(device.compliant_with_device, [
		{"op": "replace", "path": "/intent/region", "value": "eu-south-1"},
		{"op": "replace", "path": "/devices/0/firewall/chains/0/rules/10/destination", "value": to_any},
		{"op": "replace", "path": "/devices/0/firewall/chains/0/rules/17/destination", "value": to_any},
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
	snap := json.patch(device.compliant_with_device, [
		{"op": "replace", "path": "/intent/region", "value": "xx-nowhere-1"},
		{"op": "replace", "path": "/devices/0/firewall/chains/0/rules/10/destination", "value": device.ports(device.any_address, 443, 443)},
		{"op": "replace", "path": "/devices/0/firewall/chains/0/rules/17/destination", "value": device.ports(device.any_address, 443, 443)},
	])
	{d.resource | some d in install_endpoints.deny} == {"edge-fw: EKS ECR registry of xx-nowhere-1"} with input as snap
	count(install_endpoints.checked) == 5 with input as snap
}
