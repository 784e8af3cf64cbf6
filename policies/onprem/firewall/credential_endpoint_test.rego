package hybridcheck.onprem.firewall.credential_endpoint_test

import data.hybridcheck.onprem.firewall.credential_endpoint
import data.hybridcheck.test.device
import data.hybridcheck.test.locate

test_pass_seed_reaches_ssm if {
	count(credential_endpoint.deny) == 0 with input as device.compliant_with_device
	{c.resource | some c in credential_endpoint.checked} == {"edge-fw: tcp/443 10.200.0.0/16 -> ssm.us-east-1.amazonaws.com"} with input as device.compliant_with_device
}

test_fail_iam_roles_anywhere_not_in_alias if {
	snap := locate.patch(device.compliant_with_device, [{"op": "replace", "path": "/intent/credential_provider", "value": "iam-roles-anywhere"}])
	{d.resource | some d in credential_endpoint.deny} == {
		"edge-fw: tcp/443 10.200.0.0/16 -> rolesanywhere.us-east-1.amazonaws.com",
		"edge-fw: tcp/443 192.168.0.0/16 -> sts.us-east-1.amazonaws.com",
	} with input as snap
}

test_fail_fqdn_rules_disabled if {
	snap := locate.patch(device.compliant_with_device, [
		{"op": "replace", "at": ["devices", "edge-fw", "firewall", "chains", "filter", "rules", {"description": "Hybrid nodes to AWS services", "interfaces": ["opt1"]}, "disabled"], "value": true},
		{"op": "replace", "at": ["devices", "edge-fw", "firewall", "chains", "filter", "rules", {"description": "Hybrid nodes to AWS services", "interfaces": ["opt2"]}, "disabled"], "value": true},
	])
	count(credential_endpoint.deny) == 1 with input as snap
}

test_not_applicable_without_device if {
	credential_endpoint.not_applicable == "no device export in the snapshot" with input as data.hybridcheck.test.fixture.without_device
}

# An address alias holding only the VPC does not hold the SSM endpoint (was a false pass).
test_fail_private_address_alias_is_not_ssm if {
	to_vpc := device.ports({"any": false, "not": false, "cidrs": ["10.100.0.0/16"], "alias": "AWS_NETS"}, 443, 443)
	snap := locate.patch(device.compliant_with_device, [
		{"op": "replace", "at": ["devices", "edge-fw", "firewall", "chains", "filter", "rules", {"description": "Hybrid nodes to AWS services", "interfaces": ["opt1"]}, "destination"], "value": to_vpc},
		{"op": "replace", "at": ["devices", "edge-fw", "firewall", "chains", "filter", "rules", {"description": "Hybrid nodes to AWS services", "interfaces": ["opt2"]}, "destination"], "value": to_vpc},
	])
	{d.resource | some d in credential_endpoint.deny} == {"edge-fw: tcp/443 10.200.0.0/16 -> ssm.us-east-1.amazonaws.com"} with input as snap
	count(credential_endpoint.checked) == 0 with input as snap
}

# ! RFC1918 reaches it (was a false failure).
test_pass_not_rfc1918_reaches_ssm if {
	not_private := device.ports({"any": false, "not": true, "cidrs": ["10.0.0.0/8", "172.16.0.0/12", "192.168.0.0/16"], "alias": "RFC1918"}, 443, 443)
	snap := locate.patch(device.compliant_with_device, [
		{"op": "replace", "at": ["devices", "edge-fw", "firewall", "chains", "filter", "rules", {"description": "Hybrid nodes to AWS services", "interfaces": ["opt1"]}, "destination"], "value": not_private},
		{"op": "replace", "at": ["devices", "edge-fw", "firewall", "chains", "filter", "rules", {"description": "Hybrid nodes to AWS services", "interfaces": ["opt2"]}, "destination"], "value": not_private},
	])
	count(credential_endpoint.deny) == 0 with input as snap
	{c.resource | some c in credential_endpoint.checked} == {"edge-fw: tcp/443 10.200.0.0/16 -> ssm.us-east-1.amazonaws.com"} with input as snap
}
