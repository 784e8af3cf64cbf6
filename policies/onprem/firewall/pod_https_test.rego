package hybridcheck.onprem.firewall.pod_https_test

import data.hybridcheck.onprem.firewall.pod_https
import data.hybridcheck.test.device
import data.hybridcheck.test.locate

test_pass_seed_allows_pod_https if {
	count(pod_https.deny) == 0 with input as device.compliant_with_device
	count(pod_https.checked) == 2 with input as device.compliant_with_device
}

test_fail_rule_disabled if {
	snap := locate.patch(device.compliant_with_device, [{"op": "replace", "at": ["devices", "edge-fw", "firewall", "chains", "filter", "rules", "Hybrid pod to hybrid pod application port", "disabled"], "value": true}])
	count(pod_https.deny) == 2 with input as snap
}

test_not_applicable_without_device if {
	pod_https.not_applicable == "no device export in the snapshot" with input as data.hybridcheck.test.fixture.without_device
}
