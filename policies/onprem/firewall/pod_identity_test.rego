package hybridcheck.onprem.firewall.pod_identity_test

import data.hybridcheck.onprem.firewall.pod_identity
import data.hybridcheck.test.device
import data.hybridcheck.test.locate

test_pass_seed_reaches_eks if {
	count(pod_identity.deny) == 0 with input as device.compliant_with_device
	count(pod_identity.checked) == 1 with input as device.compliant_with_device
}

test_fail_name_not_in_alias if {
	snap := locate.patch(device.compliant_with_device, [{"op": "replace", "at": ["devices", "edge-fw", "firewall", "chains", "filter", "rules", {"description": "Hybrid nodes to AWS services", "interfaces": ["opt1"]}, "destination", "fqdns"], "value": ["ssm.us-east-1.amazonaws.com"]}])
	some d in pod_identity.deny with input as snap
	[b.sources | some b in d.evidence.blocked] == [["10.200.0.0/24"]]
}

test_not_applicable_without_device if {
	pod_identity.not_applicable == "no device export in the snapshot" with input as data.hybridcheck.test.fixture.without_device
}
