package hybridcheck.onprem.firewall.credential_endpoint_test

import data.hybridcheck.onprem.firewall.credential_endpoint
import data.hybridcheck.test.device

test_pass_seed_reaches_ssm if {
	count(credential_endpoint.deny) == 0 with input as device.compliant_with_device
	{c.resource | some c in credential_endpoint.checked} == {"edge-fw: tcp/443 10.200.0.0/16 -> ssm.us-east-1.amazonaws.com"} with input as device.compliant_with_device
}

test_fail_iam_roles_anywhere_not_in_alias if {
	snap := json.patch(device.compliant_with_device, [{"op": "replace", "path": "/intent/credential_provider", "value": "iam-roles-anywhere"}])
	{d.resource | some d in credential_endpoint.deny} == {
		"edge-fw: tcp/443 10.200.0.0/16 -> rolesanywhere.us-east-1.amazonaws.com",
		"edge-fw: tcp/443 192.168.0.0/16 -> sts.us-east-1.amazonaws.com",
	} with input as snap
}

test_fail_fqdn_rules_disabled if {
	snap := json.patch(device.compliant_with_device, [
		{"op": "replace", "path": "/devices/0/firewall/chains/0/rules/10/disabled", "value": true},
		{"op": "replace", "path": "/devices/0/firewall/chains/0/rules/17/disabled", "value": true},
	])
	count(credential_endpoint.deny) == 1 with input as snap
}

test_not_applicable_without_device if {
	credential_endpoint.not_applicable == "no device export in the snapshot" with input as data.hybridcheck.test.fixture.without_device
}
