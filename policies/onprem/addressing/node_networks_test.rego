package hybridcheck.onprem.addressing.node_networks_test

import data.hybridcheck.onprem.addressing.node_networks
import data.hybridcheck.test.device
import data.hybridcheck.test.locate

test_pass_seed_vlans if {
	count(node_networks.deny) == 0 with input as device.compliant_with_device
	node_networks.checked == {{"resource": "edge-fw", "message": "node networks on the device: 10.200.0.0/24 (opt1), 10.200.1.0/24 (opt2)"}} with input as device.compliant_with_device
}

test_fail_vlans_outside_node_cidrs if {
	snap := locate.patch(device.compliant_with_device, [
		{"op": "replace", "at": ["devices", "edge-fw", "interfaces", "opt1", "networks"], "value": ["10.210.0.0/24"]},
		{"op": "replace", "at": ["devices", "edge-fw", "interfaces", "opt2", "networks"], "value": ["10.210.1.0/24"]},
	])
	some d in node_networks.deny with input as snap
	d.resource == "edge-fw"
}

test_fail_node_vlans_disabled if {
	snap := locate.patch(device.compliant_with_device, [
		{"op": "replace", "at": ["devices", "edge-fw", "interfaces", "opt1", "enabled"], "value": false},
		{"op": "replace", "at": ["devices", "edge-fw", "interfaces", "opt2", "enabled"], "value": false},
	])
	count(node_networks.deny) == 1 with input as snap
}

test_pass_one_vlan_is_enough if {
	snap := locate.patch(device.compliant_with_device, [{"op": "replace", "at": ["devices", "edge-fw", "interfaces", "opt2", "enabled"], "value": false}])
	count(node_networks.deny) == 0 with input as snap
	node_networks.checked == {{"resource": "edge-fw", "message": "node networks on the device: 10.200.0.0/24 (opt1)"}} with input as snap
}

test_not_applicable_without_device if {
	node_networks.not_applicable == "no device export in the snapshot" with input as data.hybridcheck.test.fixture.without_device
}
