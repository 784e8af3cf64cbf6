package hybridcheck.onprem.firewall.node_to_vpc_test

import data.hybridcheck.onprem.firewall.node_to_vpc
import data.hybridcheck.test.device
import data.hybridcheck.test.locate

test_pass_seed_allows_api if {
	count(node_to_vpc.deny) == 0 with input as device.compliant_with_device
	count(node_to_vpc.checked) == 1 with input as device.compliant_with_device
}

test_fail_second_vlan_rule_disabled if {
	snap := locate.patch(device.compliant_with_device, [{"op": "replace", "at": ["devices", "edge-fw", "firewall", "chains", "filter", "rules", {"description": "Hybrid nodes to Amazon EKS cluster", "interfaces": ["opt2"]}, "disabled"], "value": true}])
	some d in node_to_vpc.deny with input as snap
	[b.sources | some b in d.evidence.blocked] == [["10.200.1.0/24"]]
}

test_not_applicable_without_device if {
	node_to_vpc.not_applicable == "no device export in the snapshot" with input as data.hybridcheck.test.fixture.without_device
}
