package hybridcheck.onprem.firewall.pod_identity_test

import data.hybridcheck.onprem.firewall.pod_identity
import data.hybridcheck.test.device

test_pass_seed_reaches_eks if {
	count(pod_identity.deny) == 0 with input as device.compliant_with_device
	count(pod_identity.checked) == 1 with input as device.compliant_with_device
}

test_fail_name_not_in_alias if {
	snap := json.patch(device.compliant_with_device, [{"op": "replace", "path": "/devices/0/firewall/chains/0/rules/10/destination/fqdns", "value": ["ssm.us-east-1.amazonaws.com"]}])
	some d in pod_identity.deny with input as snap
	[b.sources | some b in d.evidence.blocked] == [["10.200.0.0/24"]]
}

test_not_applicable_without_device if {
	pod_identity.not_applicable == "no device export in the snapshot" with input as data.hybridcheck.test.fixture.without_device
}
