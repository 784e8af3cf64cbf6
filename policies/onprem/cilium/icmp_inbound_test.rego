package hybridcheck.onprem.cilium.icmp_inbound_test

import data.hybridcheck.onprem.cilium.icmp_inbound
import data.hybridcheck.test.device

test_pass_seed_allows_pings if {
	count(icmp_inbound.deny) == 0 with input as device.compliant_with_device
	count(icmp_inbound.checked) == 4 with input as device.compliant_with_device
}

test_fail_vpc_pings_blocked if {
	snap := json.patch(device.compliant_with_device, [
		{"op": "replace", "path": "/devices/0/firewall/chains/0/rules/6/disabled", "value": true},
		{"op": "replace", "path": "/devices/0/firewall/chains/0/rules/8/icmp_types", "value": [8]},
	])
	{d.resource | some d in icmp_inbound.deny} == {"edge-fw: icmp/0 10.100.0.0/16 -> 10.200.0.0/16"} with input as snap
}

test_not_applicable_without_device if {
	icmp_inbound.not_applicable == "no device export in the snapshot" with input as data.hybridcheck.test.fixture.without_device
}
