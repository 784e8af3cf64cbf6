package hybridcheck.onprem.firewall.kubelet_inbound_test

import data.hybridcheck.onprem.firewall.kubelet_inbound
import data.hybridcheck.test.device

test_pass_seed_allows_kubelet if {
	count(kubelet_inbound.deny) == 0 with input as device.compliant_with_device
	some c in kubelet_inbound.checked with input as device.compliant_with_device
	c.resource == "edge-fw: tcp/10250 10.100.0.0/16 -> 10.200.0.0/16"
	c.message == "allowed by filter rule 3 (\"Amazon EKS cluster to hybrid nodes\") at edge-fw-config.xml filter/rule[3]"
}

# The seeded defect: a block rule above the pass rule, cited as the blocker.
test_fail_block_above_pass if {
	block := object.union(device.pass("enc0", "tcp", device.any_address, device.ports(device.nodes_net, 10250, 10250), "Block kubelet"), {
		"action": "block", "index": 100, "tracker": "1700000999",
		"location": {"file": "edge-fw-config.xml", "line": 212},
	})
	snap := json.patch(device.compliant_with_device, [{"op": "add", "path": "/devices/0/firewall/chains/0/rules/3", "value": block}])
	some d in kubelet_inbound.deny with input as snap
	d.resource == "edge-fw: tcp/10250 10.100.0.0/16 -> 10.200.0.0/16"
	some b in d.evidence.blocked
	b.by.index == 100
	b.by.description == "Block kubelet"
	b.by.location.line == 212
	contains(d.message, "filter rule 100 (\"Block kubelet\") at edge-fw-config.xml:212")
}

test_fail_pass_rule_disabled if {
	snap := json.patch(device.compliant_with_device, [{"op": "replace", "path": "/devices/0/firewall/chains/0/rules/3/disabled", "value": true}])
	some d in kubelet_inbound.deny with input as snap
	some b in d.evidence.blocked
	b.by["default"] == "block"
}

test_fail_pass_rule_for_one_subnet if {
	snap := json.patch(device.compliant_with_device, [{"op": "replace", "path": "/devices/0/firewall/chains/0/rules/3/destination/cidrs", "value": ["10.200.0.0/24"]}])
	some d in kubelet_inbound.deny with input as snap
	d.evidence.partially_allowed
	[b.destinations | some b in d.evidence.blocked] == [["10.200.1.0/24"]]
}

test_not_applicable_without_device if {
	kubelet_inbound.not_applicable == "no device export in the snapshot" with input as data.hybridcheck.test.fixture.without_device
}
