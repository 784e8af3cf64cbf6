package hybridcheck.onprem.cilium.health_inbound_test

import data.hybridcheck.onprem.cilium.health_inbound
import data.hybridcheck.test.device
import data.hybridcheck.test.locate

test_pass_seed_allows_health if {
	count(health_inbound.deny) == 0 with input as device.compliant_with_device
	count(health_inbound.checked) == 2 with input as device.compliant_with_device
}

test_fail_node_to_node_missing if {
	snap := locate.patch(device.compliant_with_device, [{"op": "replace", "at": ["devices", "edge-fw", "firewall", "chains", "filter", "rules", {"description": "Hybrid node to hybrid node cilium-health", "interfaces": ["opt1"]}, "disabled"], "value": true}])
	{d.resource | some d in health_inbound.deny} == {"edge-fw: tcp/4240 10.200.0.0/16 -> 10.200.0.0/16"} with input as snap
}

test_not_applicable_without_device if {
	health_inbound.not_applicable == "no device export in the snapshot" with input as data.hybridcheck.test.fixture.without_device
}
