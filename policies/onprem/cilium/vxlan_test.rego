package hybridcheck.onprem.cilium.vxlan_test

import data.hybridcheck.onprem.cilium.vxlan
import data.hybridcheck.test.device
import data.hybridcheck.test.locate

with_vxlan(patch) := locate.patch(device.compliant_with_device, array.concat([{"op": "replace", "path": "/intent/cni_overlay", "value": "vxlan"}], patch))

vxlan_rule(iface) := device.pass(iface, "udp", device.nodes_net, device.ports(device.nodes_net, 8472, 8472), "VXLAN overlay")

test_not_applicable_without_vxlan if {
	vxlan.not_applicable == "the intent's cni_overlay is \"none\", not vxlan" with input as device.compliant_with_device
}

test_fail_seed_has_no_vxlan_rule if {
	{d.resource | some d in vxlan.deny} == {"edge-fw: udp/8472 10.200.0.0/16 -> 10.200.0.0/16"} with input as with_vxlan([])
}

test_pass_vxlan_rules if {
	snap := with_vxlan([
		{"op": "add", "at": ["devices", "edge-fw", "firewall", "chains", "filter", "rules", "-"], "value": object.union(vxlan_rule("opt1"), {"index": 26})},
		{"op": "add", "at": ["devices", "edge-fw", "firewall", "chains", "filter", "rules", "-"], "value": object.union(vxlan_rule("opt2"), {"index": 27})},
	])
	count(vxlan.deny) == 0 with input as snap
	count(vxlan.checked) == 1 with input as snap
}

test_not_applicable_without_device if {
	vxlan.not_applicable == "no device export in the snapshot" with input as data.hybridcheck.test.fixture.without_device
}
