package hybridcheck.onprem.firewall.pod_to_vpc_test

import data.hybridcheck.onprem.firewall.pod_to_vpc
import data.hybridcheck.test.device
import data.hybridcheck.test.locate

test_pass_seed_allows_pods_to_api if {
	count(pod_to_vpc.deny) == 0 with input as device.compliant_with_device
	pod_to_vpc.checked == {{"resource": "edge-fw: tcp/443 192.168.0.0/16 -> 10.100.0.0/16", "message": "allowed by filter rule 23 (Hybrid pods to Amazon EKS cluster) at edge-fw-config.xml filter/rule[23]"}} with input as device.compliant_with_device
	count(pod_to_vpc.unknown) == 0 with input as device.compliant_with_device
}

test_fail_rule_disabled if {
	snap := locate.patch(device.compliant_with_device, [{"op": "replace", "at": ["devices", "edge-fw", "firewall", "chains", "filter", "rules", "Hybrid pods to Amazon EKS cluster", "disabled"], "value": true}])
	count(pod_to_vpc.deny) == 1 with input as snap
}

test_not_applicable_without_device if {
	pod_to_vpc.not_applicable == "no device export in the snapshot" with input as data.hybridcheck.test.fixture.without_device
}
